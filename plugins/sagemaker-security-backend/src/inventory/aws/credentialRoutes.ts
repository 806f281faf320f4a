import type { Config } from '@backstage/config';

/**
 * How the `aws` section (read by `@backstage/integration-aws-node`) gives an
 * account its credentials, in words and without any secret: what a
 * `credentials_unavailable` error says was tried. Follows the library's
 * order: an `aws.accounts` entry, else `aws.accountDefaults.roleName`, else
 * the main account's credentials when they belong to the account (which the
 * library finds out with `sts:GetCallerIdentity`).
 */
export interface CredentialRoute {
  /** e.g. "role assumption of arn:aws:iam::…:role/Scanner with the static keys of aws.mainAccount". */
  description: string;
  /** The role assumed, if any. */
  roleArn?: string;
  /** The STS call that assumes it: `sts:AssumeRole` or `sts:AssumeRoleWithWebIdentity`. */
  stsAction?: string;
  /** Credentials of the main account, whose account ID must be resolved first. */
  viaMainAccount: boolean;
}

export interface CredentialRoutes {
  routeOf(accountId: string): CredentialRoute;
  /**
   * Configured values that must never be shown (an endpoint may echo them):
   * external IDs, and the static keys, which sign role assumption's STS
   * calls without passing through the collector's clients.
   */
  secretValues: string[];
}

function sourceOf(config: Config | undefined, key: string): string {
  if (config?.has('accessKeyId')) return `the static keys of ${key}`;
  const profile = config?.getOptionalString('profile');
  if (profile) return `the profile '${profile}' of ${key}`;
  if (config?.has('webIdentityTokenFile')) {
    return `the web identity token file of ${key}`;
  }
  return `the default credential chain (environment, shared files, instance or task role) for ${key}`;
}

function roleArnOf(accountId: string, config: Config): string {
  const partition = config.getOptionalString('partition') ?? 'aws';
  return `arn:${partition}:iam::${accountId}:role/${config.getString(
    'roleName',
  )}`;
}

/** The credential routes of the `aws` section of `config`. */
export function credentialRoutesFromConfig(root: Config): CredentialRoutes {
  const aws = root.getOptionalConfig('aws');
  const accounts = aws?.getOptionalConfigArray('accounts') ?? [];
  const defaults = aws?.getOptionalConfig('accountDefaults');
  const mainAccount = aws?.getOptionalConfig('mainAccount');
  const main = sourceOf(mainAccount, 'aws.mainAccount');
  const secretValues = [
    ...accounts,
    ...(defaults ? [defaults] : []),
    ...(mainAccount ? [mainAccount] : []),
  ].flatMap(c =>
    ['externalId', 'accessKeyId', 'secretAccessKey'].flatMap(
      key => c.getOptionalString(key) ?? [],
    ),
  );

  const assume = (roleArn: string, config: Config, via: string) =>
    `role assumption of ${roleArn}${
      config.has('externalId') ? ' (with an external ID)' : ''
    } with ${via}`;
  const stsActionOf = (config: Config) =>
    config.has('webIdentityTokenFile')
      ? 'sts:AssumeRoleWithWebIdentity'
      : 'sts:AssumeRole';

  return {
    secretValues,
    routeOf(accountId) {
      const index = accounts.findIndex(
        a => a.getOptionalString('accountId') === accountId,
      );
      if (index >= 0) {
        const account = accounts[index];
        const key = `aws.accounts[${index}]`;
        if (account.has('roleName')) {
          const roleArn = roleArnOf(accountId, account);
          const via =
            account.has('accessKeyId') || account.has('webIdentityTokenFile')
              ? sourceOf(account, key)
              : `the main account's credentials (${main})`;
          return {
            description: assume(roleArn, account, via),
            roleArn,
            stsAction: stsActionOf(account),
            viaMainAccount: false,
          };
        }
        return { description: sourceOf(account, key), viaMainAccount: false };
      }
      if (defaults?.has('roleName')) {
        const roleArn = roleArnOf(accountId, defaults);
        const via = defaults.has('webIdentityTokenFile')
          ? sourceOf(defaults, 'aws.accountDefaults')
          : `the main account's credentials (${main}), as aws.accountDefaults says`;
        return {
          description: assume(roleArn, defaults, via),
          roleArn,
          stsAction: stsActionOf(defaults),
          viaMainAccount: false,
        };
      }
      return {
        description: `the main account's credentials (${main}), which serve account ${accountId} only if they belong to it`,
        viaMainAccount: true,
      };
    },
  };
}
