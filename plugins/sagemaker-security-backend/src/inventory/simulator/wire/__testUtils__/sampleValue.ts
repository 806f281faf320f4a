import type { NormalizedSchema } from '@smithy/core/schema';

export interface SampleOptions {
  /** Lists and maps empty instead of two entries each. */
  empty?: boolean;
  /** Nesting depth beyond which structures, lists and maps are left out. */
  maxDepth?: number;
  /**
   * Flattened lists get one entry when `empty` (an empty flattened XML list
   * is no element at all: absent, not empty, on the wire).
   */
  xml?: boolean;
  /** Timestamps on whole seconds (HTTP dates in headers carry no milliseconds). */
  wholeSeconds?: boolean;
}

/**
 * A value for every member of a schema, each distinct (strings `s1`, `s2`,
 * numbers, alternating booleans, timestamps with milliseconds, blobs, two
 * entries per list and map; unions take their first member): what a
 * round trip through an encoder and the SDK's decoder must give back.
 */
export function sampleValue(
  schema: NormalizedSchema,
  options: SampleOptions = {},
): unknown {
  let n = 0;
  const next = () => ++n;
  const maxDepth = options.maxDepth ?? 6;

  const walk = (ns: NormalizedSchema, depth: number): unknown => {
    if (ns.isStructSchema()) {
      const out: Record<string, unknown> = {};
      for (const [name, member] of ns.structIterator()) {
        const nested =
          member.isStructSchema() ||
          member.isListSchema() ||
          member.isMapSchema();
        if (nested && depth >= maxDepth) continue;
        if (member.isStreaming()) continue;
        const value = walk(member, depth + 1);
        if (value !== undefined) out[name] = value;
        if (ns.isUnionSchema() && value !== undefined) break;
      }
      return Object.keys(out).length ? out : undefined;
    }
    if (ns.isListSchema()) {
      const item = ns.getValueSchema();
      if (options.empty) {
        const flat = options.xml && ns.getMergedTraits().xmlFlattened;
        if (!flat) return [];
        const only = walk(item, depth + 1);
        return only === undefined ? undefined : [only];
      }
      const items = [walk(item, depth + 1), walk(item, depth + 1)];
      return items.every(i => i !== undefined) ? items : undefined;
    }
    if (ns.isMapSchema()) {
      if (options.empty) return {};
      const value = ns.getValueSchema();
      const a = walk(value, depth + 1);
      const b = walk(value, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      return { [`k${next()}`]: a, [`k${next()}`]: b };
    }
    const i = next();
    if (ns.isTimestampSchema()) {
      const header = Boolean(ns.getMergedTraits().httpHeader);
      const ms = options.wholeSeconds || header ? 0 : i % 1000;
      return new Date(Date.UTC(2025, 0, 1, 0, 0, i, ms));
    }
    if (ns.isBlobSchema()) return new Uint8Array(Buffer.from(`blob-${i}`));
    if (ns.isBooleanSchema()) return i % 2 === 0;
    if (ns.isNumericSchema()) return i;
    if (ns.isBigIntegerSchema()) return BigInt(i);
    if (ns.isDocumentSchema()) return { document: i };
    if (ns.isStringSchema()) return `s${i}`;
    return undefined;
  };
  return walk(schema, 0);
}
