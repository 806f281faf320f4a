/**
 * The demo organisation of examples/ as the catalog would serve it: the
 * catalog's own processor adds the relations (ownedBy, partOf, parentOf...)
 * that rollups query, since the test backend has no catalog plugin.
 */
import {
  Entity,
  EntityRelation,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { readYamlDocuments, repoPath } from './repoFiles';

export const DEMO_CATALOG_FILES = [
  'org.yaml',
  'systems.yaml',
  'ml-services.yaml',
];

export async function loadDemoCatalog(): Promise<Entity[]> {
  const processor = new BuiltinKindsEntityProcessor();
  const entities: Entity[] = [];
  const relations: CatalogProcessorResult[] = [];
  for (const file of DEMO_CATALOG_FILES) {
    const target = repoPath('examples', file);
    for (const document of await readYamlDocuments(target)) {
      const entity: Entity = {
        ...document,
        metadata: { namespace: 'default', ...document.metadata },
      };
      await processor.postProcessEntity(
        entity,
        { type: 'file', target },
        result => relations.push(result),
      );
      entities.push(entity);
    }
  }

  // As the catalog stitches them: each relation lives on its source entity.
  const bySource = new Map<string, EntityRelation[]>();
  for (const result of relations) {
    if (result.type !== 'relation') continue;
    const { source, type, target } = result.relation;
    const sourceRef = stringifyEntityRef(source);
    const list = bySource.get(sourceRef) ?? [];
    list.push({ type, targetRef: stringifyEntityRef(target) });
    bySource.set(sourceRef, list);
  }
  return entities.map(entity => ({
    ...entity,
    relations: bySource.get(stringifyEntityRef(entity)) ?? [],
  }));
}
