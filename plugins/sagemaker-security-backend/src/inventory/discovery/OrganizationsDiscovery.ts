import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { AccountDiscoveryStatus } from '@mlsec/plugin-sagemaker-security-common';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { DiscoveryConfig } from '../../config/discovery';
import {
  AwsClientFactoryOptions,
  CallCounter,
  sdkClientConfig,
} from '../aws/clients';
import type { CredentialRoutes } from '../aws/credentialRoutes';
import { CredentialResolver } from '../aws/credentials';
import { classifyError } from '../aws/errors';
import { SecretValues, tagWithSecrets } from '../aws/safeText';
import { listOrganizationAccounts, selectAccounts } from './listAccounts';

export type { AccountDiscoveryStatus };

export interface OrganizationsDiscoveryOptions {
  config: DiscoveryConfig;
  /** Reaches `config.roleArn` (see organizationsAwsConfig). */
  credentialsManager: AwsCredentialsManager;
  /** What a credentials error says was tried. */
  credentialRoutes?: CredentialRoutes;
  logger: LoggerService;
  maxAttempts: number;
  /** `sagemakerSecurity.aws.endpoints.organizations` and `.sts`. */
  endpoint?: string;
  stsEndpoint?: string;
  retryTuning?: AwsClientFactoryOptions['retryTuning'];
  now?: () => Date;
  /** Hand-listed accounts: scanned anyway, not counted as discovered. */
  handListedAccounts?: string[];
}

/**
 * Lists the accounts to scan from AWS Organizations, through the role of
 * the management or a delegated-administrator account. A failed listing
 * keeps the accounts of the last successful one and says why in
 * {@link OrganizationsDiscovery.status}.
 */
export class OrganizationsDiscovery {
  private listed?: string[];
  private listedAt?: string;
  private current?: AccountDiscoveryStatus;
  private readonly credentials: CredentialResolver;
  /** Calls sent, by IAM action (one per command, retries not counted). */
  readonly calls = new CallCounter();

  constructor(private readonly options: OrganizationsDiscoveryOptions) {
    this.credentials = new CredentialResolver({
      manager: options.credentialsManager,
      routes: options.credentialRoutes,
      stsEndpoint: options.stsEndpoint,
      maxAttempts: options.maxAttempts,
    });
  }

  /** The discovered accounts in use: those of the last successful listing. */
  get accounts(): string[] {
    return this.listed ?? [];
  }

  get status(): AccountDiscoveryStatus | undefined {
    return this.current;
  }

  /**
   * Lists the organisation again. Never throws: on failure the previous
   * accounts stay in use and the status names the reason.
   */
  async refresh(): Promise<AccountDiscoveryStatus> {
    const { config, logger } = this.options;
    const attemptedAt = (this.options.now?.() ?? new Date()).toISOString();
    const secrets = new SecretValues();
    let action = 'credentials';
    let client: OrganizationsClient | undefined;
    try {
      const { provider } = await this.credentials.resolve(
        config.role.accountId,
        secrets,
      );
      client = this.client(provider, secrets, sent => {
        action = sent;
      });
      const accounts = await listOrganizationAccounts(
        client,
        config.organizationalUnits,
      );
      this.listed = selectAccounts(accounts, config);
      this.listedAt = attemptedAt;
      this.current = {
        source: 'organizations',
        status: 'succeeded',
        attemptedAt,
        listedAt: attemptedAt,
        accountCount: this.discoveredCount(),
      };
      logger.info(
        `Account discovery: ${this.listed.length} of ${accounts.length} accounts of the organisation to scan`,
      );
    } catch (error) {
      tagWithSecrets(error, secrets);
      const cause = classifyError(error, action);
      this.current = {
        source: 'organizations',
        status: 'failed',
        attemptedAt,
        ...(this.listedAt ? { listedAt: this.listedAt } : {}),
        accountCount: this.discoveredCount(),
        error: {
          ...cause,
          message: `Account discovery from AWS Organizations failed through ${config.roleArn}: ${cause.message}`,
        },
      };
      logger.warn(
        `${this.current.error!.message}; scanning the ${
          this.accounts.length
        } accounts of the last successful listing${
          this.listedAt ? ` (${this.listedAt})` : ''
        }`,
      );
    } finally {
      client?.destroy();
    }
    return this.current;
  }

  /** Discovered accounts in use that are not hand-listed. */
  private discoveredCount(): number {
    const handListed = new Set(this.options.handListedAccounts);
    return this.accounts.filter(id => !handListed.has(id)).length;
  }

  /**
   * Takes the accounts a previous process scanned as the last listing
   * (after a restart, while no listing has succeeded yet), filtered by the
   * current include and exclude lists.
   */
  restore(accounts: string[], listedAt: string): void {
    if (this.listedAt) return;
    const { config } = this.options;
    this.listed = selectAccounts(
      accounts.map(accountId => ({ accountId, state: 'ACTIVE' })),
      config,
    );
    this.listedAt = listedAt;
    if (this.current) {
      this.current = {
        ...this.current,
        listedAt,
        accountCount: this.discoveredCount(),
      };
    }
  }

  private client(
    credentials: AwsCredentialIdentityProvider,
    secrets: SecretValues,
    onSend: (action: string) => void,
  ): OrganizationsClient {
    const { config, endpoint, maxAttempts, retryTuning } = this.options;
    const client = new OrganizationsClient({
      region: config.organizationsRegion,
      credentials,
      ...sdkClientConfig(maxAttempts, retryTuning),
      ...(endpoint ? { endpoint } : {}),
    });
    client.middlewareStack.add(
      (next: any, context: any) => async (args: any) => {
        const action = `organizations:${String(context.commandName).replace(
          /Command$/,
          '',
        )}`;
        this.calls.add(action);
        onSend(action);
        try {
          return await next(args);
        } catch (error) {
          tagWithSecrets(error, secrets);
          throw error;
        }
      },
      { step: 'initialize', priority: 'high', name: 'mlsecCountAndScrub' },
    );
    return client;
  }
}
