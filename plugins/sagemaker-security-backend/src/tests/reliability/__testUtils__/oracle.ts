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
  CollectionError,
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
  ScanRun,
  StoredResource,
} from '../../../inventory/InventoryStore';

const DOCUMENT_ACTIONS = [
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:GetRolePolicy',
];

const allowAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};
const denyAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }],
};
const DOCUMENT = [undefined, allowAll, denyAll];

/** What an unreadable field could have held. */
function candidates(prop: string): unknown[] {
  if (/document$|^keyPolicy$|^policy$|^ResourcePolicy$/i.test(prop)) {
    return DOCUMENT;
  }
  switch (prop) {
    case 'attachedPolicies':
      return [
        undefined,
        [],
        [
          {
            policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
            policyName: 'AdministratorAccess',
            document: allowAll,
          },
        ],
      ];
    case 'inlinePolicies':
      return [undefined, [], [{ policyName: 'all', document: allowAll }]];
    case 's3DataEventArns':
      return [undefined, [], ['arn:aws:s3']];
    case 'encryption':
      return [
        undefined,
        null,
        { sseAlgorithm: 'AES256' },
        { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' },
      ];
    case 'publicAccessBlock': {
      const all = (v: boolean) => ({
        blockPublicAcls: v,
        ignorePublicAcls: v,
        blockPublicPolicy: v,
        restrictPublicBuckets: v,
      });
      return [undefined, null, all(true), all(false)];
    }
    case 'tags':
      return [{}, { owner: 'x', team: 'x', 'ml-service': 'x', env: 'x' }];
    case 'region':
      return [undefined, 'us-east-1', 'ap-south-1'];
    default:
      return [undefined, null, true, false, [], 0];
  }
}

/** A path inside a fact's data or a resource, and its last property. */
type Slot = string[];

/** Paths a read of `path` has, array indices included. */
function within(read: string, prefix: string, slot: Slot): boolean {
  const p = [prefix, ...slot].join('.');
  return read === p || read.startsWith(`${p}.`);
}

function matchesTarget(item: unknown, target: string): boolean {
  if (!item || typeof item !== 'object') return false;
  return Object.values(item).some(
    v =>
      typeof v === 'string' &&
      (v === target || target.endsWith(`#${v}`) || target.endsWith(`/${v}`)),
  );
}

/** The slots of a fact's data that an error makes unreadable. */
function factSlots(data: unknown, error: CollectionError): Slot[] {
  const field = error.field!;
  const props =
    field === 'eventSelectors'
      ? ['includeManagementEvents', 's3DataEventArns']
      : [field];
  const record = data as Record<string, unknown>;
  if (DOCUMENT_ACTIONS.includes(error.action)) {
    const list = record[field];
    if (!Array.isArray(list)) return [[field]];
    return list.flatMap((item, i) =>
      error.target && matchesTarget(item, error.target)
        ? [[field, String(i), 'document']]
        : [],
    );
  }
  for (const [name, list] of Object.entries(record)) {
    if (!Array.isArray(list) || !error.target) continue;
    const hits = list.flatMap((item, i) =>
      matchesTarget(item, error.target!)
        ? props.map(p => [name, String(i), p])
        : [],
    );
    if (hits.length > 0) return hits;
  }
  return props.map(p => [p]);
}

/** The slots of a resource that its errors make unreadable ('*': all of it). */
function resourceSlots(resource: SageMakerResource): Array<Slot | '*'> {
  return resource.errors.flatMap((error): Array<Slot | '*'> => {
    if (!error.field) {
      return /:Describe[A-Za-z]*$/.test(error.action) ? ['*'] : [];
    }
    return error.field === 'tags'
      ? [['tags']]
      : [['description', ...error.field.split('.')]];
  });
}

function setAt(root: any, slot: Slot, value: unknown) {
  let node = root;
  for (const part of slot.slice(0, -1)) {
    node[part] ??= {};
    node = node[part];
  }
  const last = slot[slot.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = structuredClone(value);
}

/** Collects the property paths read through it. */
function recording<T>(value: T, path: string, reads: Set<string>): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value as object, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof prop === 'symbol' || typeof v === 'function') return v;
      const p = `${path}.${prop}`;
      reads.add(p);
      return recording(v, p, reads);
    },
    has(target, prop) {
      if (typeof prop !== 'symbol') reads.add(`${path}.${prop}`);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      reads.add(`${path}.*`);
      return Reflect.ownKeys(target);
    },
  }) as T;
}

/** Listing errors of the scan, by `type|account|region`. */
function listingErrors(
  scan: ScanRun | undefined,
): Map<string, CollectionError[]> {
  const out = new Map<string, CollectionError[]>();
  for (const target of scan?.targets ?? []) {
    for (const error of target.errors) {
      const m = /^([\w-]+) in (\d{12})\/([\w-]+)$/.exec(error.target ?? '');
      if (!m || !/:List/.test(error.action)) continue;
      const key = `${m[1]}|${m[2]}|${m[3]}`;
      out.set(key, [...(out.get(key) ?? []), error]);
    }
  }
  return out;
}

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
  const failedListings = listingErrors(await store.getLatestScan());
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
