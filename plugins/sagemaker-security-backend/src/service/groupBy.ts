/** Items grouped by a key, in their order. */
export function groupBy<T>(
  items: T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) {
      list.push(item);
    } else {
      groups.set(key(item), [item]);
    }
  }
  return groups;
}
