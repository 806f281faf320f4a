import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { spec } from '../schema/openapi';

const yamlSpec = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

describe('OpenAPI schema', () => {
  it('is embedded unchanged in the generated router (regenerate after editing the YAML)', () => {
    expect(spec).toEqual(yamlSpec);
  });

  it('declares 400 and 401 for every route', () => {
    const missing: string[] = [];
    for (const [route, operations] of Object.entries<any>(yamlSpec.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const codes = Object.keys(operation.responses);
        const takesInput = Boolean(
          operation.parameters?.length || operation.requestBody,
        );
        if (!codes.includes('401')) {
          missing.push(`${method} ${route} 401`);
        }
        if (takesInput && !codes.includes('400')) {
          missing.push(`${method} ${route} 400`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('bounds every string and array a request can carry (maxLength, maxItems)', () => {
    const resolve = (schema: any): any =>
      schema?.$ref
        ? yamlSpec.components.schemas[schema.$ref.split('/').pop()]
        : schema;
    const unbounded: string[] = [];
    const visit = (schema: any, where: string) => {
      const s = resolve(schema);
      if (!s) return;
      if (s.type === 'string' && !s.enum && s.maxLength === undefined) {
        unbounded.push(where);
      }
      for (const [name, property] of Object.entries<any>(s.properties ?? {})) {
        visit(property, `${where}.${name}`);
      }
      if (s.items) visit(s.items, `${where}[]`);
      if (s.type === 'array' && s.maxItems === undefined) {
        unbounded.push(`${where} (maxItems)`);
      }
    };
    for (const [route, operations] of Object.entries<any>(yamlSpec.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        for (const parameter of operation.parameters ?? []) {
          const p = parameter.$ref
            ? yamlSpec.components.parameters[parameter.$ref.split('/').pop()]
            : parameter;
          visit(p.schema, `${method} ${route} ${p.in}.${p.name}`);
        }
        visit(
          operation.requestBody?.content?.['application/json']?.schema,
          `${method} ${route} body`,
        );
      }
    }
    expect(unbounded).toEqual([]);
  });
});
