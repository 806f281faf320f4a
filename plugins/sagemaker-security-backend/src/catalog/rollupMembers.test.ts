import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { CatalogServiceGraph, SnapshotGraph } from './CatalogGraph';
import { groupTree, rollupComponents } from './rollupMembers';
import { childGroupsOf, ownersOf } from './entityRefs';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_SYSTEM,
  FRAUD_TEAM,
  ML_TEAM,
  PLATFORM,
  RISK_DOMAIN,
  SECURITY,
} from '../service/__testUtils__/estate';

function byRef(ref: string): Entity {
  const [kind, rest] = ref.split(':');
  const name = rest.split('/')[1];
  return entities.find(
    e => e.kind.toLowerCase() === kind && e.metadata.name === name,
  )!;
}

function group(
  name: string,
  spec: object,
  relations: Entity['relations'] = [],
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec,
    relations,
  } as Entity;
}

const graphs = {
  snapshot: () => new SnapshotGraph(entities),
  catalog: () =>
    new CatalogServiceGraph(
      catalogServiceMock({ entities }),
      mockCredentials.user(),
    ),
};

describe.each(Object.entries(graphs))(
  'rollups over the %s graph',
  (_, make) => {
    it('walks nested groups through children and parentOf, ending on cycles', async () => {
      const graph = make();
      expect((await groupTree(byRef(PLATFORM), graph)).sort()).toEqual(
        [PLATFORM, ML_TEAM, FRAUD_TEAM, SECURITY].sort(),
      );
      // ml-team -> fraud-team -> platform (cycle) -> ml-team, security
      expect((await groupTree(byRef(ML_TEAM), graph)).sort()).toEqual(
        [PLATFORM, ML_TEAM, FRAUD_TEAM, SECURITY].sort(),
      );
      expect(await groupTree(byRef(SECURITY), graph)).toEqual([SECURITY]);
    });

    it('collects the components of a group tree, a system and a domain', async () => {
      const graph = make();
      const refs = async (ref: string) =>
        (await rollupComponents(byRef(ref), graph))
          .map(e => `component:default/${e.metadata.name}`)
          .sort();
      expect(await refs(PLATFORM)).toEqual(
        [CHURN, FRAUD, 'component:default/idle'].sort(),
      );
      expect(await refs(SECURITY)).toEqual([]);
      expect(await refs(FRAUD_SYSTEM)).toEqual([FRAUD]);
      expect(await refs(RISK_DOMAIN)).toEqual([FRAUD]);
    });

    it('refuses a rollup of a Component, naming entityRef', async () => {
      await expect(rollupComponents(byRef(FRAUD), make())).rejects.toThrow(
        /entityRef: rollups are for Group, System and Domain/,
      );
    });
  },
);

describe('entity helpers', () => {
  it('reads child groups from spec.children relative to the namespace, and parentOf', () => {
    expect(
      childGroupsOf(
        group('a', { children: ['b', 'group:other/c', 'user:default/x'] }, [
          { type: 'parentOf', targetRef: 'group:default/D' },
        ]),
      ).sort(),
    ).toEqual(['group:default/b', 'group:default/d', 'group:other/c']);
  });

  it('reads owners from relations and spec.owner', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', namespace: 'team-ns' },
      spec: { owner: 'ml-team' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/ml-team' }],
    };
    expect(ownersOf(entity).sort()).toEqual([
      'group:default/ml-team',
      'group:team-ns/ml-team',
    ]);
  });
});
