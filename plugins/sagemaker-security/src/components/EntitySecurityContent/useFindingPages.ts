import { useApi } from '@backstage/core-plugin-api';
import type {
  CheckResult,
  EntityScorecard,
  ResultStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import { useCallback, useMemo, useState } from 'react';
import { sageMakerSecurityApiRef } from '../../api';

/** Results loaded per "Show more". */
export const FINDINGS_PAGE_SIZE = 50;

const keyOf = (r: CheckResult) => `${r.resourceArn}|${r.checkId}`;

/** The results of an entity, loaded a page at a time. */
export interface FindingPages {
  /** The scorecard's first page and every page loaded since, worst first. */
  results: CheckResult[];
  /** How many results of these statuses the entity has in all. */
  total(statuses: readonly ResultStatus[]): number;
  /** Loads the next page of results of these statuses. */
  loadMore(statuses: readonly ResultStatus[]): Promise<void>;
  /** The statuses (joined by commas) whose next page is loading. */
  loading?: string;
  error?: Error;
}

/**
 * The scorecard sends its worst results first (`results`, a page of
 * `resultsPage.totalCount`); the rest are loaded on demand, by status, from
 * `GET /scorecards/entity/findings` in the same order. A filtered page
 * continues the results of its statuses already loaded, as the server orders
 * the filtered list as it orders the whole. A reloaded scorecard starts over.
 */
export function useFindingPages(scorecard: EntityScorecard): FindingPages {
  const api = useApi(sageMakerSecurityApiRef);
  const [state, setState] = useState<{
    of: EntityScorecard;
    more: CheckResult[];
    loading?: string;
    error?: Error;
  }>({ of: scorecard, more: [] });
  const current =
    state.of === scorecard ? state : { more: [] as CheckResult[] };
  const results = useMemo(
    () => [...scorecard.results, ...current.more],
    [scorecard.results, current.more],
  );
  const complete = scorecard.resultsPage.totalCount <= scorecard.results.length;

  const total = useCallback(
    (statuses: readonly ResultStatus[]) =>
      complete
        ? results.filter(r => statuses.includes(r.status)).length
        : statuses.reduce((sum, s) => sum + scorecard.score.counts[s], 0),
    [complete, results, scorecard.score.counts],
  );

  const loadMore = useCallback(
    async (statuses: readonly ResultStatus[]) => {
      const loaded = results.filter(r => statuses.includes(r.status)).length;
      setState({ of: scorecard, more: current.more, loading: statuses.join() });
      try {
        const page = await api.listEntityFindings({
          entityRef: scorecard.entityRef,
          status: [...statuses],
          offset: loaded,
          limit: FINDINGS_PAGE_SIZE,
        });
        setState(prev => {
          const more = prev.of === scorecard ? prev.more : [];
          const seen = new Set([...scorecard.results, ...more].map(keyOf));
          return {
            of: scorecard,
            more: [...more, ...page.items.filter(r => !seen.has(keyOf(r)))],
          };
        });
      } catch (error) {
        setState(prev => ({
          of: scorecard,
          more: prev.of === scorecard ? prev.more : [],
          error: error as Error,
        }));
      }
    },
    [api, scorecard, results, current.more],
  );

  return {
    results,
    total,
    loadMore,
    loading: state.of === scorecard ? state.loading : undefined,
    error: state.of === scorecard ? state.error : undefined,
  };
}
