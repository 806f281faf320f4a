/** A `Map` or `WeakMap`, as far as `mapIn` and `weakMapIn` use it. */
interface Store {
  get(key: never): unknown;
  set(key: never, value: unknown): unknown;
}

/**
 * The `Map` kept under `key` in `store`, made when missing. Nested caches
 * make their levels here, in one place, which also keeps the optimizing
 * compiler from meeting a level it has never seen made.
 */
export function mapIn<T>(store: Store, key: unknown): Map<unknown, T> {
  let map = store.get(key as never) as Map<unknown, T> | undefined;
  if (map === undefined) {
    map = new Map();
    store.set(key as never, map);
  }
  return map;
}

/** The `WeakMap` kept under `key` in `store`, made when missing. */
export function weakMapIn<T>(store: Store, key: unknown): WeakMap<object, T> {
  let map = store.get(key as never) as WeakMap<object, T> | undefined;
  if (map === undefined) {
    map = new WeakMap();
    store.set(key as never, map);
  }
  return map;
}
