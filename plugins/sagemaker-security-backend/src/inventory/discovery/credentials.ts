/**
 * Credentials for discovery, only through `@backstage/integration-aws-node`:
 * the library is given an `aws` section derived from the adopter's (its
 * main account, plus the role to assume) and does the role assumption, as
 * it does for the hand-listed accounts.
 */
import { Config, ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  AwsCredentialProvider,
  AwsCredentialProviderOptions,
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type { DiscoveryConfig } from '../../config/discovery';
import {
  credentialRoutesFromConfig,
  CredentialRoutes,
} from '../aws/credentialRoutes';

function section(root: Config, key: string): JsonObject {
  return (root.getOptionalConfig(key)?.get() as JsonObject) ?? {};
}

/**
 * The `aws` section that reaches the role listing the organisation: the
 * adopter's main account credentials assume `roleArn`.
 */
export function organizationsAwsConfig(
  root: Config,
  discovery: DiscoveryConfig,
): Config {
  const { accountId, partition, name } = discovery.role;
  return new ConfigReader({
    aws: {
      mainAccount: section(root, 'aws.mainAccount'),
      accounts: [{ accountId, roleName: name, partition }],
    },
  });
}

/**
 * The `aws` section that reaches discovered accounts: the adopter's
 * `aws.accountDefaults` (external ID, web identity, region) with
 * `memberRoleName` as the role name, assumed with the main account's
 * credentials.
 */
export function memberAwsConfig(
  root: Config,
  discovery: DiscoveryConfig,
): Config {
  const defaults = section(root, 'aws.accountDefaults');
  return new ConfigReader({
    aws: {
      mainAccount: section(root, 'aws.mainAccount'),
      accountDefaults: {
        ...defaults,
        roleName: discovery.memberRoleName,
        partition: defaults.partition ?? discovery.role.partition,
      },
    },
  });
}

/** Accounts with their own `aws.accounts` entry: reached as it says. */
export function accountsOfAwsSection(root: Config): Set<string> {
  return new Set(
    (root.getOptionalConfigArray('aws.accounts') ?? []).flatMap(
      a => a.getOptionalString('accountId') ?? [],
    ),
  );
}

/**
 * The credentials of every scanned account: discovered accounts (those
 * `usesMemberRole` names) through the member role, every other account as
 * the adopter's `aws` section (or given manager) says.
 */
export class DiscoveryCredentialsManager implements AwsCredentialsManager {
  constructor(
    private readonly base: AwsCredentialsManager,
    private readonly member: AwsCredentialsManager,
    private readonly usesMemberRole: (accountId: string) => boolean,
  ) {}

  getCredentialProvider(
    opts?: AwsCredentialProviderOptions,
  ): Promise<AwsCredentialProvider> {
    const accountId = opts?.accountId;
    return accountId && this.usesMemberRole(accountId)
      ? this.member.getCredentialProvider(opts)
      : this.base.getCredentialProvider(opts);
  }
}

/** What a credentials error says was tried, for both kinds of account. */
export function discoveryCredentialRoutes(
  base: CredentialRoutes,
  member: CredentialRoutes,
  usesMemberRole: (accountId: string) => boolean,
): CredentialRoutes {
  return {
    secretValues: [...new Set([...base.secretValues, ...member.secretValues])],
    routeOf: accountId =>
      usesMemberRole(accountId)
        ? member.routeOf(accountId)
        : base.routeOf(accountId),
  };
}

/** The manager and routes of the member accounts, from the adopter's config. */
export function memberCredentials(root: Config, discovery: DiscoveryConfig) {
  const config = memberAwsConfig(root, discovery);
  return {
    manager: DefaultAwsCredentialsManager.fromConfig(config),
    routes: credentialRoutesFromConfig(config),
  };
}
