/**
 * The catalog in memory, for bulk work (rescoring every entity, the
 * org-wide export), and a fingerprint of it that tells whether scores
 * computed from it are still current.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_AWS_ARN } from '@mlsec/plugin-sagemaker-security-common';
import { contentHash } from '../inventory/store/hash';
import { SnapshotGraph } from './CatalogGraph';
import { refOf } from './entityRefs';

/**
 * Components (and with the hierarchy, groups, systems and domains) and the
 * Resource entities that carry an ARN: everything scoring reads.
 */
export async function readCatalogSnapshot(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  withHierarchy: boolean,
): Promise<SnapshotGraph> {
  const kinds = withHierarchy
    ? ['component', 'group', 'system', 'domain']
    : ['component'];
  const entities: Entity[] = [];
  for (const kind of kinds) {
    entities.push(
      ...(await catalog.getEntities({ filter: { kind } }, { credentials }))
        .items,
    );
  }
  entities.push(
    ...(
      await catalog.getEntities(
        {
          filter: {
            kind: 'resource',
            [`metadata.annotations.${ANNOTATION_AWS_ARN}`]:
              CATALOG_FILTER_EXISTS,
          },
        },
        { credentials },
      )
    ).items,
  );
  return new SnapshotGraph(entities);
}

/**
 * A hash of every entity of the snapshot (content, relations, owners,
 * annotations), in ref order: it changes whenever a service is added,
 * removed, re-owned or linked to other resources, or the team, System or
 * Domain hierarchy changes, which are what stored scores depend on besides
 * the results and waivers.
 */
export function catalogFingerprint(graph: SnapshotGraph): string {
  const entities = graph
    .entities()
    .map(entity => ({ ref: refOf(entity), entity: scored(entity) }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  return contentHash(entities);
}

/**
 * The parts of an entity scoring reads: not the processing status nor the
 * etag, which change without the entity changing for scoring (a refresh
 * that only toggles a processing error would otherwise rescore everything).
 */
function scored(entity: Entity): Entity {
  const { status: _status, ...rest } = entity as Entity & {
    status?: unknown;
  };
  const { etag: _etag, ...metadata } = entity.metadata;
  return { ...rest, metadata };
}
