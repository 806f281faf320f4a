import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  parseTagSelector,
} from '@mlsec/plugin-sagemaker-security-common';
import { findTag } from './tags';

/**
 * A Component that selects SageMaker resources by their tags.
 *
 * @public
 */
export interface ComponentSelector {
  /** Full entity ref of the Component. */
  componentRef: string;
  /** The tags a resource must all have, as parsed from the annotation. */
  pairs: Array<{ key: string; value: string }>;
}

/**
 * Reads the tag selector annotation of each Component. Components with a
 * malformed selector are reported through `onInvalid` and skipped; the
 * catalog shows them the error through `TagSelectorAnnotationProcessor`.
 */
export function readComponentSelectors(
  components: Entity[],
  onInvalid: (componentRef: string, error: Error) => void,
): ComponentSelector[] {
  const selectors: ComponentSelector[] = [];
  for (const component of components) {
    const componentRef = stringifyEntityRef(component);
    const value =
      component.metadata.annotations?.[ANNOTATION_SAGEMAKER_TAG_SELECTOR];
    if (value === undefined) {
      continue;
    }
    try {
      selectors.push({ componentRef, pairs: parseTagSelector(value) });
    } catch (error) {
      onInvalid(componentRef, error as Error);
    }
  }
  return selectors;
}

/** All pairs must match: keys ignoring case, values exactly (as AWS compares them). */
export function matchesSelector(
  tags: Record<string, string>,
  selector: ComponentSelector,
): boolean {
  return selector.pairs.every(({ key, value }) => findTag(tags, key) === value);
}
