import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { createValidateAction } from './actions/validate';
import { readFailOnConfig } from './config';

/**
 * Adds `sagemaker-security:validate` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleSageMakerSecurity = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'sagemaker-security',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createValidateAction({
            checks: [...defaultChecks],
            defaultFailOn: readFailOnConfig(config),
          }),
        );
      },
    });
  },
});
