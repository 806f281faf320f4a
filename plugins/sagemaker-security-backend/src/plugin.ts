import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { sagemakerSecurityPermissions } from '@mlsec/plugin-sagemaker-security-common';
import {
  CheckRegistry,
  defaultChecks,
  sagemakerSecurityChecksExtensionPoint,
  sagemakerSecurityChecksServiceRef,
} from '@mlsec/plugin-sagemaker-security-node';
import { createInventory, getMigratedClient } from './inventory';
import { createScorecardService } from './service';
import { createRouter } from './api';
import {
  registerSecurityActions,
  registerWaiverRequestActions,
  registerWorkflowActions,
} from './actions';

/**
 * The SageMaker security backend plugin: scans the AWS estate (inventory),
 * evaluates the checks, and serves scorecards, rollups, history and waivers
 * over REST and as actions for AI agents.
 *
 * @public
 */
export const sagemakerSecurityPlugin = createBackendPlugin({
  pluginId: 'sagemaker-security',
  register(env) {
    // Backend modules add checks through the extension point before init.
    const checks = new CheckRegistry(defaultChecks);
    env.registerExtensionPoint(sagemakerSecurityChecksExtensionPoint, checks);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        publishedChecks: sagemakerSecurityChecksServiceRef,
        // Used only with `sagemakerSecurity.notifications.enabled: true`.
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(sagemakerSecurityPermissions);
        // The modules have added their checks: the scaffolder's pre-deploy
        // validation runs the same list.
        deps.publishedChecks.setChecks(checks.getChecks());

        const inventory = await createInventory({
          config,
          logger,
          database,
          scheduler,
          // The worker starts once the scorecard below listens for scans.
          lifecycle: deps.lifecycle,
        });
        // Stop claiming and heartbeating, and hand this replica's targets
        // back, so other replicas take them over at once.
        deps.lifecycle.addShutdownHook(() => inventory.scans.stop());
        const scorecard = await createScorecardService({
          config,
          logger,
          knex: await getMigratedClient(database),
          inventory: inventory.store,
          checks: checks.getChecks(),
          catalog: deps.catalog,
          auth: deps.auth,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          scheduler,
          scanEvents: inventory.scans,
          scanTargets: () => inventory.scans.targets,
          notifications: deps.notifications,
          ...(inventory.discovery
            ? { accountDiscovery: () => inventory.discovery?.targets.status }
            : {}),
        });

        deps.httpRouter.use(
          await createRouter({
            scorecards: scorecard.authorized,
            waiverRequests: scorecard.waiverRequests,
            inventory: inventory.store,
            scanTrigger: inventory.scans,
            httpAuth: deps.httpAuth,
            logger: deps.logger,
          }),
        );

        registerSecurityActions({
          actionsRegistry: deps.actionsRegistry,
          scorecards: scorecard.authorized,
        });
        registerWorkflowActions({
          actionsRegistry: deps.actionsRegistry,
          scorecards: scorecard.authorized,
          scanTrigger: inventory.scans,
        });
        registerWaiverRequestActions({
          actionsRegistry: deps.actionsRegistry,
          waiverRequests: scorecard.waiverRequests,
        });
      },
    });
  },
});
