/*
 * Stored service scores follow the catalog. The demo's first scan can finish
 * while the catalog is still loading its ML services (a loaded machine): the
 * rescoring after that evaluation then stores only the services the catalog
 * held, and the org page, which pages through the stored rows, listed only
 * those until the next scan. The scheduled catalog check rescores when the
 * catalog differs from what the stored rows were computed from.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createScorecardService } from './createScorecardService';
import { migrateResultsTables } from './__testUtils__/migrations';
import { InMemoryInventoryStore } from './__testUtils__/InMemoryInventoryStore';
import { testChecks } from './__testUtils__/fixtures';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_TEAM,
  ML_TEAM,
  seedEstate,
} from './__testUtils__/estate';

jest.setTimeout(60_000);

const TASK = 'sagemaker-security-catalog-rescore';

/** A catalog whose entities the test replaces, as catalog processing would. */
class ChangingCatalog {
  private current: CatalogService;

  constructor(initial: Entity[]) {
    this.current = catalogServiceMock({ entities: initial });
  }

  set(next: Entity[]) {
    this.current = catalogServiceMock({ entities: next });
  }

  readonly service = new Proxy({} as CatalogService, {
    get:
      (_, method: keyof CatalogService) =>
      (...args: unknown[]) =>
        (this.current[method] as (...a: unknown[]) => unknown)(...args),
  });
}

const withoutChurn = entities.filter(e => e.metadata.name !== 'churn');

function reowned(entity: Entity, owner: string): Entity {
  return {
    ...entity,
    spec: { ...entity.spec, owner: owner.split('/')[1] },
    relations: [
      ...(entity.relations ?? []).filter(r => r.type !== 'ownedBy'),
      { type: 'ownedBy', targetRef: owner },
    ],
  };
}

describe('stored scores follow the catalog', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });
  const credentials = mockCredentials.service();
  const all = { all: true, allowed: async (refs: string[]) => new Set(refs) };

  async function create(databaseId: string, initial: Entity[]) {
    const knex = await databases.init(databaseId as 'SQLITE_3');
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    const catalog = new ChangingCatalog(initial);
    const scheduler = mockServices.scheduler.mock();
    const backend = await createScorecardService({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
      knex,
      inventory,
      checks: testChecks,
      catalog: catalog.service,
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      userInfo: mockServices.userInfo(),
      scheduler,
    });
    const task = scheduler.scheduleTask.mock.calls
      .map(([t]) => t)
      .find(t => t.id === TASK);
    /** One run of the scheduled catalog check, as the scheduler would. */
    const runCatalogCheck = async () => {
      expect(task).toBeDefined();
      await task!.fn(new AbortController().signal);
    };
    const orgRefs = async (query = {}) =>
      (await backend.scorecards.orgPage(query, credentials, all)).items.map(
        i => i.entityRef,
      );
    return { knex, catalog, backend, runCatalogCheck, orgRefs };
  }

  it.each(databases.eachSupportedId())(
    'lists a service the catalog gains after the first rescoring, without a new scan, %p',
    async databaseId => {
      const { knex, catalog, backend, runCatalogCheck, orgRefs } = await create(
        databaseId,
        withoutChurn,
      );
      // The scan finishes while the catalog holds only fraud-scoring.
      await backend.evaluateNow();
      expect(await orgRefs()).toEqual([FRAUD]);

      // The catalog finishes loading; no scan follows.
      catalog.set(entities);
      await runCatalogCheck();
      const caughtUp = await backend.scorecards.orgPage(
        { orderBy: 'entityRef' },
        credentials,
        all,
      );
      expect(caughtUp.items.map(i => i.entityRef)).toEqual([CHURN, FRAUD]);
      expect(caughtUp.totalCount).toBe(2);

      // The same page as scoring every service on request.
      await knex('entity_score_runs').delete();
      await knex('entity_scores').delete();
      await expect(
        backend.scorecards.orgPage({ orderBy: 'entityRef' }, credentials, all),
      ).resolves.toEqual(caughtUp);
    },
  );

  it.each(databases.eachSupportedId())(
    'follows a re-owned and a removed service, and leaves the rows alone while the catalog is unchanged, %p',
    async databaseId => {
      const { knex, catalog, backend, runCatalogCheck, orgRefs } = await create(
        databaseId,
        entities,
      );
      await backend.evaluateNow();
      expect(await orgRefs({ owner: ML_TEAM })).toEqual([CHURN]);
      expect(await orgRefs({ owner: FRAUD_TEAM })).toEqual([FRAUD]);

      // Nothing changed: no rescoring (the recomputation time stays).
      const before = await knex('entity_score_runs').first();
      await expect(backend.rescoreIfCatalogChanged()).resolves.toBe(false);
      await runCatalogCheck();
      const after = await knex('entity_score_runs').first();
      expect(after.version).toEqual(before.version);
      expect(after.catalog_fingerprint).toBe(before.catalog_fingerprint);

      // churn moves to the fraud team.
      catalog.set(
        entities.map(e =>
          e.metadata.name === 'churn' ? reowned(e, FRAUD_TEAM) : e,
        ),
      );
      await runCatalogCheck();
      expect(await orgRefs({ owner: ML_TEAM })).toEqual([]);
      expect((await orgRefs({ owner: FRAUD_TEAM })).sort()).toEqual([
        CHURN,
        FRAUD,
      ]);

      // churn leaves the catalog.
      catalog.set(withoutChurn);
      await expect(backend.rescoreIfCatalogChanged()).resolves.toBe(true);
      expect(await orgRefs()).toEqual([FRAUD]);
    },
  );

  it('does nothing before the first evaluation: rollups are computed on request until then', async () => {
    const { knex, runCatalogCheck, orgRefs } = await create(
      'SQLITE_3',
      entities,
    );
    await runCatalogCheck();
    await expect(knex('entity_score_runs').first()).resolves.toBeUndefined();
    // Nothing evaluated yet: no service has results, but the inventory links
    // resources, so the on-request answer lists both services.
    expect((await orgRefs()).sort()).toEqual([CHURN, FRAUD]);
  });
});
