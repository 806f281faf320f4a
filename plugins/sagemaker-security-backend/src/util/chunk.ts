/**
 * Splits a list into chunks of at most `size` items, e.g. to stay below SQL
 * parameter limits or the size of an EC2 filter.
 */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
