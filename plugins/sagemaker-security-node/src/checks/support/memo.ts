import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { mapIn, weakMapIn } from '../../maps';
import { CheckContext } from '../../types';

/**
 * Caches behind the checks' pure functions. Nothing here changes what a check
 * returns: a value is derived the first time it is needed and handed out again
 * only where the same inputs are certain, and a derivation that throws is not
 * cached (the next call throws the same way).
 *
 * - Per evaluation: what the checks of one resource share (its execution
 *   roles, buckets, KMS keys, subnets, fact reads), kept while
 *   `evaluateResource` runs over that context and dropped after it.
 * - Per fact: judgments that depend only on a collected fact (a role, a bucket,
 *   a key...) and a few strings, kept as long as the fact object lives. Facts
 *   are read-only snapshots of a scan, shared by every resource of an account.
 */

interface EvaluationScope {
  context: CheckContext | undefined;
  /** What was derived, by derivation (a handful per resource: searched in order). */
  derivations: Array<(context: CheckContext) => unknown>;
  values: unknown[];
  derived: number;
  /** Values stored under two keys (e.g. fact reads by kind and key), as triples. */
  pairs: unknown[];
  stored: number;
}

let scope: EvaluationScope | undefined;

/** Scopes of finished evaluations, reused (their arrays keep their capacity). */
const idle: EvaluationScope[] = [];

/** Runs `run` with a per-evaluation cache for `context` (see `perEvaluation`). */
export function withEvaluationScope<T>(context: CheckContext, run: () => T): T {
  const previous = scope;
  const current: EvaluationScope = idle.pop() ?? {
    context: undefined,
    derivations: [],
    values: [],
    derived: 0,
    pairs: [],
    stored: 0,
  };
  current.context = context;
  scope = current;
  try {
    return run();
  } finally {
    scope = previous;
    // Keep nothing of this evaluation alive.
    current.context = undefined;
    current.values.fill(undefined, 0, current.derived);
    current.pairs.fill(undefined, 0, current.stored);
    current.derived = 0;
    current.stored = 0;
    idle.push(current);
  }
}

/**
 * `derive(context)`, computed once per evaluation of this context by
 * `evaluateResource` (and on every call outside it). The value is shared by
 * the checks of the resource: callers must not modify it.
 */
export function perEvaluation<T>(
  context: CheckContext,
  derive: (context: CheckContext) => T,
): T {
  const current = scope;
  if (current === undefined || current.context !== context) {
    return derive(context);
  }
  const { derivations } = current;
  for (let i = 0; i < current.derived; i++) {
    if (derivations[i] === derive) {
      return current.values[i] as T;
    }
  }
  const value = derive(context);
  // A nested derivation may have been stored meanwhile: append after it.
  derivations[current.derived] = derive;
  current.values[current.derived] = value;
  current.derived += 1;
  return value;
}

/**
 * The value stored by `storeInEvaluation` under `first` and `second` during
 * this evaluation of `context`; undefined when none (or outside one).
 */
export function storedInEvaluation(
  context: CheckContext,
  first: unknown,
  second: unknown,
): unknown {
  const current = scope;
  if (current === undefined || current.context !== context) {
    return undefined;
  }
  const { pairs } = current;
  for (let i = 0; i < current.stored; i += 3) {
    if (pairs[i] === first && pairs[i + 1] === second) {
      return pairs[i + 2];
    }
  }
  return undefined;
}

/** Keeps `value` under `first` and `second` for the rest of this evaluation of `context`. */
export function storeInEvaluation(
  context: CheckContext,
  first: unknown,
  second: unknown,
  value: unknown,
): void {
  const current = scope;
  if (current === undefined || current.context !== context) {
    return;
  }
  const { pairs } = current;
  pairs[current.stored] = first;
  pairs[current.stored + 1] = second;
  pairs[current.stored + 2] = value;
  current.stored += 3;
}

interface MemoNode {
  value?: unknown;
  computed?: true;
  next?: Map<unknown, MemoNode>;
}

/** Values handed out by the memos below: the same object for many resources. */
const shared = new WeakSet<object>();

function markShared(value: unknown): void {
  if (value !== null && typeof value === 'object') {
    shared.add(value);
  }
}

/**
 * True for a value memoised here (an outcome shared by many resources, never
 * modified), which `evaluateResource` may hand out without copying it.
 */
export function isSharedValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && shared.has(value);
}

const byJudge = new WeakMap<object, WeakMap<object, MemoNode>>();

/**
 * `compute()` for a pure judgment of `owner` (a fact, or its data) and
 * `keys` (the strings it also depends on), memoised per judge, owner object
 * and keys. Owners that are not objects (malformed data) are never memoised.
 * The value is shared: callers must not modify it.
 */
