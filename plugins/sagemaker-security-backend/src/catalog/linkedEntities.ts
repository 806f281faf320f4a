import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
} from '@mlsec/plugin-sagemaker-security-common';
import { refOf, tagSelectorOf } from './entityRefs';
import type { LinkOptions } from './resourceLinks';

/**
 * The entities a resource belongs to, as linking reads them (the reverse of
 * `linkedResources`): Resource entities annotated with its ARN, Components
 * named by its component tag, Components whose tag selector matches its
 * tags and Components that dependsOn a Resource entity of it. Sorted refs.
 */
export async function entitiesLinkedTo(
  resource: { arn: string; tags: Record<string, string> },
  catalog: CatalogService,
  credentials: BackstageCredentials,
  links: LinkOptions,
): Promise<string[]> {
  const refs = new Set<string>();
  const { items } = await catalog.getEntities(
    {
      filter: { [`metadata.annotations.${ANNOTATION_AWS_ARN}`]: resource.arn },
    },
    { credentials },
  );
  items.forEach(e => refs.add(refOf(e)));
  const service = resource.tags[links.componentTagKey];
  if (service) {
    const components = await catalog.getEntities(
      { filter: { kind: 'component', 'metadata.name': service } },
      { credentials },
    );
    components.items.forEach(e => refs.add(refOf(e)));
  }
  const selecting = await catalog.getEntities(
    {
      filter: {
        kind: 'component',
        [`metadata.annotations.${ANNOTATION_SAGEMAKER_TAG_SELECTOR}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials },
  );
  for (const component of selecting.items) {
    const { selector } = tagSelectorOf(component);
    if (selector?.every(t => resource.tags[t.key] === t.value)) {
      refs.add(refOf(component));
    }
  }
  const resourceEntityRefs = items.map(refOf);
  if (resourceEntityRefs.length > 0) {
    const dependents = await catalog.getEntities(
      {
        filter: {
          kind: 'component',
          'relations.dependsOn': resourceEntityRefs,
        },
      },
      { credentials },
    );
    dependents.items.forEach(e => refs.add(refOf(e)));
  }
  return [...refs].sort();
}
