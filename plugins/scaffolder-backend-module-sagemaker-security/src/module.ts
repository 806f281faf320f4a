import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { sagemakerSecurityChecksServiceRef } from '@mlsec/plugin-sagemaker-security-node';
import { createValidateAction } from './actions/validate';
import { readFailOnConfig } from './config';

/**
 * Adds `sagemaker-security:validate` to the scaffolder. The action runs the
 * checks the SageMaker security backend plugin runs, including those its
 * modules add through `sagemakerSecurityChecksExtensionPoint`, read from
 * `sagemakerSecurityChecksServiceRef` at each run; without that plugin in the
 * backend, the catalogue's `defaultChecks`.
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
        catalogue: sagemakerSecurityChecksServiceRef,
      },
      async init({ scaffolder, config, catalogue }) {
        scaffolder.addActions(
          createValidateAction({
            checks: () => catalogue.getChecks(),
            defaultFailOn: readFailOnConfig(config),
          }),
        );
      },
    });
  },
});
