import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  FactKind,
  FactLookup,
  RelatedFact,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import type {
  FactKey,
  FactRefresh,
  ScanningInventoryStore,
  ResourceQuery,
  ScanTarget,
  StoredResource,
  TypeState,
} from '../InventoryStore';
import { chunk } from '../../util/chunk';
import { DatabaseScanStore } from './DatabaseScanStore';
import { decodeCursor, encodeCursor } from './cursor';
import { getFactRefresh, touchFacts } from './factRefresh';
import { getTypeStates } from './typeStates';
import { upsertFacts } from './upsertFacts';
import { getMigratedClient } from './migrate';
import {
  FACTS,
  FactRow,
  RESOURCES,
  ResourceRow,
  resourceContent,
  TAGS,
  toFact,
  toStoredResource,
} from './rows';

/** Rows per statement: keeps SQLite under its bound-variable limit. */
const BATCH = 100;
/** Terminal job statuses; compilation (Neo) jobs spell theirs in capitals. */
const TERMINAL_JOB_STATUSES = [
  'Completed',
  'Failed',
  'Stopped',
  'Deleted',
  'COMPLETED',
  'FAILED',
  'STOPPED',
];
/** Fact kinds keyed by a globally unique ARN or bucket name. */
const GLOBAL_KEY_KINDS: FactKind[] = ['iam-role', 'kms-key', 's3-bucket'];

