import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The features an entry file adds: the specifiers of `backend.add(import(...))`. */
function features(path: string): string[] {
  const source = readFileSync(resolve(__dirname, path), 'utf8');
  return [...source.matchAll(/backend\.add\(\s*import\('([^']+)'\)/g)]
    .map(m => m[1])
    .sort();
}

describe('the probe backend', () => {
  it('adds the demo backend features, with the probe policy instead of allow-all', () => {
    const demo = features('../../backend/src/index.ts');
    const probe = features('./index.ts');
    // The demo backend cannot have lost its features without this test noticing.
    expect(demo).toContain('@mlsec/plugin-sagemaker-security-backend');
    expect(demo).toContain(
      '@backstage/plugin-permission-backend-module-allow-all-policy',
    );
    const expected = demo
      .filter(
        f =>
          f !==
            '@backstage/plugin-permission-backend-module-allow-all-policy' &&
          f !== '@backstage/plugin-app-backend',
      )
      .concat('./policy')
      .sort();
    expect(probe).toEqual(expected);
  });
});
