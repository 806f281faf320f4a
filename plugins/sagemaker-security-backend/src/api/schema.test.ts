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
});
