/**
 * The demo portal's second sign-in (src/demoSignIn.ts): the real auth backend
 * with the module, over the demo organisation of examples/ and the user that
 * app-config.demo.yaml names. The refresh a browser makes signs in as that
 * catalog user, a member of the security group and not the guest; outside
 * development the provider is not registered unless explicitly allowed.
 */
import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import { authModuleDemoSecuritySignIn } from '../demoSignIn';
import { loadDemoCatalog } from './__testUtils__/demoCatalog';
import { readYamlDocuments, repoPath } from './__testUtils__/repoFiles';

const REFRESH = '/api/auth/demo-security/refresh';

async function startAuth(providerConfig: {
  userEntityRef: string;
  dangerouslyAllowOutsideDevelopment?: boolean;
}) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoSecuritySignIn,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
          auth: { providers: { 'demo-security': providerConfig } },
        },
      }),
      catalogServiceMock.factory({ entities: await loadDemoCatalog() }),
    ],
  });
  return server;
}

describe('the demo-security sign-in of the demo portal', () => {
  let demoUser: string;

  beforeAll(async () => {
    const [demo] = await readYamlDocuments(repoPath('app-config.demo.yaml'));
    demoUser = demo.auth.providers['demo-security'].userEntityRef;
  });

  it('signs in as the configured security-group member, who is not the guest', async () => {
    expect(demoUser).not.toBe('user:development/guest');
    // Jest runs with NODE_ENV=test; `yarn start` runs with development.
    const server = await startAuth({
      userEntityRef: demoUser,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const response = await request(server)
      .get(REFRESH)
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(response.status).toBe(200);
    const { identity, token } = response.body.backstageIdentity;
    expect(identity.userEntityRef).toBe(demoUser);
    expect(identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([demoUser, 'group:default/security']),
    );
    expect(identity.ownershipEntityRefs).not.toContain(
      'group:default/fraud-ml',
    );
    expect(typeof token).toBe('string');
  });

  it('refuses a user the catalog does not hold', async () => {
    const server = await startAuth({
      userEntityRef: 'user:default/nobody',
      dangerouslyAllowOutsideDevelopment: true,
    });
    const response = await request(server)
      .get(REFRESH)
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('User not found');
  });

  it('is not registered outside development unless allowed', async () => {
    const server = await startAuth({ userEntityRef: demoUser });
    const response = await request(server)
      .get(REFRESH)
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe(
      "Unknown auth provider 'demo-security'",
    );
  });
});
