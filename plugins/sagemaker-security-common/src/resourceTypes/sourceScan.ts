import fs from 'node:fs';
import path from 'node:path';

const SOURCE = /\.(ts|tsx|js|cjs|mjs)$/;
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'dist-types',
  '__testUtils__',
  '__tests__',
  '__fixtures__',
  'generated',
]);
const TEST_FILE = /\.(test|cases|fixtures?)\.[cm]?[jt]sx?$|\.d\.ts$/;

/** Non-test source files of every package, repository-relative (test tooling only). */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), {
      withFileTypes: true,
    })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
          walk(rel);
        }
      } else if (SOURCE.test(entry.name) && !TEST_FILE.test(entry.name)) {
        out.push(rel);
      }
    }
  };
  for (const top of ['plugins', 'packages']) {
    for (const pkg of fs.readdirSync(path.join(root, top))) {
      if (fs.statSync(path.join(root, top, pkg)).isDirectory()) {
        walk(`${top}/${pkg}`);
      }
    }
  }
  return out.sort();
}

const REGISTRY_API =
  /\b(RESOURCE_TYPE_DESCRIPTORS|resourceTypeDescriptor|findResourceTypeDescriptor|resourceTypesWith|descriptorOfCloudFormationType|ResourceTypeDescriptor)\b/;

/** Whether a source reads descriptors (uses the registry's descriptor API). */
export function readsRegistry(source: string): boolean {
  return REGISTRY_API.test(source);
}

function escape(id: string): string {
  return id.replace(/[-]/g, '\\-');
}

/**
 * Lines of `source` that branch on or key by a resource type id:
 * `case 'id'`, `=== 'id'` / `!== 'id'` (either side), and object-literal
 * keys (`'id':` at a line's start or after `{` or `,`; a bare key such as `domain:` counts only next to another
 * type-id key, since single words are common keys).
 */
export function findTypeSwitches(source: string, ids: string[]): string[] {
  const alternatives = ids
    .slice()
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  const compare = new RegExp(
    `\\bcase\\s+['"\`](${alternatives})['"\`]|[!=]==\\s*['"\`](${alternatives})['"\`]|['"\`](${alternatives})['"\`]\\s*[!=]==|[{,]\\s*['"](${alternatives})['"]\\s*:`,
  );
  const quotedKey = new RegExp(`^\\s*['"](${alternatives})['"]\\s*:`);
  const bareKey = new RegExp(`^\\s*(${alternatives})\\s*:`);
  const lines = source.split('\n');
  const isComment = (line: string) => /^\s*(\/\/|\*|\/\*)/.test(line);
  const quoted = lines.map(line => !isComment(line) && quotedKey.test(line));
  const bare = lines.map(line => {
    const match = isComment(line) ? null : bareKey.exec(line);
    return match ? match[1] : undefined;
  });
  const near = (index: number, other: number) =>
    other !== index && Math.abs(other - index) <= 20;
  const indent = (line: string) => /^\s*/.exec(line)![0].length;
  // The distinct bare type-id keys of the object literal a key is in: the
  // lines around it at its indentation, up to one indented less (the
  // object's braces), within 20 lines. Option objects of calls next to each
  // other (`{ model, image }`, then `{ endpoint, image }`) are apart.
  const objectKeys = (index: number) => {
    const keys = new Set<string>();
    const depth = indent(lines[index]);
    for (const step of [-1, 1]) {
      for (
        let other = index;
        other >= 0 && other < lines.length && Math.abs(other - index) <= 20;
        other += step
      ) {
        const line = lines[other];
        if (line.trim() === '' || isComment(line)) continue;
        if (indent(line) < depth) break;
        const key = bare[other];
        if (key !== undefined && indent(line) === depth) keys.add(key);
      }
    }
    return keys;
  };
  // A bare key (`domain:`) counts in a map keyed by type ids: next to a
  // quoted type-id key, or among three distinct bare ones in one object.
  const inTypeMap = (index: number) =>
    quoted.some((q, other) => q && near(index, other)) ||
    objectKeys(index).size >= 3;
  const found: string[] = [];
  lines.forEach((line, index) => {
    if (isComment(line)) return;
    const flagged =
      compare.test(line) ||
      quoted[index] ||
      (bare[index] !== undefined && inTypeMap(index));
    if (flagged) {
      found.push(`${index + 1}: ${line.trim()}`);
    }
  });
  return found;
}
