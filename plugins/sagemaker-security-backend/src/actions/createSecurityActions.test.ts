import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createScorecardService } from '../service/createScorecardService';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { testChecks } from '../service/__testUtils__/fixtures';
import { entities, FRAUD, seedEstate } from '../service/__testUtils__/estate';
import { registerSecurityActions } from './createSecurityActions';

jest.setTimeout(60_000);

describe('security actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const denied = new Set<string>();
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })) as any,
  });
  let actions: ReturnType<typeof actionsRegistryServiceMock>;
  const credentials = mockCredentials.user('user:default/alice');

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    const backend = await createScorecardService({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
      knex,
      inventory,
      checks: testChecks,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions,
      userInfo: mockServices.userInfo(),
    });
    await backend.evaluateNow();
    actions = actionsRegistryServiceMock();
    registerSecurityActions({
      actionsRegistry: actions,
      scorecards: backend.authorized,
    });
  });

  beforeEach(() => denied.clear());

  it('lists the three actions', async () => {
    const { actions: list } = await actions.list();
    expect(list.map(a => a.name).sort()).toEqual([
      'explain-check',
      'get-entity-security-scorecard',
      'list-failing-checks',
    ]);
    expect(list.every(a => a.attributes.readOnly)).toBe(true);
  });

  it('gets the scorecard of an entity, worst findings first', async () => {
    const { output } = await actions.invoke({
      id: 'test:get-entity-security-scorecard',
      input: { entityRef: FRAUD },
      credentials,
    });
    expect(output).toMatchObject({
      entityRef: FRAUD,
      grade: 'F',
      resourceCount: 4,
      stale: false,
    });
    const findings = (output as any).worstFindings;
    expect(findings[0]).toMatchObject({
      checkId: 'test-direct-internet',
      severity: 'critical',
      status: 'fail',
      resourceName: 'fraud-nb',
    });
  });

  it('returns the first findings and says how to get the rest', async () => {
    const { output } = await actions.invoke({
      id: 'test:get-entity-security-scorecard',
      input: { entityRef: FRAUD, findingsLimit: 1 },
      credentials,
    });
    const card = output as any;
    expect(card.openFindingCount).toBe(3);
    expect(card.worstFindings).toEqual([
      expect.objectContaining({ checkId: 'test-direct-internet' }),
    ]);
    expect(card.moreFindings).toMatch(
      /^2 more open findings: .*list-failing-checks/,
    );
    const all = await actions.invoke({
      id: 'test:get-entity-security-scorecard',
      input: { entityRef: FRAUD, findingsLimit: 50 },
      credentials,
    });
    expect((all.output as any).worstFindings).toHaveLength(3);
    expect((all.output as any).moreFindings).toBeUndefined();
  });

  it('lists failing checks filtered by severity and status', async () => {
    const all = await actions.invoke({
      id: 'test:list-failing-checks',
      input: { entityRef: FRAUD },
      credentials,
    });
    expect((all.output as any).total).toBe(3);
    const critical = await actions.invoke({
      id: 'test:list-failing-checks',
      input: { entityRef: FRAUD, minSeverity: 'critical' },
      credentials,
    });
    expect((critical.output as any).findings).toEqual([
      expect.objectContaining({
        checkId: 'test-direct-internet',
        remediation: 'Fix it.',
        docsUrl: 'https://docs.aws.amazon.com/',
      }),
    ]);
    const churn = await actions.invoke({
      id: 'test:list-failing-checks',
      input: { entityRef: 'component:default/churn', includeUnknown: false },
      credentials,
    });
    expect((churn.output as any).findings).toEqual([]);
    const churnUnknown = await actions.invoke({
      id: 'test:list-failing-checks',
      input: { entityRef: 'component:default/churn' },
      credentials,
    });
    expect((churnUnknown.output as any).findings[0].status).toBe('unknown');
  });

  it('explains a check and answers unknown checks with an error', async () => {
    const { output } = await actions.invoke({
      id: 'test:explain-check',
      input: { checkId: 'test-direct-internet' },
      credentials,
    });
    expect(output).toMatchObject({
      id: 'test-direct-internet',
      pillar: 'network',
      severity: 'critical',
      resourceTypes: ['notebook-instance'],
      remediation: { docsUrl: 'https://docs.aws.amazon.com/' },
    });
    await expect(
      actions.invoke({
        id: 'test:explain-check',
        input: { checkId: 'nope' },
        credentials,
      }),
    ).rejects.toThrow('No check nope');
  });

  it('checks the read permission inside the actions', async () => {
    denied.add('sagemaker-security.scorecard.read');
    for (const id of [
      'test:get-entity-security-scorecard',
      'test:list-failing-checks',
    ]) {
      await expect(
        actions.invoke({ id, input: { entityRef: FRAUD }, credentials }),
      ).rejects.toThrow(/not allowed/);
    }
  });

  it('rejects a bad entity reference, naming it', async () => {
    await expect(
      actions.invoke({
        id: 'test:get-entity-security-scorecard',
        input: { entityRef: 'fraud-scoring' },
        credentials,
      }),
    ).rejects.toThrow(/entityRef/);
  });

  it('refuses a NUL character in an entity reference, naming the field', async () => {
    for (const id of [
      'test:get-entity-security-scorecard',
      'test:list-failing-checks',
    ]) {
      await expect(
        actions.invoke({
          id,
          input: { entityRef: `${FRAUD}\u0000` },
          credentials,
        }),
      ).rejects.toThrow(/entityRef must not contain the NUL character/);
    }
  });

  it('applies catalog read restrictions: an entity the catalog hides is not found', async () => {
    denied.add('catalog.entity.read');
    await expect(
      actions.invoke({
        id: 'test:get-entity-security-scorecard',
        input: { entityRef: FRAUD },
        credentials,
      }),
    ).rejects.toThrow(/No entity/);
  });
});
