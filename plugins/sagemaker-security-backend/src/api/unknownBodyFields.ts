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

function resolve(spec: Spec, schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) {
    return spec.components?.schemas?.[schema.$ref.split('/').pop()!];
  }
  return schema;
}

/**
 * The spec validator answers "must NOT have additional properties" without
 * saying which; this names the unknown top-level fields of closed request
 * bodies (`additionalProperties: false`) before the validator runs.
 */
export function unknownBodyFields(spec: Spec): RequestHandler {
  const closed: Array<{ method: string; pattern: RegExp; allowed: string[] }> =
    [];
  for (const [template, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = resolve(
        spec,
        operation?.requestBody?.content?.['application/json']?.schema,
      );
      if (schema?.additionalProperties === false) {
        closed.push({
          method: method.toUpperCase(),
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          allowed: Object.keys(schema.properties ?? {}),
        });
      }
    }
  }
  return (req, _res, next) => {
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const route = closed.find(
        c => c.method === req.method && c.pattern.test(req.path),
      );
      const unknown = route
        ? Object.keys(body).filter(key => !route.allowed.includes(key))
        : [];
      if (unknown.length > 0) {
        next(
          new InputError(
            `request/body has unknown field ${unknown
              .map(k => `"${k}"`)
              .join(', ')}; allowed: ${route!.allowed.join(', ')}`,
          ),
        );
        return;
      }
    }
    next();
  };
}
