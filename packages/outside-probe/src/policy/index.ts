import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  policyStateFromConfig,
  ProbePermissionPolicy,
} from './ProbePermissionPolicy';

/** Installs {@link ProbePermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'outside-probe-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        policy.setPolicy(
          new ProbePermissionPolicy(policyStateFromConfig(config)),
        );
      },
    });
  },
});