export function memoOn<T, A = undefined, B = undefined>(
  judge: object,
  owner: unknown,
  keys: readonly unknown[],
  compute: (a: A, b: B) => T,
  a?: A,
  b?: B,
): T {
  if (owner === null || typeof owner !== 'object') {
    return compute(a as A, b as B);
  }
  let owners = byJudge.get(judge);
  if (owners === undefined) {
    owners = new WeakMap();
    byJudge.set(judge, owners);
  }
  let node = owners.get(owner);
  if (node === undefined) {
    node = {};
    owners.set(owner, node);
  }
  for (const key of keys) {
    if (node.next === undefined) node.next = new Map();
    let next: MemoNode | undefined = node.next.get(key);
    if (next === undefined) {
      next = {};
      node.next.set(key, next);
    }
    node = next;
  }
  if (node.computed) {
    return node.value as T;
  }
  const value = compute(a as A, b as B);
  node.value = value;
  markShared(value);
  node.computed = true;
  return value;
}

const byJudgeAndKey = new WeakMap<
  object,
  WeakMap<object, Map<unknown, unknown>>
>();

/** `memoOn` with one key. */
export function memoOnKey<T, A, B = undefined, C = undefined>(
  judge: object,
  owner: unknown,
  key: unknown,
  compute: (a: A, b: B, c: C) => T,
  a: A,
  b?: B,
  c?: C,
): T {
  if (owner === null || typeof owner !== 'object') {
    return compute(a, b as B, c as C);
  }
  const values = mapIn<unknown>(weakMapIn(byJudgeAndKey, judge), owner);
  let value = values.get(key) as T | undefined;
  if (value === undefined && !values.has(key)) {
    value = compute(a, b as B, c as C);
    values.set(key, value);
    markShared(value);
  }
  return value as T;
}

const byKey = new WeakMap<object, WeakMap<object, unknown>>();

/** What `memoFor` keeps for `judge`, by key. */
export function judgmentsOf(judge: object): WeakMap<object, unknown> {
  return weakMapIn(byKey, judge);
}

/**
 * `compute(a, b, c)` for a pure judgment of whatever `key` stands for (see
 * `internKey`), memoised per judge and key. The value is shared: callers
 * must not modify it.
 */
export function memoFor<T, A, B = undefined, C = undefined>(
  judge: object,
  key: object,
  compute: (a: A, b: B, c: C) => T,
  a: A,
  b?: B,
  c?: C,
): T {
  const values = judgmentsOf(judge);
  let value = values.get(key) as T | undefined;
  if (value === undefined && !values.has(key)) {
    value = compute(a, b as B, c as C);
    values.set(key, value);
    markShared(value);
  }
  return value as T;
}

interface InternNode {
  key?: object;
  objects?: WeakMap<object, InternNode>;
  values?: Map<unknown, InternNode>;
}

const interned: InternNode = {};

/**
 * One object standing for a list of parts: objects (facts) by identity,
 * other values by value. Equal lists give the same object, for as long as
 * the objects in them live. The first part must be an object (else the key
 * is new every time).
 */
export function internKey(parts: readonly unknown[]): object {
  const first = parts[0];
  if (first === null || typeof first !== 'object') {
    return {};
  }
  let node: InternNode = interned;
  for (const part of parts) {
    let next: InternNode | undefined;
    if (part !== null && typeof part === 'object') {
      if (node.objects === undefined) node.objects = new WeakMap();
      next = node.objects.get(part);
      if (next === undefined) {
        next = {};
        node.objects.set(part, next);
      }
    } else {
      if (node.values === undefined) node.values = new Map();
      next = node.values.get(part);
      if (next === undefined) {
        next = {};
        node.values.set(part, next);
      }
    }
    node = next;
  }
  if (node.key === undefined) {
    node.key = {};
  }
  return node.key;
}

interface CombineNode {
  result?: CheckOutcome;
  next?: WeakMap<CheckOutcome, CombineNode>;
}

const combinations = new WeakMap<CheckOutcome, CombineNode>();

/**
 * `combine(items)` for a non-empty list of memoised (shared, never modified)
 * outcomes, memoised on the list's items in order.
 */
export function memoCombination(
  items: CheckOutcome[],
  combine: (items: CheckOutcome[]) => CheckOutcome,
): CheckOutcome {
  let node = combinations.get(items[0]);
  if (node === undefined) {
    node = {};
    combinations.set(items[0], node);
  }
  for (let i = 1; i < items.length; i++) {
    if (node.next === undefined) node.next = new WeakMap();
    let next: CombineNode | undefined = node.next.get(items[i]);
    if (next === undefined) {
      next = {};
      node.next.set(items[i], next);
    }
    node = next;
  }
  if (node.result === undefined) {
    node.result = combine(items);
    markShared(node.result);
  }
  return node.result;
}
