/**
 * The real plugin (src/plugin.ts) in a test backend: real router, services,
 * store and collector; mock core services; a permission policy the test
 * controls; every log line captured, root and plugin loggers alike.
 */
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  ExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { sagemakerSecurityPlugin } from '../../../plugin';
import { demoEntities } from './stack';

/** Every line logged, with its metadata, as text. */
export class LogSink {
  readonly lines: string[] = [];

  logger(fields: JsonObject = {}): LoggerService {
    const write =
      (level: string) => (message: string, meta?: Error | JsonObject) => {
        const extra =
          meta instanceof Error
            ? `${meta.name}: ${meta.message}\n${meta.stack}`
            : JSON.stringify(meta ?? {});
        this.lines.push(
          `${level} ${JSON.stringify(fields)} ${String(message)} ${extra}`,
        );
      };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: meta => this.logger({ ...fields, ...meta }),
    };
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** Denies the named permissions; allows everything else. */
export class DenyList {
  readonly denied = new Set<string>();

  private decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(({ permission }) => ({
      result: this.denied.has(permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }));

  factory() {
    return mockServices.permissions.mock({
      authorize: (async (requests: any) => this.decide(requests)) as any,
      authorizeConditional: (async (requests: any) =>
        this.decide(requests)) as any,
    }).factory;
  }
}

export interface PluginBackendOptions {
  /** The whole app config (`sagemakerSecurity`, `aws`, ...). */
  config: JsonObject;
  knex: Knex;
  entities?: Entity[];
  logs?: LogSink;
  policy?: DenyList;
  /** Groups of each user (ownership refs besides the user). */
  memberships?: Record<string, string[]>;
  /** More features, e.g. the real scheduler instead of the mock. */
  features?: BackendFeature[];
  /** Extension points of other plugins, as `startTestBackend` takes them. */
  extensionPoints?: ReadonlyArray<readonly [ExtensionPoint<any>, any]>;
}

export async function startPluginBackend(options: PluginBackendOptions) {
  const logs = options.logs ?? new LogSink();
  const policy = options.policy ?? new DenyList();
  const backend = await startTestBackend({
    extensionPoints: (options.extensionPoints ?? []) as any,
    features: [
      sagemakerSecurityPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({
        entities: options.entities ?? demoEntities(),
      }),
      // No credentials means no credentials (the mock's default is a user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      policy.factory(),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const userEntityRef = (
            credentials.principal as { userEntityRef: string }
          ).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [
              userEntityRef,
              ...(options.memberships?.[userEntityRef] ?? []),
            ],
          };
        },
      }).factory,
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logs.logger() as any,
      }),
      createServiceFactory({
        service: coreServices.logger,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => logs.logger({ plugin: plugin.getId() }),
      }),
      ...(options.features ?? []),
    ],
  });
  return { backend, server: backend.server, logs, policy };
}

export const BASE = '/api/sagemaker-security';
export const asUser = (ref = 'user:default/guest') =>
  mockCredentials.user.header(ref);
export const asService = () => mockCredentials.service.header();
