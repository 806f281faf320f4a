import {
  FactKind,
  FactLookup,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { mapIn } from './maps';

/** Answers by account, region, kind and key (each level a `Map`). */
type Answers = Map<unknown, unknown>;

/** Only objects can key a WeakMap; anything else is asked directly. */
export function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

const answersOf = new WeakMap<FactLookup, Answers>();

/**
 * `facts.get(kind, accountId, region, key)`, asked once per lookup. A
 * `FactLookup` reads the facts of one scan, a snapshot that does not change,
 * while thousands of resources ask it for the same few roles, keys and
 * buckets; its answers are kept as long as the lookup object lives.
 */
export function lookupFact<K extends FactKind>(
  facts: FactLookup,
  kind: K,
  accountId: string,
  region: string,
  key: string,
): RelatedFact<K> | undefined {
  if (!isObject(facts)) {
    return facts.get(kind, accountId, region, key);
  }
  const ofKind = mapIn<RelatedFact | undefined>(
    mapIn(mapIn(mapIn(answersOf, facts), accountId), region),
    kind,
  );
  let fact = ofKind.get(key);
  if (fact === undefined && !ofKind.has(key)) {
    fact = facts.get(kind, accountId, region, key);
    ofKind.set(key, fact);
  }
  return fact as RelatedFact<K> | undefined;
}
