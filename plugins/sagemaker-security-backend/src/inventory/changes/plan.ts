/**
 * Which related facts a target's scan reads: every one on a full refresh
 * (the last complete full read is older than `fullRefreshHours`, or there
 * is none), else only those the write events since the last complete
 * fact read may have changed, and those not stored (or stored with an
 * error). When event history cannot be read, every fact is read
 * (`fallback`) and the reason recorded with the target's outcome.
 */
import {
  FactKind,
  FactLookup,
  GLOBAL_REGION,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import type { CollectContext } from '../collectors/context';
import type { ChangeSource, FactKey } from '../InventoryStore';
import { ChangeLogResult, readChangeLog } from './eventHistory';
import { ChangedTypes, typesNamedBy } from './sagemakerListings';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * CloudTrail delivers an event to event history within about 15 minutes:
 * the window starts this long before the last read began, so what was
 * still on its way then is read now.
 */
export const EVENT_DELAY_OVERLAP_MS = 20 * MINUTE;
/**
 * Targets of an account starting within this of each other share a read
 * of a region's history: less than the overlap minus the delivery delay,
 * so the next window still covers what the shared read could not see.
 */
const SHARED_READ_MS = 5 * MINUTE;
/** Event history keeps 90 days. */
export const EVENT_HISTORY_MS = 90 * 24 * HOUR;
/** IAM is global: its events are recorded in us-east-1. */
export const IAM_EVENT_REGION = 'us-east-1';

/** The collect context with the scan's plan (absent: every fact is read). */
export type FactsContext = CollectContext & { changes?: FactPlan };

/** Identifiers of a stored fact that event markers (changeLog.ts) name. */
function identifiers(fact: RelatedFact): string[] {
  switch (fact.kind) {
    case 'iam-role': {
      const data = (fact as RelatedFact<'iam-role'>).data;
      return [
        `role:${data?.roleName ?? fact.key.split('/').pop()}`,
        ...(data?.attachedPolicies ?? []).map(p => `policy:${p.policyArn}`),
      ];
    }
    case 'kms-key': {
      const data = (fact as RelatedFact<'kms-key'>).data;
      return [
        fact.key,
        ...(data?.keyId ? [data.keyId] : []),
        ...(data?.aliases ?? []).map(a => `alias:${a}`),
      ];
    }
    case 'subnet': {
      const data = (fact as RelatedFact<'subnet'>).data;
      return [fact.key, ...(data?.vpcId ? [`vpc:${data.vpcId}`] : [])];
    }
    case 'vpc-endpoints': {
      const data = (fact as RelatedFact<'vpc-endpoints'>).data;
      return [fact.key, ...(data?.endpoints ?? []).map(e => e.vpcEndpointId)];
    }
    default:
      return [fact.key];
  }
}

/**
 * Regions whose event history records writes to the fact; undefined when
 * not known (the fact is then read).
 */
function eventRegions(fact: RelatedFact, target: string): string[] | undefined {
  switch (fact.kind) {
    case 'iam-role':
      return [IAM_EVENT_REGION];
    case 's3-bucket': {
      const region = (fact as RelatedFact<'s3-bucket'>).data?.region;
      return region ? [region] : undefined;
    }
    case 'cloudtrail': {
      // A multi-region trail's writes are recorded in its home region.
      const trails = (fact as RelatedFact<'cloudtrail'>).data?.trails ?? [];
      const homes = trails.map(t => t.homeRegion ?? target);
      return [...new Set([target, ...homes])];
    }
    default:
      return fact.region === GLOBAL_REGION ? undefined : [fact.region];
  }
}

export class FactPlan {
  private readonly kept: FactKey[] = [];

  constructor(
    readonly source: ChangeSource,
    private readonly target: { accountId: string; region: string },
    private readonly stored?: FactLookup,
    private readonly logOf?: (region: string) => Promise<ChangeLogResult>,
    /** The previous complete read succeeded (no listing or read failed). */
    private readonly lastSucceeded = false,
    /**
     * Where the event history is read from: the previous read less the
     * delivery overlap. What was modified since may have changed.
     */
    readonly since?: Date,
  ) {}

  /** The stored fact, when this scan reads only changes. */
  storedFact<K extends FactKind>(
    kind: K,
    accountId: string,
    region: string,
    key: string,
  ): RelatedFact<K> | undefined {
    return this.stored?.get(kind, accountId, region, key);
  }

  /**
   * True when the fact must be read: always on a full refresh or fallback;
   * else when it is not stored, was stored with an error, belongs to
   * another account (whose history is not read), or an event of one of
   * its regions may have changed it. A fact not read is kept as seen.
   */
  async mustRead(
    kind: FactKind,
    accountId: string,
    region: string,
    key: string,
  ): Promise<boolean> {
    if (this.source.mode !== 'events' || !this.logOf) return true;
    const fact = this.storedFact(kind, accountId, region, key);
    if (!fact || fact.data === undefined || fact.errors.length > 0) return true;
    if (fact.accountId !== this.target.accountId) return true;
    const regions = eventRegions(fact, this.target.region);
    if (!regions) return true;
    for (const where of regions) {
      const result = await this.logOf(where);
      if (!('log' in result)) return true;
      if (result.log.touches(kind, identifiers(fact))) return true;
    }
    this.kept.push({
      kind: fact.kind,
      accountId: fact.accountId,
      region: fact.region,
      key: fact.key,
    });
    return false;
  }

  /**
   * The SageMaker types the write events of the target's region name (see
   * sagemakerListings.ts); undefined when every type must be listed: a
   * full refresh, a fallback, or a previous read that did not succeed.
   */
  async sagemakerChanges(): Promise<ChangedTypes | undefined> {
    if (this.source.mode !== 'events' || !this.logOf || !this.lastSucceeded) {
      return undefined;
    }
    const result = await this.logOf(this.target.region);
    return 'log' in result ? typesNamedBy(result.log.sagemaker) : undefined;
  }

  /** Facts not read because nothing changed them. */
  get keptFacts(): readonly FactKey[] {
    return this.kept;
  }
}

/** True when the fact must be read (see FactPlan.mustRead). */
export function mustRead(
  ctx: FactsContext,
  kind: FactKind,
  accountId: string,
  region: string,
  key: string,
): Promise<boolean> {
  return ctx.changes
    ? ctx.changes.mustRead(kind, accountId, region, key)
    : Promise.resolve(true);
}

/** The ids among `ids` whose fact must be read. */
export async function idsToRead(
  ctx: FactsContext,
  kind: FactKind,
  ids: string[],
): Promise<string[]> {
  const { accountId, region } = ctx.target;
  const needed = await Promise.all(
    ids.map(id => mustRead(ctx, kind, accountId, region, id)),
  );
  return ids.filter((_, i) => needed[i]);
}

/** Decides how the target's facts are read this scan (see the top of this file). */
export async function planFactReads(
  ctx: CollectContext,
  fullRefreshHours: number,
): Promise<FactPlan> {
  const { target } = ctx;
  const now = Date.parse(ctx.seenAt);
  const plan = (mode: ChangeSource['mode'], reason: string) =>
    new FactPlan({ mode, reason }, target);
  const refresh = await ctx.store.getFactRefresh(target);
  if (!refresh.lastFullAt) {
    return plan('full', 'no complete read of every fact is stored yet');
  }
  if (now - Date.parse(refresh.lastFullAt) >= fullRefreshHours * HOUR) {
    return plan(
      'full',
      `the last full read (${refresh.lastFullAt}) is older than fullRefreshHours (${fullRefreshHours})`,
    );
  }
  const lastRead = Date.parse(refresh.lastReadAt ?? refresh.lastFullAt);
  // Floored to the hour: the targets of an account share the us-east-1 read.
  const since = Math.floor((lastRead - EVENT_DELAY_OVERLAP_MS) / HOUR) * HOUR;
  if (now - since > EVENT_HISTORY_MS) {
    return plan(
      'fallback',
      `the last fact read (${refresh.lastReadAt}) is older than the 90 days event history keeps`,
    );
  }
  const logOf = (region: string) =>
    ctx.facts.once(
      `change-log|${target.accountId}|${region}|${since}|${Math.floor(
        now / SHARED_READ_MS,
      )}`,
      () => readChangeLog(ctx, region, new Date(since), new Date(now)),
    );
  const first = await Promise.all(
    [...new Set([target.region, IAM_EVENT_REGION])].map(logOf),
  );
  const failed = first.find((r): r is { reason: string } => !('log' in r));
  if (failed) return plan('fallback', failed.reason);
  const stored = await ctx.store.loadFacts([target.accountId]);
  return new FactPlan(
    { mode: 'events' },
    target,
    stored,
    logOf,
    refresh.lastSucceeded === true,
    new Date(since),
  );
}

/** Marks the facts the plan kept as seen in this scan (their rows stay current). */
export async function keepFacts(ctx: FactsContext): Promise<void> {
  const kept = ctx.changes?.keptFacts ?? [];
  if (kept.length > 0) await ctx.store.touchFacts([...kept], ctx.seenAt);
}
