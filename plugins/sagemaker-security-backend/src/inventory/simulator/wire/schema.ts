import { NormalizedSchema } from '@smithy/core/schema';
import type { $SchemaRef, StaticOperationSchema } from '@smithy/types';

/** An operation's input and output schemas. */
export function ioOf(operation: StaticOperationSchema) {
  return {
    name: operation[2],
    input: NormalizedSchema.of(operation[4]),
    output: NormalizedSchema.of(operation[5]),
  };
}

/** The static structure behind a schema reference ([3, ns, name, traits, names, members]). */
export function staticStruct(ref: $SchemaRef): {
  names: string[];
  members: $SchemaRef[];
} {
  const schema = NormalizedSchema.of(ref).getSchema() as unknown as unknown[];
  if (!Array.isArray(schema) || schema[0] !== 3)
    return { names: [], members: [] };
  return {
    names: schema[4] as string[],
    members: schema[5] as $SchemaRef[],
  };
}

/**
 * Whether a member is bound to an HTTP location other than the body
 * (REST protocols: label, query, header, prefix headers, status code).
 */
export function isHttpBound(member: NormalizedSchema): boolean {
  const t = member.getMergedTraits();
  return Boolean(
    t.httpLabel ||
      t.httpQuery ||
      t.httpQueryParams ||
      t.httpHeader ||
      t.httpPrefixHeaders ||
      t.httpResponseCode,
  );
}

class ModelMismatch extends Error {
  name = 'ModelMismatch';
}

function fail(path: string, what: string, value: unknown): never {
  throw new ModelMismatch(
    `The simulator's answer does not fit the SDK model at ${path}: expected ${what}, got ${JSON.stringify(
      value,
    )?.slice(0, 80)}`,
  );
}

/**
 * A handler's output (estate data: dates as ISO strings, numbers, plain
 * objects) as the SDK's value types for `schema` (Date, Uint8Array...),
 * ready for the SDK's own serializers. Members the model does not have are
 * left out, as AWS never sends them; their paths go to `dropped`.
 */
export function toModel(
  schema: NormalizedSchema,
  value: unknown,
  dropped: string[] = [],
  path = '$',
): unknown {
  if (value === undefined || value === null) return undefined;
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      return fail(path, 'an object', value);
    }
    const out: Record<string, unknown> = {};
    const known = new Set<string>();
    for (const [name, member] of schema.structIterator()) {
      known.add(name);
      const v = toModel(
        member,
        (value as Record<string, unknown>)[name],
        dropped,
        `${path}.${name}`,
      );
      if (v !== undefined) out[name] = v;
    }
    for (const key of Object.keys(value)) {
      if (!known.has(key)) dropped.push(`${path}.${key}`);
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return fail(path, 'a list', value);
    const item = schema.getValueSchema();
    return value.map((v, i) => toModel(item, v, dropped, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object') return fail(path, 'a map', value);
    const item = schema.getValueSchema();
    return Object.fromEntries(
      Object.entries(value as object).map(([k, v]) => [
        k,
        toModel(item, v, dropped, `${path}.${k}`),
      ]),
    );
  }
  if (schema.isTimestampSchema()) {
    const date =
      value instanceof Date
        ? value
        : new Date(typeof value === 'number' ? value * 1000 : String(value));
    if (Number.isNaN(date.getTime())) return fail(path, 'a timestamp', value);
    return date;
  }
  if (schema.isBlobSchema()) {
    if (value instanceof Uint8Array) return value;
    return new Uint8Array(Buffer.from(String(value), 'utf8'));
  }
  if (schema.isBooleanSchema()) {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return fail(path, 'a boolean', value);
  }
  if (schema.isNumericSchema()) {
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isNaN(n)) return fail(path, 'a number', value);
    return n;
  }
  if (schema.isStringSchema()) {
    if (typeof value === 'object') return fail(path, 'a string', value);
    return String(value);
  }
  return value;
}
