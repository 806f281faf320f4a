/** Rows of `check_results`: columns, content hash, conversions, deletes. */
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import type {
  CheckStatus,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import { toIsoString } from '../util/time';
import type { NewResult, StoredResult } from './ResultStore';

export const RESULTS = 'check_results';

export type ResultRow = {
  resource_arn: string;
  check_id: string;
  resource_type: string;
  resource_name: string;
  account_id: string;
  region: string;
  pillar: string;
  severity: string;
  status: string;
  message: string;
  evidence: string;
  missing: string | null;
  fingerprint: string;
  since: unknown;
  updated_at: unknown;
};

/** The content of a result that makes it "changed" when it differs. */
export function fingerprint(result: NewResult): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        result.status,
        result.message,
        result.evidence,
        result.missing ?? null,
        result.resourceName,
        result.resourceType,
        result.pillar,
        result.severity,
        result.accountId,
        result.region,
      ]),
    )
    .digest('hex');
}

/** Deletes results by (resource, check): all of a resource's checks at once. */
export async function deletePairs(
  tx: Knex.Transaction,
  pairs: Array<{ resource_arn: string; check_id: string }>,
): Promise<void> {
  const byArn = new Map<string, string[]>();
  for (const { resource_arn, check_id } of pairs) {
    const list = byArn.get(resource_arn) ?? [];
    list.push(check_id);
    byArn.set(resource_arn, list);
  }
  // Resources grouped by the checks removed, one statement per group and chunk.
  const byChecks = new Map<string, { checks: string[]; arns: string[] }>();
  for (const [arn, checks] of byArn) {
    const key = checks.sort().join('\u0000');
    const group = byChecks.get(key) ?? { checks, arns: [] };
    group.arns.push(arn);
    byChecks.set(key, group);
  }
  for (const { checks, arns } of byChecks.values()) {
    for (const part of chunk(arns, 500)) {
      await tx(RESULTS)
        .whereIn('resource_arn', part)
        .whereIn('check_id', checks)
        .delete();
    }
  }
}

export const COLUMNS = [
  'resource_arn',
  'check_id',
  'resource_type',
  'resource_name',
  'account_id',
  'region',
  'pillar',
  'severity',
  'status',
  'message',
  'evidence',
  'missing',
  'fingerprint',
  'since',
  'updated_at',
] as const;

/** A row as `upsertRows` takes it (the columns above, in order). */
export function toValues(
  result: NewResult,
  contentHash: string,
  at: Date,
): unknown[] {
  return [
    result.resourceArn,
    result.checkId,
    result.resourceType,
    result.resourceName,
    result.accountId,
    result.region,
    result.pillar,
    result.severity,
    result.status,
    result.message,
    JSON.stringify(result.evidence),
    result.missing ? JSON.stringify(result.missing) : null,
    contentHash,
    at,
    at,
  ];
}

export function transition(
  result: NewResult,
  fromStatus: CheckStatus | null,
  at: Date,
): StatusTransition {
  return {
    resourceArn: result.resourceArn,
    checkId: result.checkId,
    fromStatus,
    toStatus: result.status,
    at: at.toISOString(),
  };
}

export function fromRow(row: ResultRow, evaluatedAt: string): StoredResult {
  return {
    resourceArn: row.resource_arn,
    checkId: row.check_id,
    resourceType: row.resource_type as StoredResult['resourceType'],
    resourceName: row.resource_name,
    accountId: row.account_id,
    region: row.region,
    pillar: row.pillar as StoredResult['pillar'],
    severity: row.severity as StoredResult['severity'],
    status: row.status as CheckStatus,
    message: row.message,
    evidence: JSON.parse(row.evidence),
    ...(row.missing ? { missing: JSON.parse(row.missing) } : {}),
    since: toIsoString(row.since),
    evaluatedAt,
  };
}
