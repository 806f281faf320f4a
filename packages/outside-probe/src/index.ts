/*
 * The probe's backend: the demo backend (`packages/backend/src/index.ts`) with
 * its allow-all permission policy replaced by the probe's policy, which denies
 * what `outsideProbe.permissionPolicy` names for named users and allows the
 * rest. Everything else is the same list of features (the static app is left
 * out: no route of the probe needs it). `backendParity.test.ts` keeps the two
 * lists equal. Used only by the outside probe's permission phase, built and
 * run as production builds are (`backstage-cli package build`).
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder, with the pre-deploy validation action
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@mlsec/plugin-scaffolder-backend-module-sagemaker-security'),
);

// auth: guest sign-in, as in the demo
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with SageMaker resources as entities
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker'));

// permission framework, with the probe's policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./policy'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// SageMaker security scorecards
backend.add(import('@mlsec/plugin-sagemaker-security-backend'));

// actions for AI agents over MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// notifications and signals, as in the demo
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// As the demo backend: a plugin failing at start-up ends the process, non-zero.
backend.start().catch(async error => {
  process.stderr.write(`Backend start-up failed, exiting: ${error}\n`);
  const stopped = backend.stop().catch(() => undefined);
  const timeout = new Promise(resolve => setTimeout(resolve, 10_000).unref());
  await Promise.race([stopped, timeout]);
  process.exit(1);
});
