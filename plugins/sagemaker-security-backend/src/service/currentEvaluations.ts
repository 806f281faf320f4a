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

/**
 * Results and resources held at most (bounds memory, whatever the estate):
 * the least recently read entities' evaluations go first.
 */
const MAX_HELD = 100_000;

export interface CurrentEvaluationsOptions {
  entityScores: EntityScoreStore;
  catalogView?: CatalogView;
  /** Reads per request with the caller's credentials. */
  requestContext(credentials: BackstageCredentials): ScoringContext;
  evaluate(entity: Entity, context: ScoringContext): Promise<EvaluatedEntity>;
}

export class CurrentEvaluations {
  /** The key each entity's held evaluation is under (one state per entity). */
  private readonly heldKey = new Map<string, string>();
  private readonly held = new LRUCache<string, EvaluatedEntity>({
    maxSize: MAX_HELD,
    sizeCalculation: e => e.results.length + e.resources.length + 1,
    dispose: (_, key) => {
      const entityRef = key.split('\u0000')[0];
      if (this.heldKey.get(entityRef) === key) {
        this.heldKey.delete(entityRef);
      }
    },
  });
  private readonly computing = new Map<string, Promise<EvaluatedEntity>>();

  constructor(private readonly options: CurrentEvaluationsOptions) {}

  /**
   * `hold: false` (a sweep over many entities, as an export): an evaluation
   * already held or being computed is used, a new one is not kept, so a
   * sweep neither grows memory nor evicts what interactive reads hold.
   */
  async evaluate(
    entity: Entity,
    credentials: BackstageCredentials,
    options: { hold?: boolean } = {},
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
    const entityRef = refOf(entity);
    const key = [entityRef, run.version, snapshot.readAt].join('\u0000');
    const held = this.held.get(key);
    if (held) {
      return held;
    }
    let computing = this.computing.get(key);
    if (!computing && options.hold === false) {
      return this.options.evaluate(entity, {
        ...context,
        graph: snapshot.graph,
      });
    }
    if (!computing) {
      computing = this.options
        .evaluate(entity, { ...context, graph: snapshot.graph })
        .then(evaluated => {
          this.hold(entityRef, key, evaluated);
          return evaluated;
        })
        .finally(() => this.computing.delete(key));
      this.computing.set(key, computing);
    }
    return computing;
  }

  /** Holds the evaluation, dropping the entity's evaluation of an older state. */
  private hold(entityRef: string, key: string, evaluated: EvaluatedEntity) {
    const previous = this.heldKey.get(entityRef);
    if (previous !== undefined && previous !== key) {
      this.held.delete(previous);
    }
    this.held.set(key, evaluated);
    this.heldKey.set(entityRef, key);
  }

  /** How many evaluations are held (tests). */
  get size(): number {
    return this.held.size;
  }
}
