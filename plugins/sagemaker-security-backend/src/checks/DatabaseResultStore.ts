import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import type {
  CheckStatus,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import { toIsoString } from '../util/time';
import {
  NewResult,
  ResultQuery,
  ResultStore,
  ResultTarget,
  resultKey,
  StoredResult,
} from './ResultStore';

const RESULTS = 'check_results';
const TARGETS = 'evaluation_targets';

type ResultRow = {
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
function fingerprint(result: NewResult): string {
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

function toRow(result: NewResult, since: Date, at: Date) {
  return {
    resource_arn: result.resourceArn,
    check_id: result.checkId,
    resource_type: result.resourceType,
    resource_name: result.resourceName,
    account_id: result.accountId,
    region: result.region,
    pillar: result.pillar,
    severity: result.severity,
    status: result.status,
    message: result.message,
    evidence: JSON.stringify(result.evidence),
    missing: result.missing ? JSON.stringify(result.missing) : null,
    fingerprint: fingerprint(result),
    since,
    updated_at: at,
  };
}

export class DatabaseResultStore implements ResultStore {
  constructor(private readonly db: Knex) {}

  async saveResults(
    results: NewResult[],
    at: Date,
  ): Promise<StatusTransition[]> {
    const transitions: StatusTransition[] = [];
    const byArn = new Map<string, NewResult[]>();
    for (const result of results) {
      const list = byArn.get(result.resourceArn) ?? [];
      list.push(result);
      byArn.set(result.resourceArn, list);
    }

    for (const arns of chunk([...byArn.keys()], 200)) {
      const existing = new Map<
        string,
        { status: string; fingerprint: string }
      >();
      const rows = await this.db(RESULTS)
        .select('resource_arn', 'check_id', 'status', 'fingerprint')
        .whereIn('resource_arn', arns);
      for (const row of rows) {
        existing.set(resultKey(row.resource_arn, row.check_id), row);
      }

      const inserts: ReturnType<typeof toRow>[] = [];
      const updates: ReturnType<typeof toRow>[] = [];
      for (const result of arns.flatMap(arn => byArn.get(arn)!)) {
        const previous = existing.get(
          resultKey(result.resourceArn, result.checkId),
        );
        if (!previous) {
          inserts.push(toRow(result, at, at));
          transitions.push(transition(result, null, at));
          continue;
        }
        if (previous.fingerprint === fingerprint(result)) {
          continue;
        }
        const statusChanged = previous.status !== result.status;
        const row = toRow(result, at, at);
        if (!statusChanged) {
          // Keep `since`: only the status starts a new period.
          delete (row as Partial<typeof row>).since;
        } else {
          transitions.push(
            transition(result, previous.status as CheckStatus, at),
          );
        }
        updates.push(row);
      }

      if (inserts.length === 0 && updates.length === 0) {
        continue;
      }
      await this.db.transaction(async tx => {
        for (const batch of chunk(inserts, 50)) {
          await tx(RESULTS).insert(batch);
        }
        for (const row of updates) {
          const { resource_arn, check_id, ...changes } = row;
          await tx(RESULTS).where({ resource_arn, check_id }).update(changes);
        }
      });
    }
    return transitions;
  }

  async pruneTarget(
    target: ResultTarget,
    keep: ReadonlySet<string>,
    at: Date,
  ): Promise<StatusTransition[]> {
    const rows: Array<{
      resource_arn: string;
      check_id: string;
      status: CheckStatus;
    }> = await this.db(RESULTS)
      .select('resource_arn', 'check_id', 'status')
      .where({ account_id: target.accountId, region: target.region });
    const stale = rows.filter(
      row => !keep.has(resultKey(row.resource_arn, row.check_id)),
    );
    if (stale.length === 0) {
      return [];
    }
    await this.db.transaction(async tx => {
      for (const batch of chunk(stale, 100)) {
        await tx(RESULTS)
          .where(builder => {
            for (const row of batch) {
              builder.orWhere({
                resource_arn: row.resource_arn,
                check_id: row.check_id,
              });
            }
          })
          .delete();
      }
    });
    return stale.map(row => ({
      resourceArn: row.resource_arn,
      checkId: row.check_id,
      fromStatus: row.status,
      toStatus: null,
      at: at.toISOString(),
    }));
  }

  async markEvaluated(
    target: ResultTarget,
    at: Date,
    scanId?: string,
  ): Promise<void> {
    await this.db(TARGETS)
      .insert({
        account_id: target.accountId,
        region: target.region,
        scan_id: scanId ?? null,
        evaluated_at: at,
      })
      .onConflict(['account_id', 'region'])
      .merge(['scan_id', 'evaluated_at']);
  }

  async listResults(query: ResultQuery): Promise<StoredResult[]> {
    if (query.arns && query.arns.length === 0) {
      return [];
    }
    const arnChunks = query.arns ? chunk(query.arns, 500) : [undefined];
    const evaluatedAt = await this.evaluationTimes();
    const results: StoredResult[] = [];
    for (const arns of arnChunks) {
      const builder = this.db<ResultRow>(RESULTS).select('*');
      if (arns) {
        builder.whereIn('resource_arn', arns);
      }
      if (query.checkIds) {
        builder.whereIn('check_id', query.checkIds);
      }
      if (query.accountId) {
        builder.where('account_id', query.accountId);
      }
      if (query.region) {
        builder.where('region', query.region);
      }
      builder.orderBy([
        { column: 'resource_arn', order: 'asc' },
        { column: 'check_id', order: 'asc' },
      ]);
      for (const row of await builder) {
        results.push(
          fromRow(
            row,
            evaluatedAt.get(`${row.account_id}|${row.region}`) ??
              toIsoString(row.updated_at),
          ),
        );
      }
    }
    return results;
  }

  async listEvaluatedTargets(): Promise<ResultTarget[]> {
    const rows = await this.db(TARGETS)
      .select('account_id', 'region')
      .orderBy(['account_id', 'region']);
    return rows.map(row => ({ accountId: row.account_id, region: row.region }));
  }

  async getLastEvaluatedAt(): Promise<string | undefined> {
    const times = [...(await this.evaluationTimes()).values()];
    return times.sort().pop();
  }

  private async evaluationTimes(): Promise<Map<string, string>> {
    const rows = await this.db(TARGETS).select(
      'account_id',
      'region',
      'evaluated_at',
    );
    return new Map(
      rows.map(row => [
        `${row.account_id}|${row.region}`,
        toIsoString(row.evaluated_at),
      ]),
    );
  }
}

function transition(
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

function fromRow(row: ResultRow, evaluatedAt: string): StoredResult {
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
