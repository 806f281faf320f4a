import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  parseTagSelector,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * Shows a malformed tag selector annotation as a processing error on the
 * Component itself, where its owners look. The relations themselves come
 * from the entity provider (`spec.dependencyOf` on the Resources), which
 * needs no state shared between backend replicas.
 *
 * @public
 */
export class TagSelectorAnnotationProcessor implements CatalogProcessor {
  /** The processor's name, as the catalog logs it. */
  getProcessorName(): string {
    return 'SageMakerTagSelectorAnnotationProcessor';
  }

  /** Emits an input error when a Component's tag selector annotation is malformed. */
  async preProcessEntity(
    entity: Entity,
    location: Parameters<NonNullable<CatalogProcessor['preProcessEntity']>>[1],
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const value =
      entity.metadata.annotations?.[ANNOTATION_SAGEMAKER_TAG_SELECTOR];
    if (entity.kind !== 'Component' || value === undefined) {
      return entity;
    }
    try {
      parseTagSelector(value);
    } catch (error) {
      emit(
        processingResult.inputError(
          location,
          `${stringifyEntityRef(
            entity,
          )} has an invalid ${ANNOTATION_SAGEMAKER_TAG_SELECTOR} annotation: ${
            (error as Error).message
          }`,
        ),
      );
    }
    return entity;
  }
}
