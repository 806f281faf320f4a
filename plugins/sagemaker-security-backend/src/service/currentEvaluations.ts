/**
 * The current evaluation of an entity, computed once per state of what it
 * is computed from and then served from memory: the stored scores' version
 * (it grows after every evaluation of a scan, waiver change and rescoring,
 * all replicas alike, see EntityScoreStore) and the catalog snapshot the
 * read side uses (CatalogView). A read that finds neither (before the first
 * rescoring, or the catalog view off) evaluates on the spot.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { LRUCache } from 'lru-cache';
import type { CatalogView } from '../catalog/CatalogView';
import { refOf } from '../catalog/entityRefs';
import type { EntityScoreStore } from '../scoring/EntityScoreStore';
import type { EvaluatedEntity, ScoringContext } from './entityScoring';

/** Results and resources held at most (bounds memory, whatever the estate). */
const MAX_HELD = 200_000;

export interface CurrentEvaluationsOptions {
  entityScores: EntityScoreStore;
  catalogView?: CatalogView;
  /** Reads per request with the caller's credentials. */
  requestContext(credentials: BackstageCredentials): ScoringContext;
  evaluate(entity: Entity, context: ScoringContext): Promise<EvaluatedEntity>;
}

export class CurrentEvaluations {
  private readonly held = new LRUCache<string, EvaluatedEntity>({
    maxSize: MAX_HELD,
    sizeCalculation: e => e.results.length + e.resources.length + 1,
  });
  private readonly computing = new Map<string, Promise<EvaluatedEntity>>();

  constructor(private readonly options: CurrentEvaluationsOptions) {}

  async evaluate(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<EvaluatedEntity> {
    const { catalogView, entityScores } = this.options;
    const [snapshot, run] = await Promise.all([
      catalogView?.snapshot(),
      entityScores.getRun(),
    ]);
    const context = this.options.requestContext(credentials);
    if (!snapshot || !run) {
      return this.options.evaluate(entity, context);
    }
    // The version is read before the inputs: an evaluation held under it
    // is at least as new as the state it names.
    const key = [refOf(entity), run.version, snapshot.readAt].join('\u0000');
    const held = this.held.get(key);
    if (held) {
      return held;
    }
    let computing = this.computing.get(key);
    if (!computing) {
      computing = this.options
        .evaluate(entity, { ...context, graph: snapshot.graph })
        .then(evaluated => {
          this.held.set(key, evaluated);
          return evaluated;
        })
        .finally(() => this.computing.delete(key));
      this.computing.set(key, computing);
    }
    return computing;
  }
}