/** Knex implementation of {@link InventoryStore} (SQLite and PostgreSQL). */
export class DatabaseInventoryStore
  extends DatabaseScanStore
  implements ScanningInventoryStore
{
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseInventoryStore> {
    return new DatabaseInventoryStore(
      await getMigratedClient(options.database),
    );
  }

  async upsertResources(
    resources: SageMakerResource[],
    seenAt: string,
  ): Promise<void> {
    const unique = [...new Map(resources.map(r => [r.arn, r])).values()];
    for (const part of chunk(unique, BATCH)) {
      await this.db.transaction(tx =>
        this.upsertResourceBatch(tx, part, seenAt),
      );
    }
  }

  private async upsertResourceBatch(
    tx: Knex.Transaction,
    resources: SageMakerResource[],
    seenAt: string,
  ) {
    const existing = new Map(
      (
        await tx<ResourceRow>(RESOURCES)
          .whereIn(
            'arn',
            resources.map(r => r.arn),
          )
          .select('arn', 'content_hash', 'deleted_at')
      ).map(row => [row.arn, row]),
    );
    const unchanged: string[] = [];
    for (const resource of resources) {
      const content = resourceContent(resource);
      const old = existing.get(resource.arn);
      if (old && old.content_hash === content.content_hash && !old.deleted_at) {
        unchanged.push(resource.arn);
        continue;
      }
      if (old) {
        await tx<ResourceRow>(RESOURCES)
          .where({ arn: resource.arn })
          .update({
            ...content,
            last_seen_at: seenAt,
            updated_at: seenAt,
            deleted_at: null,
          });
        await tx(TAGS).where({ arn: resource.arn }).delete();
      } else {
        // Another worker may insert the same row meanwhile: then it merges.
        await tx<ResourceRow>(RESOURCES)
          .insert({
            arn: resource.arn,
            ...content,
            first_seen_at: seenAt,
            last_seen_at: seenAt,
            updated_at: seenAt,
            deleted_at: null,
          })
          .onConflict('arn')
          .merge([
            ...(Object.keys(content) as Array<keyof ResourceRow>),
            'last_seen_at',
            'updated_at',
            'deleted_at',
          ]);
      }
      const tags = Object.entries(resource.tags ?? {});
      for (const part of chunk(tags, BATCH)) {
        await tx(TAGS)
          .insert(
            part.map(([key, value]) => ({ arn: resource.arn, key, value })),
          )
          .onConflict(['arn', 'key'])
          .merge(['value']);
      }
    }
    await this.touch(tx, unchanged, seenAt);
  }

  async touchResources(arns: string[], seenAt: string): Promise<void> {
    for (const part of chunk(arns, BATCH))
      await this.touch(this.db, part, seenAt);
  }

  /** Moves only `last_seen_at`; content columns stay untouched. */
  private async touch(db: Knex, arns: string[], seenAt: string) {
    if (arns.length === 0) return;
    await db<ResourceRow>(RESOURCES)
      .whereIn('arn', arns)
      .where('last_seen_at', '<', seenAt)
      .update({ last_seen_at: seenAt });
  }

  async markDeleted(
    target: ScanTarget,
    types: ResourceType[],
    notSeenSince: string,
    deletedAt: string,
    options?: { createdAfter?: string },
  ): Promise<number> {
    const query = this.db<ResourceRow>(RESOURCES)
      .where({ account_id: target.accountId, region: target.region })
      .whereIn('type', types)
      .whereNull('deleted_at')
      .where('last_seen_at', '<', notSeenSince);
    if (options?.createdAfter)
      query.where('created_at', '>=', options.createdAfter);
    return query.update({ deleted_at: deletedAt, updated_at: deletedAt });
  }

  async getResource(arn: string): Promise<StoredResource | undefined> {
    const row = await this.db<ResourceRow>(RESOURCES).where({ arn }).first();
    return row ? toStoredResource(row) : undefined;
  }

  async listResources(
    query: ResourceQuery,
  ): Promise<{ items: StoredResource[]; nextCursor?: string }> {
    const limit = Math.max(1, Math.min(query.limit ?? 500, 5000));
    const q = this.db<ResourceRow>(`${RESOURCES} as r`).select('r.*');
    if (query.types?.length) q.whereIn('r.type', query.types);
    if (query.accountId) q.where('r.account_id', query.accountId);
    if (query.region) q.where('r.region', query.region);
    if (query.arns) q.whereIn('r.arn', query.arns);
    if (!query.includeDeleted) q.whereNull('r.deleted_at');
    const except = query.exceptStatuses ?? [];
    if (except.length > 0) {
      q.where(w => w.whereNull('r.status').orWhereNotIn('r.status', except));
    }
    for (const { key, value } of query.tags ?? []) {
      q.whereExists(
        this.db(`${TAGS} as t`)
          .whereRaw('?? = ??', ['t.arn', 'r.arn'])
          .where({ 't.key': key, 't.value': value })
          .select(this.db.raw('1')),
      );
    }
    if (query.cursor) q.where('r.arn', '>', decodeCursor(query.cursor));
    const rows: ResourceRow[] = await q.orderBy('r.arn').limit(limit + 1);
    const items = rows.slice(0, limit).map(toStoredResource);
    return {
      items,
      ...(rows.length > limit
        ? { nextCursor: encodeCursor(items[items.length - 1].arn) }
        : {}),
    };
  }

  async listResourceVersions(
    target: ScanTarget,
  ): Promise<Array<{ arn: string; version: string }>> {
    const rows: Array<{
      arn: string;
      content_hash: string;
      first_seen_at: string;
    }> = await this.db(RESOURCES)
      .select('arn', 'content_hash', 'first_seen_at')
      .where({ account_id: target.accountId, region: target.region })
      .whereNull('deleted_at')
      .orderBy('arn');
    // The content hash covers every column but the ARN and the times.
    return rows.map(row => ({
      arn: row.arn,
      version: `${row.content_hash}|${row.first_seen_at}`,
    }));
  }

  async getCompletedJobNames(
    target: ScanTarget,
    type: ResourceType,
  ): Promise<Set<string>> {
    return (await this.getCompletedJobs(target, type, () => false)).names;
  }

  async getCompletedJobs(
    target: ScanTarget,
    type: ResourceType,
    tagsDue: (arn: string, lastSeenAt: string) => boolean,
  ): Promise<{ names: Set<string>; tagsDue: Set<string> }> {
    const rows = await this.db<ResourceRow>(RESOURCES)
      .where({
        account_id: target.accountId,
        region: target.region,
        type,
        errors: '[]',
      })
      .whereIn('status', TERMINAL_JOB_STATUSES)
      .whereNull('deleted_at')
      .select('name', 'arn', 'last_seen_at');
    // Only names are kept: at 500,000 jobs this set is what a scan holds.
    const names = new Set<string>();
    const due = new Set<string>();
    for (const row of rows) {
      names.add(row.name);
      if (tagsDue(row.arn, row.last_seen_at)) due.add(row.name);
    }
    return { names, tagsDue: due };
  }

  async countResources(
    target: ScanTarget,
    type: ResourceType,
  ): Promise<{ count: number; lastSeenAt?: string }> {
    const row = (await this.db<ResourceRow>(RESOURCES)
      .where({ account_id: target.accountId, region: target.region, type })
      .whereNull('deleted_at')
      .count({ count: '*' })
      .max({ lastSeenAt: 'last_seen_at' })
      .first()) as
      | { count: number | string; lastSeenAt: string | null }
      | undefined;
    return {
      count: Number(row?.count ?? 0),
      ...(row?.lastSeenAt ? { lastSeenAt: row.lastSeenAt } : {}),
    };
  }

  async getResources(arns: string[]): Promise<Map<string, StoredResource>> {
    const found = new Map<string, StoredResource>();
    for (const part of chunk([...new Set(arns)], BATCH)) {
      const rows = await this.db<ResourceRow>(RESOURCES).whereIn('arn', part);
      for (const row of rows) found.set(row.arn, toStoredResource(row));
    }
    return found;
  }

  upsertFacts(facts: RelatedFact[], seenAt: string): Promise<void> {
    return upsertFacts(this.db, facts, seenAt, BATCH);
  }

  touchFacts(facts: FactKey[], seenAt: string): Promise<void> {
    return touchFacts(this.db, facts, seenAt);
  }

  getFactRefresh(target: ScanTarget): Promise<FactRefresh> {
    return getFactRefresh(this.db, target);
  }

  getTypeStates(target: ScanTarget): Promise<Map<ResourceType, TypeState>> {
    return getTypeStates(this.db, target);
  }

  async getFact<K extends FactKind>(
    kind: K,
    accountId: string,
    region: string,
    key: string,
  ): Promise<RelatedFact<K> | undefined> {
    const row = await this.db<FactRow>(FACTS)
      .where({ kind, account_id: accountId, region, key })
      .first();
    return row ? (toFact(row) as RelatedFact<K>) : undefined;
  }

  async countFacts(kind: FactKind, accountId: string): Promise<number> {
    const row = await this.db<FactRow>(FACTS)
      .where({ kind, account_id: accountId })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /**
   * Facts of the accounts, plus roles and keys of other accounts that their
   * resources refer to. Roles, keys and buckets are also found by key alone,
   * since an ARN or bucket name is unique on its own.
   */
  async loadFacts(accountIds: string[]): Promise<FactLookup> {
    const rows = await this.db<FactRow>(FACTS)
      .whereIn('account_id', accountIds)
      .orWhereIn('kind', ['iam-role', 'kms-key']);
    const exact = new Map<string, RelatedFact>();
    const byKey = new Map<string, RelatedFact>();
    for (const row of rows) {
      const fact = toFact(row);
      exact.set(
        `${fact.kind}|${fact.accountId}|${fact.region}|${fact.key}`,
        fact,
      );
      if (GLOBAL_KEY_KINDS.includes(fact.kind))
        byKey.set(`${fact.kind}|${fact.key}`, fact);
    }
    return {
      get<K extends FactKind>(
        kind: K,
        accountId: string,
        region: string,
        key: string,
      ) {
        return (exact.get(`${kind}|${accountId}|${region}|${key}`) ??
          (GLOBAL_KEY_KINDS.includes(kind)
            ? byKey.get(`${kind}|${key}`)
            : undefined)) as RelatedFact<K> | undefined;
      },
    };
  }
}
