/**
 * The fail-closed oracle. For every (resource, check) it evaluates the check
 * over the stored inventory through recording proxies and decides whether a
 * `pass` rests on data whose collection failed.
 *
 * 1. Unreadable parts ("slots"), from the collection errors stored with the
 *    data: a resource's Describe error covers its whole description; an
 *    error with a `field` covers that field, of the list item its `target`
 *    names when the field belongs to items (a trail's `isLogging`, a policy's
 *    `document`), else of the fact or resource itself. A fact without data,
 *    a fact or resource that is absent although the clean scan of the same
 *    estate has it, and a failed listing of a looked-up type are unreadable
 *    as a whole.
 * 2. A result is *tainted* when its check read an unreadable part (a read is
 *    observed, not declared).
 * 3. A tainted `pass` is a violation unless it is robust: the check still
 *    passes whatever the failed calls could have answered, tried as each
 *    candidate value (absent, null, true, false, empty, a public allow-all
 *    policy, ...) in each tainted slot, alone and all at once. A whole-part
 *    taint cannot be varied, so any pass over it is a violation.
 * This needs no knowledge of any check: an "any trail logs" check that
 * passes thanks to a healthy trail is robust; one that passes because a
 * trail's unreadable status looked fine is not.
 */
import {
  CheckStatus,
  FactKind,
  FactLookup,
  JOB_RESOURCE_TYPES,
  RelatedFact,
  RESOURCE_TYPES,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  evaluateResource,
  ResourceLookup,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import { InMemoryResourceLookup } from '../../../checks/resourceLookup';
import type {
  InventoryStore,
  StoredResource,
} from '../../../inventory/InventoryStore';
import {
  candidates,
  Slot,
  within,
  factSlots,
  resourceSlots,
  setAt,
  recording,
  listingErrors,
} from './oracleSlots';

export interface OracleVerdict {
  resourceArn: string;
  checkId: string;
  accountId: string;
  region: string;
  /** The status the check gives over the stored inventory. */
  status: CheckStatus;
  /** Unreadable parts the check read; empty when its inputs are clean. */
  taint: string[];
  /** A `pass` that some answer of the failed calls would have changed. */
  passRestsOnFailedData: boolean;
}

/** What the clean scan of the same estate had, to spot what went missing. */
export interface CleanInventory {
  facts: FactLookup;
  resources: ResourceLookup;
  /** Status of each `resourceArn|checkId` in the clean scan. */
  statuses: Map<string, CheckStatus>;
}

async function allResources(store: InventoryStore): Promise<StoredResource[]> {
  const all: StoredResource[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listResources({ cursor, limit: 1000 });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const LONG_LIVED = RESOURCE_TYPES.filter(t => !JOB_RESOURCE_TYPES.includes(t));

/** The stored inventory as the check engine sees it. */
export async function loadInventory(store: InventoryStore) {
  const resources = await allResources(store);
  const accounts = [...new Set(resources.map(r => r.accountId))];
  const facts = await store.loadFacts(accounts);
  const lookup = new InMemoryResourceLookup(
    resources.filter(r => LONG_LIVED.includes(r.type)),
  );
  return { resources, facts, lookup };
}

/** Replacements of facts and resources for one evaluation. */
interface Variant {
  facts: Map<string, RelatedFact>;
  resources: Map<string, SageMakerResource>;
  /** Related resources taken out of the lookups (as if never listed). */
  removed?: Set<string>;
  /** Facts taken out (as if never collected). */
  removedFacts?: Set<string>;
}

const factId = (kind: string, acct: string, reg: string, key: string) =>
  `fact:${kind}|${acct}|${reg}|${key}`;

/** Evaluates every check over the stored inventory and judges each result. */
export async function judge(
  store: InventoryStore,
  checks: SecurityCheck[],
  clean: CleanInventory,
): Promise<OracleVerdict[]> {
  const { resources, facts, lookup } = await loadInventory(store);
  const latest = await store.getLatestScan();
  const failedListings = listingErrors(latest);
  // The estate's accounts, as the engine gives them to the checks: every
  // scanned target's (reachable or not) and every account with resources.
  const estate = [
    ...new Set([
      ...(latest?.targets ?? []).map(t => t.accountId),
      ...lookup.accountIds(),
    ]),
  ];
  const verdicts: OracleVerdict[] = [];

  const evaluate = (
    check: SecurityCheck,
    resource: SageMakerResource,
    variant: Variant,
    observe?: {
      reads: Set<string>;
      hard: string[];
      facts: Map<string, RelatedFact | undefined>;
      resources: Map<string, SageMakerResource>;
    },
  ): CheckStatus => {
    const factLookup: FactLookup = {
      get<K extends FactKind>(kind: K, acct: string, reg: string, k: string) {
        const id = factId(kind, acct, reg, k);
        if (variant.removedFacts?.has(id)) return undefined;
        const fact = (variant.facts.get(id) ??
          facts.get(kind, acct, reg, k)) as RelatedFact<K> | undefined;
        if (!observe) return fact;
        if (!fact && clean.facts.get(kind, acct, reg, k)) {
          observe.hard.push(`${id} is missing (the clean scan has it)`);
        }
        observe.facts.set(id, fact);
        return (
          fact && { ...fact, data: recording(fact.data, id, observe.reads) }
        );
      },
    };
    const own = (r: SageMakerResource) => variant.resources.get(r.arn) ?? r;
    const wrap = (r: SageMakerResource) => {
      if (!observe) return own(r);
      observe.resources.set(r.arn, r);
      return recording(r, `res:${r.arn}`, observe.reads);
    };
    const resourceLookup: ResourceLookup = {
      accountIds: () => estate,
      get(type: ResourceType, acct: string, reg: string, name: string) {
        const found = lookup.get(type, acct, reg, name);
        if (observe && !found && clean.resources.get(type, acct, reg, name)) {
          observe.hard.push(
            `${type} ${name} is missing (the clean scan has it)`,
          );
        }
        if (found && variant.removed?.has(found.arn)) return undefined;
        return found && wrap(found);
      },
      list(type: ResourceType, acct: string, reg: string) {
        if (observe && failedListings.has(`${type}|${acct}|${reg}`)) {
          observe.hard.push(`the listing of ${type} in ${acct}/${reg} failed`);
        }
        return lookup
          .list(type, acct, reg)
          .filter(r => !variant.removed?.has(r.arn))
          .map(wrap);
      },
      listingErrors(type: ResourceType, acct: string, reg: string) {
        return failedListings.get(`${type}|${acct}|${reg}`) ?? [];
      },
    };
    const self = own(resource);
    const [evaluation] = evaluateResource([check], {
      resource: observe
        ? recording(self, `res:${self.arn}`, observe.reads)
        : self,
      facts: factLookup,
      resources: resourceLookup,
      mode: 'live',
    });
    return evaluation.outcome.status;
  };

  for (const resource of resources) {
    for (const check of checks) {
      if (!check.resourceTypes.includes(resource.type)) continue;
      const observed = {
        reads: new Set<string>(),
        hard: [] as string[],
        facts: new Map<string, RelatedFact | undefined>(),
        resources: new Map<string, SageMakerResource>([
          [resource.arn, resource],
        ]),
      };
      const status = evaluate(
        check,
        resource,
        { facts: new Map(), resources: new Map() },
        observed,
      );
      const read = [...observed.reads];
      const taint = [...observed.hard];
      // Tainted slots, to vary: [fact id or resource ARN, slot].
      const slots: Array<{ owner: string; slot: Slot; fact: boolean }> = [];
      const dataless: Array<{ id: string; fact: RelatedFact }> = [];
      for (const [id, fact] of observed.facts) {
        if (!fact) continue;
        if (fact.data === undefined) {
          taint.push(`${id} has no data`);
          dataless.push({ id, fact });
          continue;
        }
        for (const error of fact.errors) {
          const errorSlots = error.field
            ? factSlots(fact.data, error)
            : ([[]] as Slot[]);
          for (const slot of errorSlots) {
            if (!read.some(r => within(r, id, slot))) continue;
            taint.push(
              `${id} read ${slot.join('.') || '(all)'} (${
                error.action
              } failed)`,
            );
            if (slot.length === 0) observed.hard.push(id);
            else slots.push({ owner: id, slot, fact: true });
          }
        }
      }
      const undescribed: SageMakerResource[] = [];
      for (const [arn, r] of observed.resources) {
        for (const slot of resourceSlots(r)) {
          const prefix = `res:${arn}`;
          if (slot === '*') {
            if (read.some(p => within(p, prefix, ['description']))) {
              taint.push(`${arn} read its description (Describe failed)`);
              // The resource judged cannot be varied; a related one can.
              if (arn === resource.arn) observed.hard.push(arn);
              else undescribed.push(r);
            }
          } else if (read.some(p => within(p, prefix, slot))) {
            taint.push(`${arn} read ${slot.join('.')} (collection failed)`);
            slots.push({ owner: arn, slot, fact: false });
          }
        }
      }

      let passRestsOnFailedData = false;
      if (status === 'pass' && taint.length > 0) {
        passRestsOnFailedData = observed.hard.length > 0;
        const variants: Array<Array<[number, unknown]>> = [];
        slots.forEach((s, i) => {
          for (const value of candidates(s.slot[s.slot.length - 1])) {
            variants.push([[i, value]]);
          }
        });
        const widest = Math.max(
          0,
          ...slots.map(s => candidates(s.slot[s.slot.length - 1]).length),
        );
        for (let n = 0; n < widest && slots.length > 1; n++) {
          variants.push(
            slots.map((s, i) => {
              const values = candidates(s.slot[s.slot.length - 1]);
              return [i, values[n % values.length]];
            }),
          );
        }
        for (const assignment of variants) {
          if (passRestsOnFailedData) break;
          const variant: Variant = { facts: new Map(), resources: new Map() };
          for (const [i, value] of assignment) {
            const { owner, slot, fact } = slots[i];
            if (fact) {
              const base =
                variant.facts.get(owner) ??
                structuredClone(observed.facts.get(owner)!);
              setAt(base.data, slot, value);
              variant.facts.set(owner, base);
            } else {
              const base =
                variant.resources.get(owner) ??
                structuredClone(observed.resources.get(owner)!);
              setAt(base, slot, value);
              variant.resources.set(owner, base);
            }
          }
          if (evaluate(check, resource, variant) !== 'pass') {
            passRestsOnFailedData = true;
          }
        }
        // A fact that could not be read at all, or a related resource that
        // could not be described: the pass must hold as if it did not exist,
        // and hold where the call answered (the clean scan, a whole world
        // consistent with that answer).
        const wholeParts = [
          ...dataless.map(d => ({ removedFacts: new Set([d.id]) })),
          ...undescribed.map(r => ({ removed: new Set([r.arn]) })),
        ];
        if (wholeParts.length > 0 && !passRestsOnFailedData) {
          const answered =
            clean.statuses.get(`${resource.arn}|${check.id}`) === 'pass';
          const absent = wholeParts.every(
            part =>
              evaluate(check, resource, {
                facts: new Map(),
                resources: new Map(),
                ...part,
              }) === 'pass',
          );
          passRestsOnFailedData = !answered || !absent;
        }
      }
      verdicts.push({
        resourceArn: resource.arn,
        checkId: check.id,
        accountId: resource.accountId,
        region: resource.region,
        status,
        taint,
        passRestsOnFailedData,
      });
    }
  }
  return verdicts;
}
