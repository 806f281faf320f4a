import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RESOURCE_TYPES } from '@mlsec/plugin-sagemaker-security-common';

const yamlSpec = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, 'openapi.yaml'), 'utf8'),
);

describe('OpenAPI ResourceType enum', () => {
  it('equals the ids of the resource type registry, in its order', () => {
    expect(yamlSpec.components.schemas.ResourceType.enum).toEqual([
      ...RESOURCE_TYPES,
    ]);
  });
});
