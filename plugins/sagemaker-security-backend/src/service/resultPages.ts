/**
 * Pages of an entity's results, worst first (the order of -common's
 * `compareResults`, shared with the frontend): the scorecard sends the first
 * page, `GET /scorecards/entity/findings` the rest.
 */
import {
  CheckResult,
  compareResults,
  Page,
  Pillar,
  ResultStatus,
} from '@mlsec/plugin-sagemaker-security-common';

/** Results in the scorecard's first page unless the caller asks otherwise. */
export const DEFAULT_FINDINGS_LIMIT = 50;

/** Which results, and which page of them. */
export interface ResultPageQuery {
  offset?: number;
  limit?: number;
  status?: ResultStatus[];
  pillar?: Pillar;
  resourceArn?: string;
}

/** The page of `results` the query asks for, worst first. */
export function pageResults(
  results: CheckResult[],
  query: ResultPageQuery,
): Page<CheckResult> {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_FINDINGS_LIMIT;
  const statuses = query.status ? new Set(query.status) : undefined;
  const matching = results
    .filter(
      r =>
        (!statuses || statuses.has(r.status)) &&
        (!query.pillar || r.pillar === query.pillar) &&
        (!query.resourceArn || r.resourceArn === query.resourceArn),
    )
    .sort(compareResults);
  return {
    items: matching.slice(offset, offset + limit),
    totalCount: matching.length,
    offset,
    limit,
  };
}
