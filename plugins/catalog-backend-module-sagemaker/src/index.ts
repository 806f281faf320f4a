/**
 * Catalog module: SageMaker resources as catalog entities, read from the
 * sagemaker-security backend plugin's inventory, and the secure SageMaker
 * scaffolder templates.
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
export {
  SecureTemplatesProvider,
  readSecureTemplates,
  SECURE_TEMPLATES_DIR,
  TEMPLATES_PROVIDER_NAME,
} from './templates/SecureTemplatesProvider';
export type { SecureTemplatesProviderOptions } from './templates/SecureTemplatesProvider';
export type { ProviderConfig, LinkingOptions } from './config';
