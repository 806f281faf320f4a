import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogGraph } from './CatalogGraph';
import { childGroupsOf, refOf } from './entityRefs';

export const ROLLUP_KINDS = ['group', 'system', 'domain'];

export function isRollupEntity(entity: Entity): boolean {
  return ROLLUP_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * A group and every group below it, following `spec.children` and `parentOf`
 * relations; each group is visited once, so cycles end.
 */
export async function groupTree(
  root: Entity,
  graph: CatalogGraph,
): Promise<string[]> {
  const visited = new Set<string>([refOf(root)]);
  let frontier: Entity[] = [root];
  while (frontier.length > 0) {
    const next = frontier
      .flatMap(childGroupsOf)
      .filter(ref => !visited.has(ref));
    const unvisited = [...new Set(next)];
    unvisited.forEach(ref => visited.add(ref));
    frontier = unvisited.length > 0 ? await graph.getByRefs(unvisited) : [];
  }
  return [...visited];
}

/**
 * The ML services (Components) a rollup covers: for a Group, those owned by
 * it or any nested group; for a System, its components; for a Domain, the
 * components of its systems.
 */
export async function rollupComponents(
  entity: Entity,
  graph: CatalogGraph,
): Promise<Entity[]> {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const ref = refOf(entity);
  if (kind === 'group') {
    return graph.componentsOwnedBy(await groupTree(entity, graph));
  }
  if (kind === 'system') {
    return graph.componentsPartOf([ref]);
  }
  if (kind === 'domain') {
    const systems = await graph.systemsPartOf([ref]);
    return systems.length > 0 ? graph.componentsPartOf(systems.map(refOf)) : [];
  }
  throw new InputError(
    `entityRef: rollups are for Group, System and Domain entities; ${ref} is a ${entity.kind}`,
  );
}
