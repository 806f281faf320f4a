/**
 * An in-memory InventoryStore for tests of the engine, scorecards and API
 * (the knex implementation belongs to the inventory folder).
 */
import type {
  FactKind,
  FactLookup,
  RelatedFact,
  ResourceType,
  SageMakerResource,
  ScanStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  InventoryStore,
  ResourceQuery,
  ScanHead,
  ScanRun,
  ScanTarget,
  ScanTargetProgress,
  StoredResource,
} from '../../inventory/InventoryStore';

const TERMINAL_JOB_STATUSES = [
  'Completed',
  'Failed',
  'Stopped',
  'COMPLETED',
  'FAILED',
  'STOPPED',
];

export class InMemoryInventoryStore implements InventoryStore {
  readonly resources = new Map<string, StoredResource>();
  readonly facts = new Map<string, RelatedFact>();
  readonly scans: ScanRun[] = [];
  /** Every listResources query, so tests can see the engine pages. */
  readonly queries: ResourceQuery[] = [];

  async createScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets: ScanTarget[];
  }): Promise<ScanRun> {
    const scan: ScanRun = {
      id: `scan-${this.scans.length + 1}`,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      status: 'running',
      startedAt: new Date().toISOString(),
      targets: input.targets.map(t => ({
        ...t,
        status: 'pending',
        resourceCount: 0,
        errorCount: 0,
        errors: [],
      })),
    };
    this.scans.push(scan);
    return structuredClone(scan);
  }

  async updateScanTarget(
    scanId: string,
    target: ScanTarget,
    patch: Partial<Omit<ScanTargetProgress, 'accountId' | 'region'>>,
  ): Promise<void> {
    const scan = this.scans.find(s => s.id === scanId);
    const progress = scan?.targets.find(
      t => t.accountId === target.accountId && t.region === target.region,
    );
    if (progress) {
      Object.assign(progress, patch);
    }
  }

  async finishScan(
    scanId: string,
    status: ScanStatus,
    callCounts?: Record<string, number>,
  ): Promise<void> {
    const scan = this.scans.find(s => s.id === scanId);
    if (scan) {
      scan.status = status;
      scan.finishedAt = new Date().toISOString();
      scan.callCounts = callCounts;
    }
  }

  async getScan(scanId: string): Promise<ScanRun | undefined> {
    const scan = this.scans.find(s => s.id === scanId);
    return scan && structuredClone(scan);
  }

  async getLatestScanHead(): Promise<ScanHead | undefined> {
    const latest = await this.getLatestScan();
    if (!latest) return undefined;
    const { targets, callCounts, ...head } = latest;
    return head;
  }

  async getLatestScan(statuses?: ScanStatus[]): Promise<ScanRun | undefined> {
    const matching = this.scans.filter(
      s => !statuses || statuses.includes(s.status),
    );
    const latest = matching[matching.length - 1];
    return latest && structuredClone(latest);
  }

  async upsertResources(
    resources: SageMakerResource[],
    seenAt: string,
  ): Promise<void> {
    for (const resource of resources) {
      const previous = this.resources.get(resource.arn);
      this.resources.set(resource.arn, {
        ...resource,
        firstSeenAt: previous?.firstSeenAt ?? seenAt,
        lastSeenAt: seenAt,
      });
    }
  }

  async markDeleted(
    target: ScanTarget,
    types: ResourceType[],
    notSeenSince: string,
    deletedAt: string,
  ): Promise<number> {
    let count = 0;
    for (const resource of this.resources.values()) {
      if (
        resource.accountId === target.accountId &&
        resource.region === target.region &&
        types.includes(resource.type) &&
        !resource.deletedAt &&
        resource.lastSeenAt < notSeenSince
      ) {
        resource.deletedAt = deletedAt;
        count += 1;
      }
    }
    return count;
  }

  async getResource(arn: string): Promise<StoredResource | undefined> {
    const resource = this.resources.get(arn);
    return resource && structuredClone(resource);
  }

  async listResources(
    query: ResourceQuery,
  ): Promise<{ items: StoredResource[]; nextCursor?: string }> {
    this.queries.push(query);
    const matching = [...this.resources.values()]
      .filter(r => query.includeDeleted || !r.deletedAt)
      .filter(r => !query.types || query.types.includes(r.type))
      .filter(r => !query.accountId || r.accountId === query.accountId)
      .filter(r => !query.region || r.region === query.region)
      .filter(r => !query.arns || query.arns.includes(r.arn))
      .filter(
        r => !query.tags || query.tags.every(t => r.tags[t.key] === t.value),
      )
      .sort((a, b) => a.arn.localeCompare(b.arn));
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 500;
    const items = matching
      .slice(offset, offset + limit)
      .map(r => structuredClone(r));
    const next = offset + limit;
    return next < matching.length
      ? { items, nextCursor: String(next) }
      : { items };
  }

  async getCompletedJobNames(
    target: ScanTarget,
    type: ResourceType,
  ): Promise<Set<string>> {
    return new Set(
      [...this.resources.values()]
        .filter(
          r =>
            r.accountId === target.accountId &&
            r.region === target.region &&
            r.type === type &&
            TERMINAL_JOB_STATUSES.includes(r.status ?? ''),
        )
        .map(r => r.name),
    );
  }

  async upsertFacts(facts: RelatedFact[], _seenAt: string): Promise<void> {
    for (const fact of facts) {
      this.facts.set(
        factKey(fact.kind, fact.accountId, fact.region, fact.key),
        fact,
      );
    }
  }

  async getFact<K extends FactKind>(
    kind: K,
    accountId: string,
    region: string,
    key: string,
  ): Promise<RelatedFact<K> | undefined> {
    return this.facts.get(factKey(kind, accountId, region, key)) as
      | RelatedFact<K>
      | undefined;
  }

  async loadFacts(accountIds: string[]): Promise<FactLookup> {
    const loaded = new Map(
      [...this.facts.entries()].filter(([, fact]) =>
        accountIds.includes(fact.accountId),
      ),
    );
    return {
      get: <K extends FactKind>(
        kind: K,
        accountId: string,
        region: string,
        key: string,
      ) =>
        loaded.get(factKey(kind, accountId, region, key)) as
          | RelatedFact<K>
          | undefined,
    };
  }
}

function factKey(
  kind: string,
  accountId: string,
  region: string,
  key: string,
): string {
  return `${kind}|${accountId}|${region}|${key}`;
}
