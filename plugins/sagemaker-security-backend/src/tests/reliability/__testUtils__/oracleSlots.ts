/**
 * The oracle's slots: the parts of facts and resources a failed call left
 * unreadable, the candidate answers tried in them, and the recording
 * proxies that observe what a check reads (see oracle.ts).
 */
import {
  CollectionError,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ScanRun } from '../../../inventory/InventoryStore';

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
export function candidates(prop: string): unknown[] {
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
    // A GuardDuty detector's status (GetDetector).
    case 'status':
      return [undefined, 'ENABLED', 'DISABLED'];
    default:
      return [undefined, null, true, false, [], 0];
  }
}

/** A path inside a fact's data or a resource, and its last property. */
export type Slot = string[];

/** Paths a read of `path` has, array indices included. */
export function within(read: string, prefix: string, slot: Slot): boolean {
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
export function factSlots(data: unknown, error: CollectionError): Slot[] {
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
export function resourceSlots(resource: SageMakerResource): Array<Slot | '*'> {
  return resource.errors.flatMap((error): Array<Slot | '*'> => {
    if (!error.field) {
      return /:Describe[A-Za-z0-9]*$/.test(error.action) ? ['*'] : [];
    }
    return error.field === 'tags'
      ? [['tags']]
      : [['description', ...error.field.split('.')]];
  });
}

export function setAt(root: any, slot: Slot, value: unknown) {
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
export function recording<T>(value: T, path: string, reads: Set<string>): T {
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
export function listingErrors(
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
