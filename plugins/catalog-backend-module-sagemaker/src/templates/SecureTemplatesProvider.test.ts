import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { REMEDIATION_TEMPLATES } from '@mlsec/plugin-sagemaker-security-node';
import { fakeConnection } from '../testing/fakes';
import {
  readSecureTemplates,
  SECURE_TEMPLATES_DIR,
  SecureTemplatesProvider,
} from './SecureTemplatesProvider';

describe('SecureTemplatesProvider', () => {
  it('registers every template a remediation link names, with its parameters, located at its file', async () => {
    const { connection, lastEntities } = fakeConnection();
    await new SecureTemplatesProvider({
      logger: mockServices.logger.mock(),
    }).connect(connection);

    const entities = lastEntities();
    expect(entities.map(e => e.metadata.name).sort()).toEqual(
      Object.keys(REMEDIATION_TEMPLATES).sort(),
    );
    for (const entity of entities) {
      const file = path.join(
        SECURE_TEMPLATES_DIR,
        entity.metadata.name,
        'template.yaml',
      );
      expect(entity.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${file}`,
      });
      // The scaffolder fetches ./skeleton from beside the template file.
      expect(
        fs.existsSync(path.join(path.dirname(file), 'skeleton')),
      ).toBeTruthy();
      const parameters = (
        entity.spec!.parameters as Array<{ properties: object }>
      ).flatMap(step => Object.keys(step.properties));
      const name = entity.metadata.name as keyof typeof REMEDIATION_TEMPLATES;
      expect(parameters).toEqual(
        expect.arrayContaining([...REMEDIATION_TEMPLATES[name]]),
      );
    }
  });

  it('overrides the owner when configured', async () => {
    const entities = await readSecureTemplates(
      SECURE_TEMPLATES_DIR,
      'group:default/platform',
    );
    expect(new Set(entities.map(e => e.spec!.owner))).toEqual(
      new Set(['group:default/platform']),
    );
  });

  it('fails on a folder without templates, and on a file that is not a Template', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    await expect(readSecureTemplates(dir)).rejects.toThrow(
      /No templates found/,
    );
    fs.mkdirSync(path.join(dir, 'x'));
    fs.writeFileSync(path.join(dir, 'x', 'template.yaml'), 'kind: Component\n');
    await expect(readSecureTemplates(dir)).rejects.toThrow(
      /is not a Template entity/,
    );
  });
});
