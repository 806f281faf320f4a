/**
 * Catalog module: SageMaker resources as catalog entities, read from the
 * sagemaker-security backend plugin's inventory.
 *
 * @packageDocumentation
 */
export { catalogModuleSageMaker as default } from './module';
export { catalogModuleSageMaker } from './module';
export {
  SageMakerEntityProvider,
  PROVIDER_NAME,
} from './provider/SageMakerEntityProvider';
export { TagSelectorAnnotationProcessor } from './processor/TagSelectorAnnotationProcessor';
export {
  HttpInventoryClient,
  readLiveResources,
} from './inventory/InventoryClient';
export type {
  InventoryClient,
  InventoryItem,
  LatestScan,
} from './inventory/InventoryClient';
export { CatalogReader } from './catalog/CatalogReader';
export { OwnerResolver } from './catalog/OwnerResolver';
export type { OwnerResolution } from './catalog/OwnerResolver';
export type { ComponentSelector } from './catalog/ComponentSelectors';
export {
  buildResourceEntities,
  ANNOTATION_UNRESOLVED_OWNER,
} from './entities/buildResourceEntities';
export type { BuildContext } from './entities/buildResourceEntities';
export { readProviderConfig, DEFAULT_OWNER } from './config';
export type { ProviderConfig, LinkingOptions } from './config';
