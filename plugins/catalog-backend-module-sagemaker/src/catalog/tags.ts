/**
 * Finds a tag by key: the exact key first, then ignoring case, because teams
 * write `Owner`, `owner` and `OWNER` for the same thing.
 */
export function findTag(
  tags: Record<string, string>,
  key: string,
): string | undefined {
  if (key in tags) {
    return tags[key];
  }
  const wanted = key.toLocaleLowerCase('en-US');
  const match = Object.keys(tags)
    .sort()
    .find(candidate => candidate.toLocaleLowerCase('en-US') === wanted);
  return match === undefined ? undefined : tags[match];
}
