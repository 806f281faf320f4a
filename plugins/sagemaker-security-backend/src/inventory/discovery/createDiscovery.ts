import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type { InventoryConfig } from '../../config/inventoryConfig';
import type { AwsClientFactoryOptions } from '../aws/clients';
import {
  credentialRoutesFromConfig,
  CredentialRoutes,
} from '../aws/credentialRoutes';
import {
  accountsOfAwsSection,
  discoveryCredentialRoutes,
  DiscoveryCredentialsManager,
  memberCredentials,
  organizationsAwsConfig,
} from './credentials';
import { OrganizationsDiscovery } from './OrganizationsDiscovery';
import { DiscoveredTargets } from './scanTargets';

export interface AccountDiscovery {
  targets: DiscoveredTargets;
  /** Every scanned account's credentials: discovered ones through the member role. */
  credentialsManager: AwsCredentialsManager;
  credentialRoutes?: CredentialRoutes;
  discovery: OrganizationsDiscovery;
}

/**
 * Account discovery from `sagemakerSecurity.discovery.organizations`, or
 * undefined when it is not configured. `base` is how every other account
 * gets its credentials (the `aws` section, or a given manager).
 */
export function createAccountDiscovery(options: {
  root: Config;
  config: InventoryConfig;
  base: { manager: AwsCredentialsManager; routes?: CredentialRoutes };
  logger: LoggerService;
  clientOptions?: Partial<AwsClientFactoryOptions>;
  /** Reaches the listing role; default from the `aws` section (tests give one). */
  organizationsCredentialsManager?: AwsCredentialsManager;
}): AccountDiscovery | undefined {
  const { root, config, base, logger, clientOptions } = options;
  const discoveryConfig = config.discovery;
  if (!discoveryConfig) return undefined;
  const listing = organizationsAwsConfig(root, discoveryConfig);
  const discovery = new OrganizationsDiscovery({
    config: discoveryConfig,
    credentialsManager:
      options.organizationsCredentialsManager ??
      DefaultAwsCredentialsManager.fromConfig(listing),
    credentialRoutes: options.organizationsCredentialsManager
      ? undefined
      : credentialRoutesFromConfig(listing),
    logger,
    maxAttempts: clientOptions?.maxAttempts ?? config.aws.maxAttempts,
    endpoint: config.aws.endpoints.organizations,
    stsEndpoint: config.aws.endpoints.sts,
    retryTuning: clientOptions?.retryTuning,
    handListedAccounts: config.targets.map(t => t.accountId),
  });
  const targets = new DiscoveredTargets(
    config.targets,
    discovery,
    discoveryConfig.regions,
    accountsOfAwsSection(root),
  );
  const member = memberCredentials(root, discoveryConfig);
  return {
    targets,
    discovery,
    credentialsManager: new DiscoveryCredentialsManager(
      base.manager,
      member.manager,
      targets.usesMemberRole,
    ),
    credentialRoutes: base.routes
      ? discoveryCredentialRoutes(
          base.routes,
          member.routes,
          targets.usesMemberRole,
        )
      : undefined,
  };
}
