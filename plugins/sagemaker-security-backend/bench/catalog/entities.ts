import type { Entity } from '@backstage/catalog-model';
import { serviceName } from '../estate/generateEstate';

export const teamRef = (t: number) =>
  `group:default/team-${String(t).padStart(3, '0')}`;

/**
 * The catalog of the rollup figure: `teams` Groups and `entities` ML
 * services (Components), each owned by a team in turn. Service names match
 * the `ml-service` tag of the estate's resources.
 */
export function catalogEntities(entities: number, teams: number): Entity[] {
  const out: Entity[] = [];
  for (let t = 0; t < teams; t++) {
    const name = teamRef(t).split('/')[1];
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [],
    });
  }
  for (let i = 0; i < entities; i++) {
    const owner = teamRef(i % teams);
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: serviceName(i), namespace: 'default' },
      spec: { type: 'service', lifecycle: 'production', owner },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    });
  }
  return out;
}
