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
import { SecureTemplatesProvider } from './templates/SecureTemplatesProvider';

/**
 * Catalog module: SageMaker resources from the sagemaker-security inventory as
 * `Resource` entities, linked to owners, systems and ML service Components;
 * and the secure SageMaker scaffolder templates as `Template` entities.
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
        const providerConfig = readProviderConfig(config);
        catalogProcessing.addEntityProvider(
          new SageMakerEntityProvider({
            client: new HttpInventoryClient({ discovery, auth }),
            catalog: new CatalogReader(catalog, auth),
            config: providerConfig,
            logger,
            scheduler,
          }),
        );
        if (providerConfig.templates.enabled) {
          catalogProcessing.addEntityProvider(
            new SecureTemplatesProvider({
              logger,
              owner: providerConfig.templates.owner,
            }),
          );
        }
        catalogProcessing.addProcessor(new TagSelectorAnnotationProcessor());
      },
    });
  },
});
