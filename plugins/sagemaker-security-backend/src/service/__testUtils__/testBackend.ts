/**
 * A test backend that wires the scorecard services and router the
 * way src/plugin.ts does, over mock core services, an in-memory inventory
 * and a controllable permission policy.
 */
import {
  coreServices,
  createBackendPlugin,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ScanRunInfo,
  sagemakerSecurityPermissions,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { createRouter, ScanTrigger } from '../../api/createRouter';
import {
  createScorecardService,
  ScorecardBackend,
} from '../createScorecardService';
import { InMemoryInventoryStore } from './InMemoryInventoryStore';
import { ACCOUNT, testChecks } from './fixtures';

/** A permission policy the test can change between requests. */
export class TestPolicy {
  /** Permission names that are denied outright. */
  readonly denied = new Set<string>();
  /**
   * Permission names answered CONDITIONAL; the condition is then applied per
   * resourceRef by `conditionalAllows` (which is told the permission).
   */
  readonly conditional = new Set<string>();
  conditionalAllows: (resourceRef: string, permission: string) => boolean =
    () => false;

  reset() {
    this.denied.clear();
    this.conditional.clear();
    this.conditionalAllows = () => false;
  }

  authorize = async (
    requests: Array<{ permission: { name: string }; resourceRef?: string }>,
  ) =>
    requests.map(({ permission, resourceRef }) => {
      if (this.denied.has(permission.name)) {
        return { result: AuthorizeResult.DENY };
      }
      if (this.conditional.has(permission.name)) {
        return {
          result:
            resourceRef && this.conditionalAllows(resourceRef, permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }
      return { result: AuthorizeResult.ALLOW };
    });

  authorizeConditional = async (
    requests: Array<{ permission: { name: string } }>,
  ) =>
    requests.map(({ permission }) => {
      if (this.denied.has(permission.name)) {
        return { result: AuthorizeResult.DENY };
      }
      if (this.conditional.has(permission.name)) {
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: [] },
          },
        } as ConditionalPolicyDecision;
      }
      return { result: AuthorizeResult.ALLOW };
    });
}

/** Records manual scans instead of scanning. */
export class RecordingScanTrigger implements ScanTrigger {
  readonly requests: Array<Parameters<ScanTrigger['triggerScan']>[0]> = [];
  /** The configured targets: the test estate's account in two regions. */
  readonly targets = [
    { accountId: ACCOUNT, region: 'eu-west-1' },
    { accountId: ACCOUNT, region: 'us-east-1' },
  ];

  async triggerScan(
    request: Parameters<ScanTrigger['triggerScan']>[0],
  ): Promise<ScanRunInfo> {
    this.requests.push(request);
    return {
      id: `scan-manual-${this.requests.length}`,
      trigger: 'manual',
      requestedBy: request.requestedBy,
      status: 'queued',
      startedAt: '2026-11-26T12:00:00.000Z',
      targets: (request.targets ?? []).map(t => ({
        ...t,
        status: 'pending',
        resourceCount: 0,
        errorCount: 0,
        errors: [],
      })),
    };
  }
}

export interface TestBackendOptions {
  knex: Knex;
  entities: Entity[];
  inventory: InMemoryInventoryStore;
  checks?: SecurityCheck[];
  config?: JsonObject;
  /** Group memberships by user ref (ownershipEntityRefs besides the user). */
  memberships?: Record<string, string[]>;
  /** The notifications service (used with `notifications.enabled`). */
  notifications?: NotificationService;
}

export async function startScorecardTestBackend(options: TestBackendOptions) {
  const policy = new TestPolicy();
  const scanTrigger = new RecordingScanTrigger();
  const registered: string[] = [];
  let scorecardBackend: ScorecardBackend | undefined;

  const testPlugin = createBackendPlugin({
    pluginId: 'sagemaker-security',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          userInfo: coreServices.userInfo,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          deps.permissionsRegistry.addPermissions(sagemakerSecurityPermissions);
          registered.push(...sagemakerSecurityPermissions.map(p => p.name));
          scorecardBackend = await createScorecardService({
            config: deps.config,
            logger: deps.logger,
            knex: options.knex,
            inventory: options.inventory,
            checks: options.checks ?? testChecks,
            catalog: deps.catalog,
            auth: deps.auth,
            permissions: deps.permissions,
            userInfo: deps.userInfo,
            notifications: options.notifications,
          });
          deps.httpRouter.use(
            await createRouter({
              scorecards: scorecardBackend.authorized,
              waiverRequests: scorecardBackend.waiverRequests,
              inventory: options.inventory,
              scanTrigger,
              httpAuth: deps.httpAuth,
              logger: deps.logger,
            }),
          );
        },
      });
    },
  });

  const memberships = options.memberships ?? {};
  const { server } = await startTestBackend({
    features: [
      testPlugin,
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.mock({
        authorize: policy.authorize as any,
        authorizeConditional: policy.authorizeConditional as any,
      }).factory,
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: BackstageCredentials) => {
          const userEntityRef = (
            credentials.principal as { userEntityRef: string }
          ).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [
              userEntityRef,
              ...(memberships[userEntityRef] ?? []),
            ],
          };
        },
      }).factory,
    ],
  });

  return {
    server,
    policy,
    scanTrigger,
    registeredPermissions: registered,
    backend: () => scorecardBackend!,
  };
}
