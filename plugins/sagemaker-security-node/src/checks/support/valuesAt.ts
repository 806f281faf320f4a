import { getPath } from './paths';

export interface FoundValue {
  /** The concrete path, with list indexes (e.g. `Containers.1.Environment`). */
  path: string;
  value: unknown;
}

/** A `[]` pattern split at its first `[]`: `head[].tail`. */
interface Pattern {
  source: string;
  /** Absent: no `[]`, the whole pattern is one dotted path. */
  list?: {
    head: string;
    tail: Pattern | undefined;
    /** `head.<index>[.tail]` by index, when the tail has no `[]` (built on demand). */
    paths?: string[];
  };
}

const compiled = new Map<string, Pattern>();

function compile(source: string): Pattern {
  let pattern = compiled.get(source);
  if (pattern === undefined) {
    const star = source.indexOf('[]');
    if (star < 0) {
      pattern = { source };
    } else {
      const tail = source.slice(star + 2).replace(/^\./, '');
      pattern = {
        source,
        list: {
          head: source.slice(0, star),
          tail: tail.length === 0 ? undefined : compile(tail),
        },
      };
    }
    if (compiled.size > 10000) {
      compiled.clear();
    }
    compiled.set(source, pattern);
  }
  return pattern;
}

/** The concrete path of element `index` of a top-level list whose tail has no `[]`. */
function elementPath(
  list: NonNullable<Pattern['list']>,
  index: number,
): string {
  const paths = (list.paths ??= []);
  let path = paths[index];
  if (path === undefined) {
    path =
      list.tail === undefined
        ? `${list.head}.${index}`
        : `${list.head}.${index}.${list.tail.source}`;
    if (index < 64) paths[index] = path;
  }
  return path;
}

/** Adds what `pattern` finds under `root` (only non-empty strings, trimmed, with `strings`). */
function collect(
  root: unknown,
  pattern: Pattern,
  prefix: string | undefined,
  strings: boolean,
  found: FoundValue[],
): void {
  const { list } = pattern;
  if (list === undefined) {
    add(
      found,
      strings,
      prefix === undefined ? pattern.source : `${prefix}.${pattern.source}`,
      getPath(root, pattern.source),
    );
    return;
  }
  const elements = getPath(root, list.head);
  if (!Array.isArray(elements)) {
    return;
  }
  const { tail } = list;
  const head = prefix === undefined ? list.head : `${prefix}.${list.head}`;
  for (let index = 0; index < elements.length; index++) {
    // As flatMap: holes of a sparse list are skipped.
    if (!(index in elements)) continue;
    const element = elements[index];
    if (
      prefix === undefined &&
      (tail === undefined || tail.list === undefined)
    ) {
      const value =
        tail === undefined ? element : getPath(element, tail.source);
      if (value !== undefined && value !== null) {
        add(found, strings, elementPath(list, index), value);
      }
    } else if (tail === undefined) {
      add(found, strings, `${head}.${index}`, element);
    } else {
      collect(element, tail, `${head}.${index}`, strings, found);
    }
  }
}

function add(
  found: FoundValue[],
  strings: boolean,
  path: string,
  value: unknown,
): void {
  if (value === undefined || value === null) {
    return;
  }
  if (!strings) {
    found.push({ path, value });
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed !== '') {
      found.push({ path, value: trimmed });
    }
  }
}

/**
 * Values at a path where `[]` means "each element of the list", e.g.
 * `TrainingJobDefinitions[].RoleArn`. Absent values are skipped.
 */
export function valuesAt(root: unknown, pattern: string): FoundValue[] {
  return valuesOf(root, pattern, false);
}

function valuesOf(
  root: unknown,
  pattern: string,
  strings: boolean,
): FoundValue[] {
  const compiledPattern = compile(pattern);
  const { list } = compiledPattern;
  if (list === undefined) {
    // One value at most.
    return single(pattern, getPath(root, pattern), strings);
  }
  if (list.tail === undefined || list.tail.list === undefined) {
    const elements = getPath(root, list.head);
    if (!Array.isArray(elements)) {
      return [];
    }
    if (elements.length === 1 && 0 in elements) {
      // The common one-element list, without a growing list.
      const element: unknown = elements[0];
      return single(
        elementPath(list, 0),
        list.tail === undefined ? element : getPath(element, list.tail.source),
        strings,
      );
    }
  }
  const all: FoundValue[] = [];
  collect(root, compiledPattern, undefined, strings, all);
  return all;
}

/** `[{ path, value }]` when the value counts (a non-empty string, trimmed, with `strings`), else `[]`. */
function single(path: string, value: unknown, strings: boolean): FoundValue[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!strings) {
    return [{ path, value }];
  }
  if (typeof value !== 'string') {
    return [];
  }
  const trimmed = value.trim();
  return trimmed === '' ? [] : [{ path, value: trimmed }];
}

/** Non-empty string values at a `[]` path. */
export function stringValuesAt(
  root: unknown,
  pattern: string,
): Array<{ path: string; value: string }> {
  return valuesOf(root, pattern, true) as Array<{
    path: string;
    value: string;
  }>;
}
