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
          f !== '@backstage/plugin-app-backend' &&
          // The demo portal's second sign-in (a module of the demo backend's
          // own, registered only where app-config.demo.yaml configures it):
          // the probe signs its users in with its own tokens.
          f !== './demoSignIn',
      )
      .concat('./policy')
      .sort();
    expect(probe).toEqual(expected);
  });
});
