import { InputError } from '@backstage/errors';
import { RequestHandler } from 'express';

type Schema = {
  $ref?: string;
  additionalProperties?: unknown;
  properties?: Record<string, unknown>;
};
type Spec = {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
};

interface Operation {
  method: string;
  pattern: RegExp;
  /** Top-level fields of a closed JSON body (`additionalProperties: false`). */
  bodyFields?: string[];
}

function resolve(spec: Spec, schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) {
    return spec.components?.schemas?.[schema.$ref.split('/').pop()!];
  }
  return schema;
}

function operations(spec: Spec): Operation[] {
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    // Path parameters become named groups, so that errors can name them.
    const pattern = new RegExp(
      `^${template.replace(/\{([^}]+)\}/g, '(?<$1>[^/]+)')}$`,
    );
    for (const [method, operation] of Object.entries(item)) {
      const body = resolve(
        spec,
        operation?.requestBody?.content?.['application/json']?.schema,
      );
      out.push({
        method: method.toUpperCase(),
        pattern,
        ...(body?.additionalProperties === false
          ? { bodyFields: Object.keys(body.properties ?? {}) }
          : {}),
      });
    }
  }
  return out;
}

const NUL = '\u0000';

/**
 * The first string (key or value) under `value` holding a NUL character,
 * as a path below `root`. Iterative: request bodies may nest deeply.
 */
function findNul(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) {
        return path;
      }
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = `${path}/${key}`;
        if (key.includes(NUL)) {
          return childPath;
        }
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes are the router's to refuse
  }
}

/**
 * The checks of request input that the OpenAPI validator cannot express,
 * run once for every route before it (and before any store):
 *
 * - No string anywhere in the request (path parameters, query parameters
 *   and their keys, body values and keys, at any depth) may hold U+0000.
 *   PostgreSQL cannot store or compare it in text and answered 500; it is
 *   refused with 400 naming the field, on every database alike.
 * - A closed request body (`additionalProperties: false`) names its
 *   unknown fields; the validator only says "must NOT have additional
 *   properties".
 *
 * Everything else (types, formats, lengths, patterns, ranges, unknown query
 * parameters, real calendar dates) is the spec's, checked by the validator.
 */
export function edgeValidator(spec: Spec): RequestHandler {
  const known = operations(spec);
  return (req, _res, next) => {
    const operation = known.find(
      o => o.method === req.method && o.pattern.test(req.path),
    );
    const params = operation?.pattern.exec(req.path)?.groups ?? {};
    for (const [name, raw] of Object.entries(params)) {
      if (decoded(raw).includes(NUL)) {
        next(nulError(`request/path/${name}`));
        return;
      }
    }
    const field =
      findNul(req.query, 'request/query') ?? findNul(req.body, 'request/body');
    if (field) {
      next(nulError(field));
      return;
    }
    const body = req.body;
    if (
      operation?.bodyFields &&
      body &&
      typeof body === 'object' &&
      !Array.isArray(body)
    ) {
      const allowed = operation.bodyFields;
      const unknown = Object.keys(body).filter(key => !allowed.includes(key));
      if (unknown.length > 0) {
        next(
          new InputError(
            `request/body has unknown field ${unknown
              .map(k => `"${k}"`)
              .join(', ')}; allowed: ${allowed.join(', ')}`,
          ),
        );
        return;
      }
    }
    next();
  };
}

function nulError(field: string): InputError {
  return new InputError(`${field} must not contain the NUL character (U+0000)`);
}
