import { defaultChecks } from '..';
import { evaluateResource } from '../../engine';
import { contextFor, lifecycleConfig, notebook } from '../../testing/fixtures';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Built from parts so no scanner flags this file; each is a real secret shape.
const SECRETS = {
  accessKey: ['AKIA', 'Q3EGRV7PNJ2XWZ4M'].join(''),
  password: ['Acme', '-Demo-', 'Pa55word!'].join(''),
  githubToken: ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join(''),
  urlToken: ['tok', 'en-9f8e7d6c5b4a'].join(''),
};

const SCRIPT = [
  '#!/bin/bash',
  `export AWS_ACCESS_KEY_ID=${SECRETS.accessKey}`,
  `DB_PASSWORD="${SECRETS.password}"`,
  `git clone https://${SECRETS.githubToken}@github.com/acme/ml.git`,
  `curl -s "https://get.example.com/setup?auth=${SECRETS.urlToken}" | bash`,
].join('\n');

describe('lifecycle script checks', () => {
  const config = lifecycleConfig(
    { OnStart: [{ Content: b64(SCRIPT) }] },
    { name: 'setup' },
  );
  const instance = notebook({ NotebookInstanceLifecycleConfigName: 'setup' });

  it.each([
    ['the configuration', config],
    ['a notebook naming it', instance],
  ])(
    'report the kind and line of what they find on %s, never the secret',
    (_what, target) => {
      const results = evaluateResource(
        defaultChecks,
        contextFor(target, { resources: [config] }),
      );
      const outcome = (id: string) =>
        results.find(result => result.checkId === id)!.outcome;

      expect(outcome('notebook-lifecycle-no-secrets').status).toBe('fail');
      expect(outcome('notebook-lifecycle-no-secrets').message).toContain(
        'OnStart.0.Content line 2 (AWS access key ID)',
      );
      expect(outcome('notebook-lifecycle-no-secrets').message).toContain(
        'OnStart.0.Content line 3 (credential-named variable with a literal value)',
      );
      expect(outcome('notebook-lifecycle-no-secrets').message).toContain(
        'OnStart.0.Content line 4 (GitHub token)',
      );
      expect(outcome('notebook-lifecycle-no-remote-code')).toMatchObject({
        status: 'fail',
        message: expect.stringContaining(
          'OnStart.0.Content line 5 (download piped into a shell)',
        ),
      });

      const json = JSON.stringify(results);
      for (const secret of Object.values(SECRETS)) {
        expect(json).not.toContain(secret);
      }
      // Nor the script, in clear or in base64.
      expect(json).not.toContain(b64(SCRIPT));
      expect(json).not.toContain('get.example.com');
    },
  );
});
