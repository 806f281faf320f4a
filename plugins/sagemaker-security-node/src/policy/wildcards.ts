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

/**
 * What a pattern asks without a regular expression: the value itself
 * (`exact`), or anything that starts with `literal` (one trailing `*`, or `*`
 * alone). Anything else (`?`, `${...}`, other `*`) takes the regular expression.
 */
interface Shape {
  kind: 'exact' | 'prefix' | 'regex';
  literal: string;
  /** `literal` lower-cased, when it is ASCII (where lower-casing is what the `i` flag does). */
  lowered?: string;
}

const shapes = new Map<string, Shape>();

function shapeOf(pattern: string): Shape {
  let shape = shapes.get(pattern);
  if (shape === undefined) {
    const star = pattern.indexOf('*');
    if (pattern.includes('?') || /\$\{[^}]*\}/.test(pattern)) {
      shape = { kind: 'regex', literal: pattern };
    } else if (star < 0) {
      shape = { kind: 'exact', literal: pattern };
    } else if (star === pattern.length - 1) {
      shape = { kind: 'prefix', literal: pattern.slice(0, -1) };
    } else {
      shape = { kind: 'regex', literal: pattern };
    }
    if (isAscii(shape.literal)) {
      shape.lowered = shape.literal.toLowerCase();
    }
    if (shapes.size > 5000) {
      shapes.clear();
    }
    shapes.set(pattern, shape);
  }
  return shape;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) return false;
  }
  return true;
}

/**
 * IAM-style wildcard match: `*` any run of characters, `?` exactly one.
 *
 * @public
 */
export function wildcardMatch(
  pattern: string,
  value: string,
  options: { ignoreCase: boolean },
): boolean {
  if (typeof pattern === 'string' && typeof value === 'string') {
    const shape = shapeOf(pattern);
    if (shape.kind !== 'regex') {
      if (!options.ignoreCase) {
        return shape.kind === 'exact'
          ? value === shape.literal
          : value.startsWith(shape.literal);
      }
      if (shape.lowered !== undefined && isAscii(value)) {
        const lowered = value.toLowerCase();
        return shape.kind === 'exact'
          ? lowered === shape.lowered
          : lowered.startsWith(shape.lowered);
      }
    }
  }
  return toRegExp(pattern, options.ignoreCase).test(value);
}

/**
 * Action names are case-insensitive (`IAM:passrole` = `iam:PassRole`).
 *
 * @public
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, { ignoreCase: true });
}

/**
 * Resource ARNs are case-sensitive.
 *
 * @public
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  return wildcardMatch(pattern, resource, { ignoreCase: false });
}
