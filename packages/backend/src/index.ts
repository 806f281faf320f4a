/*
 * The demo portal's backend: Backstage's new backend system with the catalog,
 * scaffolder, guest auth, the permission framework and the SageMaker security plugins.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder, with the pre-deploy validation action
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@mlsec/plugin-scaffolder-backend-module-sagemaker-security'),
);

// auth: guest sign-in for the demo
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with SageMaker resources as entities
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker'));

// permission framework (enabled in app-config); the demo allows everything
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-user-settings-backend'));

// SageMaker security scorecards
backend.add(import('@mlsec/plugin-sagemaker-security-backend'));

// actions for AI agents over MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
