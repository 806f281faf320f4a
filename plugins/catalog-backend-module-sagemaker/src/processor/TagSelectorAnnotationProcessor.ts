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

type LocationSpec = Parameters<
  NonNullable<CatalogProcessor['preProcessEntity']>
>[1];

/**
 * Shows a malformed tag selector annotation as a processing error on the
 * Component itself, where its owners look. The relations themselves come
 * from the entity provider (`spec.dependencyOf` on the Resources), which
 * needs no state shared between backend replicas.
 */
export class TagSelectorAnnotationProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'SageMakerTagSelectorAnnotationProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
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
