import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogView } from '../catalog/CatalogView';
import { SnapshotGraph } from '../catalog/CatalogGraph';
import type { EntityScoreStore } from '../scoring/EntityScoreStore';
import { CurrentEvaluations } from './currentEvaluations';
import type { EvaluatedEntity, ScoringContext } from './entityScoring';

const fraud: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud', namespace: 'default' },
};

function setup(options: { run: boolean; view: boolean }) {
  let version = 1;
  let readAt = 100;
  const graph = new SnapshotGraph([fraud]);
  const evaluations: Array<{ version: number; graph: unknown }> = [];
  const live = { live: true } as unknown as ScoringContext['graph'];
  const current = new CurrentEvaluations({
    entityScores: {
      getRun: async () =>
        options.run ? { computedAt: '', version } : undefined,
    } as unknown as EntityScoreStore,
    catalogView: options.view
      ? ({
          snapshot: async () => ({ graph, readAt }),
        } as unknown as CatalogView)
      : undefined,
    requestContext: () => ({ graph: live } as unknown as ScoringContext),
    evaluate: async (entity, context) => {
      evaluations.push({ version, graph: context.graph });
      await new Promise(resolve => setImmediate(resolve));
      return {
        entity,
        entityRef: 'component:default/fraud',
        resources: [],
        results: [],
        score: { version } as unknown as EvaluatedEntity['score'],
        warnings: [],
      };
    },
  });
  return {
    current,
    evaluations,
    graph,
    live,
    bump: () => {
      version += 1;
    },
    reread: () => {
      readAt += 1;
    },
  };
}

const credentials = mockCredentials.user();

describe('CurrentEvaluations', () => {
  it('evaluates once per stored version and catalog snapshot, concurrent reads included', async () => {
    const s = setup({ run: true, view: true });
    await Promise.all([
      s.current.evaluate(fraud, credentials),
      s.current.evaluate(fraud, credentials),
    ]);
    await s.current.evaluate(fraud, credentials);
    expect(s.evaluations).toHaveLength(1);
    expect(s.evaluations[0].graph).toBe(s.graph);

    s.bump();
    const after = await s.current.evaluate(fraud, credentials);
    expect(s.evaluations).toHaveLength(2);
    expect((after.score as unknown as { version: number }).version).toBe(2);

    s.reread();
    await s.current.evaluate(fraud, credentials);
    expect(s.evaluations).toHaveLength(3);
    // Only the newest state of an entity is held.
    expect(s.current.size).toBe(1);
  });

  it('evaluates every time, with the caller’s catalog reads, before the first scoring', async () => {
    const s = setup({ run: false, view: true });
    await s.current.evaluate(fraud, credentials);
    await s.current.evaluate(fraud, credentials);
    expect(s.evaluations.map(e => e.graph)).toEqual([s.live, s.live]);
  });

  it('evaluates every time when the catalog view is off', async () => {
    const s = setup({ run: true, view: false });
    await s.current.evaluate(fraud, credentials);
    await s.current.evaluate(fraud, credentials);
    expect(s.evaluations).toHaveLength(2);
  });

  it('a sweep (hold: false) uses what is held but keeps nothing new', async () => {
    const s = setup({ run: true, view: true });
    await s.current.evaluate(fraud, credentials, { hold: false });
    await s.current.evaluate(fraud, credentials, { hold: false });
    expect(s.evaluations).toHaveLength(2);
    expect(s.evaluations[1].graph).toBe(s.graph);
    expect(s.current.size).toBe(0);

    // Held by an interactive read: the sweep reads it, evaluating nothing.
    await s.current.evaluate(fraud, credentials);
    expect(s.evaluations).toHaveLength(3);
    await s.current.evaluate(fraud, credentials, { hold: false });
    expect(s.evaluations).toHaveLength(3);
    expect(s.current.size).toBe(1);
  });
});
