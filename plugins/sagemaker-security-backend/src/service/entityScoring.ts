/**
 * From an entity to its scored results: linked resources, their stored
 * results with the entity's waivers applied, resource and entity scores.
 */
import { Entity } from '@backstage/catalog-model';
import type {
  CheckMetadata,
  CheckResult,
  Finding,
  ResourceSummary,
  Score,
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import type { StoredResource } from '../inventory/InventoryStore';
import type { StoredResult } from '../checks/ResultStore';
import { CatalogGraph } from '../catalog/CatalogGraph';
import { ownersOf, refOf } from '../catalog/entityRefs';
import {
  LinkOptions,
  linkedResources,
  ResourceSource,
} from '../catalog/resourceLinks';
import { applyWaivers } from '../waivers/applyWaivers';
import { ScoringConfig } from '../scoring/ScoringConfig';
import { capResults, scoreResults } from '../scoring/score';
import type { EntityScoreRow } from '../scoring/EntityScoreStore';
import { worstFindings } from '../scoring/findings';

/** Findings kept per stored service score (and per rollup). */
export const ROLLUP_FINDINGS = 10;

/** Where an evaluation reads from: per request, or preloaded in bulk. */
export interface ScoringContext {
  graph: CatalogGraph;
  source: ResourceSource;
  resultsFor(arns: string[]): Promise<StoredResult[]>;
  /** The entity's waivers (any status; only active ones apply). */
  waiversFor(entityRef: string): Promise<Waiver[]>;
}

export interface EvaluatedEntity {
  entity: Entity;
  entityRef: string;
  resources: StoredResource[];
  results: CheckResult[];
  score: Score;
  warnings: string[];
}

export async function evaluateEntity(
  entity: Entity,
  context: ScoringContext,
  options: { scoring: ScoringConfig; links: LinkOptions },
): Promise<EvaluatedEntity> {
  const entityRef = refOf(entity);
  const { resources, warnings } = await linkedResources(
    entity,
    context.graph,
    context.source,
    options.links,
  );
  const stored = await context.resultsFor(resources.map(r => r.arn));
  return scoreLinked(
    { entity, resources, warnings },
    stored,
    await context.waiversFor(entityRef),
    options.scoring,
  );
}

/** The score of an entity whose resources and their results are known. */
export function scoreLinked(
  linked: { entity: Entity; resources: StoredResource[]; warnings: string[] },
  stored: StoredResult[],
  waivers: Waiver[],
  scoring: ScoringConfig,
): EvaluatedEntity {
  const results = applyWaivers(stored, waivers);
  return {
    entity: linked.entity,
    entityRef: refOf(linked.entity),
    resources: linked.resources,
    results,
    score: scoreResults(results, scoring),
    warnings: linked.warnings,
  };
}

/** What rollups keep of an evaluated ML service (see EntityScoreStore). */
export function toScoreRow(
  evaluated: EvaluatedEntity,
  checks: ReadonlyMap<string, CheckMetadata>,
  findingsLimit: number,
): EntityScoreRow {
  const owner = ownersOf(evaluated.entity)[0];
  return {
    entityRef: evaluated.entityRef,
    ...(owner ? { owner } : {}),
    resourceCount: evaluated.resources.length,
    score: evaluated.score,
    worstFindings: worstFindings(
      evaluated.results.map(r => toFinding(r, checks, evaluated.entityRef)),
      findingsLimit,
    ),
    capResults: capResults(evaluated.results).map(r => ({
      checkId: r.checkId,
      pillar: r.pillar,
      severity: r.severity,
      status: r.status,
    })),
  };
}

export function resourceSummaries(
  resources: StoredResource[],
  results: CheckResult[],
  scoring: ScoringConfig,
): ResourceSummary[] {
  const byArn = new Map<string, CheckResult[]>();
  for (const result of results) {
    const list = byArn.get(result.resourceArn) ?? [];
    list.push(result);
    byArn.set(result.resourceArn, list);
  }
  return resources.map(resource => ({
    arn: resource.arn,
    type: resource.type,
    name: resource.name,
    accountId: resource.accountId,
    region: resource.region,
    tags: resource.tags,
    ...(resource.status ? { status: resource.status } : {}),
    score: scoreResults(byArn.get(resource.arn) ?? [], scoring),
    ...(resource.deletedAt ? { deletedAt: resource.deletedAt } : {}),
    errors: resource.errors,
  }));
}

export function toFinding(
  result: CheckResult,
  checks: ReadonlyMap<string, CheckMetadata>,
  entityRef?: string,
): Finding {
  const check = checks.get(result.checkId);
  return {
    ...(entityRef ? { entityRef } : {}),
    result,
    check: {
      id: result.checkId,
      title: check?.title ?? result.checkId,
      pillar: result.pillar,
      severity: result.severity,
    },
  };
}

/** The newest `evaluatedAt` of the results. */
export function latestEvaluation(results: CheckResult[]): string | undefined {
  return results
    .map(r => r.evaluatedAt)
    .sort()
    .pop();
}
