import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogView } from './CatalogView';
import { SnapshotGraph } from './CatalogGraph';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/ml' },
});

/** A catalog mock counting the list reads a snapshot makes. */
function countingCatalog(entities: () => Entity[]) {
  let reads = 0;
  let failing = false;
  const service = new Proxy({} as CatalogService, {
    get: (_, method: keyof CatalogService) => {
      const current = catalogServiceMock({ entities: entities() });
      return (...args: unknown[]) => {
        if (method === 'getEntities') {
          reads += 1;
          if (failing) {
            return Promise.reject(new Error('catalog unavailable'));
          }
        }
        return (current[method] as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return {
    service,
    reads: () => reads,
    fail: (value: boolean) => {
      failing = value;
    },
  };
}

describe('CatalogView', () => {
  let clock = 0;
  let entities: Entity[];
  const view = (catalog: CatalogService, maxAgeMs = 30_000) =>
    new CatalogView({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      maxAgeMs,
      now: () => clock,
    });

  beforeEach(() => {
    clock = 1_000_000;
    entities = [component('fraud')];
  });

  it('reads the catalog once for every read within its age, once for concurrent reads, and again when older', async () => {
    const catalog = countingCatalog(() => entities);
    const subject = view(catalog.service);
    await Promise.all([subject.graph(), subject.graph(), subject.graph()]);
    const perSnapshot = catalog.reads();
    expect(perSnapshot).toBeGreaterThan(0);
    clock += 30_000;
    expect(await subject.entity('component:default/fraud')).toBeDefined();
    expect(catalog.reads()).toBe(perSnapshot);

    entities = [component('fraud'), component('churn')];
    expect(await subject.entity('component:default/churn')).toBeUndefined();
    clock += 1;
    expect(await subject.entity('component:default/churn')).toBeDefined();
    expect(catalog.reads()).toBe(2 * perSnapshot);
  });

  it('is off at age 0: callers read the catalog themselves', async () => {
    const catalog = countingCatalog(() => entities);
    expect(await view(catalog.service, 0).graph()).toBeUndefined();
    expect(catalog.reads()).toBe(0);
  });

  it('answers undefined when the catalog cannot be read, and reads again next time', async () => {
    const catalog = countingCatalog(() => entities);
    const subject = view(catalog.service);
    catalog.fail(true);
    expect(await subject.graph()).toBeUndefined();
    catalog.fail(false);
    expect(await subject.entity('component:default/fraud')).toBeDefined();
  });

  it('takes a newer snapshot offered by the scoring task, not an older one', async () => {
    const catalog = countingCatalog(() => entities);
    const subject = view(catalog.service);
    await subject.graph();
    const reads = catalog.reads();
    subject.offer(new SnapshotGraph([component('offered')]), clock + 10);
    expect(await subject.entity('component:default/offered')).toBeDefined();
    subject.offer(new SnapshotGraph([component('older')]), clock - 10);
    expect(await subject.entity('component:default/older')).toBeUndefined();
    expect(catalog.reads()).toBe(reads);
  });
});
