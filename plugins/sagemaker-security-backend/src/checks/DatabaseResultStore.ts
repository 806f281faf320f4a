import { Knex } from 'knex';
import type {
  CheckStatus,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import { upsertRows } from '../util/bulkWrite';
import { toIsoString } from '../util/time';
import {
  NewResult,
  ResultQuery,
  ResultStore,
  ResultTarget,
  resultKey,
  StoredResult,
} from './ResultStore';
import {
  COLUMNS,
  deletePairs,
  fingerprint,
  fromRow,
  RESULTS,
  ResultRow,
  toValues,
  transition,
} from './resultRows';

const TARGETS = 'evaluation_targets';

/** Resources whose existing rows are read per query. */
const ARNS_PER_READ = 500;

export class DatabaseResultStore implements ResultStore {
  constructor(private readonly db: Knex) {}

  saveResults(results: NewResult[], at: Date): Promise<StatusTransition[]> {
    return this.write(results, at);
  }

  async replaceResults(
    arns: string[],
    results: NewResult[],
    at: Date,
  ): Promise<StatusTransition[]> {
    return this.write(results, at, arns);
  }

  /**
   * Inserts new results, updates changed ones (`since` moves only with the
   * status) and, for the resources of `replace`, deletes the results they
   * no longer have: batched statements, one transaction per chunk of
   * resources.
   */
  private async write(
    results: NewResult[],
    at: Date,
    replace: string[] = [],
  ): Promise<StatusTransition[]> {
    const transitions: StatusTransition[] = [];
    const byArn = new Map<string, NewResult[]>();
    for (const arn of replace) byArn.set(arn, []);
    for (const result of results) {
      const list = byArn.get(result.resourceArn) ?? [];
      list.push(result);
      byArn.set(result.resourceArn, list);
    }
    const replaced = new Set(replace);

    for (const arns of chunk([...byArn.keys()], ARNS_PER_READ)) {
      const existing = new Map<
        string,
        {
          resource_arn: string;
          check_id: string;
          status: string;
          fingerprint: string;
        }
      >();
      const rows = await this.db(RESULTS)
        .select('resource_arn', 'check_id', 'status', 'fingerprint')
        .whereIn('resource_arn', arns);
      for (const row of rows) {
        existing.set(resultKey(row.resource_arn, row.check_id), row);
      }

      const inserts: unknown[][] = [];
      const statusChanges: unknown[][] = [];
      const contentChanges: unknown[][] = [];
      for (const result of arns.flatMap(arn => byArn.get(arn)!)) {
        const key = resultKey(result.resourceArn, result.checkId);
        const previous = existing.get(key);
        existing.delete(key);
        const contentHash = fingerprint(result);
        if (!previous) {
          inserts.push(toValues(result, contentHash, at));
          transitions.push(transition(result, null, at));
        } else if (previous.fingerprint !== contentHash) {
          if (previous.status !== result.status) {
            transitions.push(
              transition(result, previous.status as CheckStatus, at),
            );
            statusChanges.push(toValues(result, contentHash, at));
          } else {
            // Keep `since`: only the status starts a new period.
            contentChanges.push(toValues(result, contentHash, at));
          }
        }
      }
      const removed = [...existing.values()].filter(row =>
        replaced.has(row.resource_arn),
      );
      for (const row of removed) {
        transitions.push({
          resourceArn: row.resource_arn,
          checkId: row.check_id,
          fromStatus: row.status as CheckStatus,
          toStatus: null,
          at: at.toISOString(),
        });
      }
      if (
        inserts.length + statusChanges.length + contentChanges.length === 0 &&
        removed.length === 0
      ) {
        continue;
      }
      await this.db.transaction(async tx => {
        const columns = [...COLUMNS];
        const conflict = ['resource_arn', 'check_id'];
        await upsertRows(tx, RESULTS, { columns, rows: inserts });
        await upsertRows(tx, RESULTS, {
          columns,
          rows: statusChanges,
          conflict,
        });
        await upsertRows(tx, RESULTS, {
          columns,
          rows: contentChanges,
          conflict,
          merge: columns.filter(c => !conflict.includes(c) && c !== 'since'),
        });
        await deletePairs(tx, removed);
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
    return this.remove(
      rows.filter(row => !keep.has(resultKey(row.resource_arn, row.check_id))),
      at,
    );
  }

  async pruneResources(
    target: ResultTarget,
    keepArns: ReadonlySet<string>,
    at: Date,
  ): Promise<StatusTransition[]> {
    // The target's resources first (one row each), then the rows of the gone.
    const arns: string[] = (
      await this.db(RESULTS)
        .distinct('resource_arn')
        .where({ account_id: target.accountId, region: target.region })
    ).map((row: { resource_arn: string }) => row.resource_arn);
    const gone = arns.filter(arn => !keepArns.has(arn));
    const stale: Array<{
      resource_arn: string;
      check_id: string;
      status: CheckStatus;
    }> = [];
    for (const part of chunk(gone, ARNS_PER_READ)) {
      stale.push(
        ...(await this.db(RESULTS)
          .select('resource_arn', 'check_id', 'status')
          .whereIn('resource_arn', part)),
      );
    }
    return this.remove(stale, at);
  }

  private async remove(
    stale: Array<{
      resource_arn: string;
      check_id: string;
      status: CheckStatus;
    }>,
    at: Date,
  ): Promise<StatusTransition[]> {
    if (stale.length === 0) {
      return [];
    }
    await this.db.transaction(tx => deletePairs(tx, stale));
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
