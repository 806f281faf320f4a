const cache = new Map<string, RegExp>();

function toRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regex = cache.get(cacheKey);
  if (!regex) {
    // Policy variables such as ${aws:username} can stand for any value.
    const source = pattern
      .split(/(\$\{[^}]*\}|\*|\?)/)
      .map(part => {
        if (part === '*' || /^\$\{[^}]*\}$/.test(part)) return '.*';
        if (part === '?') return '.';
        return part.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
      })
      .join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    if (cache.size > 5000) {
      cache.clear();
    }
    cache.set(cacheKey, regex);
  }
  return regex;
}

/** IAM-style wildcard match: `*` any run of characters, `?` exactly one. */
export function wildcardMatch(
  pattern: string,
  value: string,
  options: { ignoreCase: boolean },
): boolean {
  return toRegExp(pattern, options.ignoreCase).test(value);
}

/** Action names are case-insensitive (`IAM:passrole` = `iam:PassRole`). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, { ignoreCase: true });
}

/** Resource ARNs are case-sensitive. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return wildcardMatch(pattern, resource, { ignoreCase: false });
}
