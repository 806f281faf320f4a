/**
 * Issue 14, item 4: the inventory route no longer lets any service token
 * through; it serves what the caller's permission decisions allow. The
 * catalog module reads it with the catalog's service token (as
 * `plugin:catalog`), so this is its documented permission setup: the
 * module's own client, against the real backend plugin over HTTP, reads
 * every page when the policy grants `sagemaker-security.scorecard.read` and
 * `catalog.entity.read` (and nothing else), and is refused when it does not.
 */
import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HttpInventoryClient } from '@mlsec/plugin-catalog-backend-module-sagemaker';
import sagemakerSecurityPlugin from '@mlsec/plugin-sagemaker-security-backend';
import request from 'supertest';
import { loadDemoCatalog } from './__testUtils__/demoCatalog';

jest.setTimeout(90_000);

/** What the catalog module needs granted, per its README. */
const GRANTED = ['sagemaker-security.scorecard.read', 'catalog.entity.read'];

describe("the catalog module's inventory reads under a permission policy", () => {
  const granted = new Set<string>(GRANTED);
  const principals: string[] = [];
  let catalogServices: { discovery: DiscoveryService; auth: AuthService };
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  // Stands in for the catalog plugin: the module builds its client from
  // these two services, so requests carry the catalog's service token.
  const catalogPlugin = createBackendPlugin({
    pluginId: 'catalog',
    register(env) {
      env.registerInit({
        deps: {
          discovery: coreServices.discovery,
          auth: coreServices.auth,
        },
        async init(deps) {
          catalogServices = deps;
        },
      });
    },
  });

  const decide = (
    requests: Array<{ permission: { name: string } }>,
    options?: { credentials?: { principal: unknown } },
  ) => {
    const principal = options?.credentials?.principal as
      | { type: string; subject?: string }
      | undefined;
    if (principal?.type === 'service') {
      principals.push(principal.subject ?? '');
    }
    return requests.map(({ permission }) => ({
      result: granted.has(permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    }));
  };

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        sagemakerSecurityPlugin,
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            sagemakerSecurity: {
              demoEstate: 'builtin',
              accounts: [{ accountId: '111122223333' }],
              regions: ['eu-west-1'],
              jobLookbackDays: 'all',
            },
          },
        }),
        catalogServiceMock.factory({ entities: await loadDemoCatalog() }),
        mockServices.permissions.mock({
          authorize: (async (requests: any, options: any) =>
            decide(requests, options)) as any,
          authorizeConditional: (async (requests: any, options: any) =>
            decide(requests, options)) as any,
        }).factory,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    // The start-up scan fills the inventory.
    for (let i = 0; i < 300; i++) {
      const latest = await request(server)
        .get('/api/sagemaker-security/scans/latest')
        .set('Authorization', mockCredentials.user.header());
      if (latest.body.finishedAt) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  });

  const client = () => new HttpInventoryClient(catalogServices);

  it('reads every page as plugin:catalog when the policy grants scorecard.read and catalog.entity.read', async () => {
    principals.length = 0;
    const arns: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client().listResources({
        type: 'endpoint',
        limit: 1,
        cursor,
      });
      arns.push(...page.items.map(item => item.arn));
      cursor = page.nextCursor;
    } while (cursor);
    expect(arns.length).toBeGreaterThan(1);
    expect(new Set(arns).size).toBe(arns.length);
    // The decisions were asked for the catalog's own service principal.
    expect(new Set(principals)).toEqual(new Set(['plugin:catalog']));
  });

  it.each(GRANTED)(
    'is refused (403) when the policy does not grant %s: no service-principal bypass',
    async permission => {
      granted.delete(permission);
      try {
        await expect(
          client().listResources({ type: 'endpoint', limit: 10 }),
        ).rejects.toMatchObject({ statusCode: 403 });
      } finally {
        granted.add(permission);
      }
    },
  );
});
