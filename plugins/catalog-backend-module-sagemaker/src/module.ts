import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { CatalogReader } from './catalog/CatalogReader';
import { readProviderConfig } from './config';
import { HttpInventoryClient } from './inventory/InventoryClient';
import { TagSelectorAnnotationProcessor } from './processor/TagSelectorAnnotationProcessor';
import { SageMakerEntityProvider } from './provider/SageMakerEntityProvider';

/**
 * Catalog module: SageMaker resources from the sagemaker-security inventory as
 * `Resource` entities, linked to owners, systems and ML service Components.
 *
 * @public
 */
export const catalogModuleSageMaker = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'sagemaker-security',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({
        catalogProcessing,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        catalog,
      }) {
        catalogProcessing.addEntityProvider(
          new SageMakerEntityProvider({
            client: new HttpInventoryClient({ discovery, auth }),
            catalog: new CatalogReader(catalog, auth),
            config: readProviderConfig(config),
            logger,
            scheduler,
          }),
        );
        catalogProcessing.addProcessor(new TagSelectorAnnotationProcessor());
      },
    });
  },
});
