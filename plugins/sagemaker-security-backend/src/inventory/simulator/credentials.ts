import { randomBytes } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type { HttpHandler } from '@smithy/protocol-http';
import { awsError } from './awsErrors';
import type { Estate } from './estate';

/** The role the simulated scanner assumes in every estate account. */
export const SIMULATED_ROLE = 'backstage-sagemaker-security';
/** The account of the simulated backend's own (main) credentials. */
export const MAIN_ACCOUNT = '000000000000';
const MAIN_KEY = {
  accessKeyId: 'AKIASIMULATEDMAIN000',
  secretAccessKey: 'simulated-main-account-secret',
};

export interface Principal {
  accountId: string;
  arn: string;
}

/**
 * Access keys the simulated AWS knows, as AWS knows which account a key
 * belongs to: the main account's, keys given to it (static keys of test
 * accounts) and the temporary keys its STS issues.
 */
export class SimulatedIdentities {
  private readonly keys = new Map<string, Principal>();
  /** Expiry of each temporary key, to forget keys long expired. */
  private readonly expiries = new Map<string, number>();
  private issued = 0;

  constructor(staticKeys: Record<string, string> = {}) {
    this.keys.set(MAIN_KEY.accessKeyId, {
      accountId: MAIN_ACCOUNT,
      arn: `arn:aws:iam::${MAIN_ACCOUNT}:user/backstage`,
    });
    for (const [accessKeyId, accountId] of Object.entries(staticKeys)) {
      this.keys.set(accessKeyId, {
        accountId,
        arn: `arn:aws:iam::${accountId}:user/backstage`,
      });
    }
  }

  principalOf(accessKeyId: string): Principal | undefined {
    return this.keys.get(accessKeyId);
  }

  /** STS AssumeRole's answer, or AccessDenied (unknown account, or told to fail). */
  assumeRole(
    caller: Principal,
    input: {
      RoleArn?: string;
      RoleSessionName?: string;
      DurationSeconds?: number;
    },
    estate: Estate,
  ) {
    const roleArn = String(input.RoleArn);
    const [, accountId, roleName] =
      /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(
        roleArn,
      ) ?? [];
    const account = estate.accounts.find(a => a.accountId === accountId);
    if (!account || account.assumeRoleFails) {
      throw awsError(
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    const session = String(input.RoleSessionName ?? 'session');
    this.forgetExpired();
    this.issued += 1;
    const accessKeyId = `ASIA${accountId}${this.issued
      .toString(36)
      .toUpperCase()
      .padStart(4, '0')}`;
    const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`;
    const expiration = Date.now() + (input.DurationSeconds ?? 3600) * 1000;
    this.keys.set(accessKeyId, { accountId, arn });
    this.expiries.set(accessKeyId, expiration);
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: randomBytes(20).toString('base64'),
        SessionToken: `sim-session/${randomBytes(24).toString('base64')}`,
        Expiration: new Date(expiration),
      },
      AssumedRoleUser: {
        AssumedRoleId: `AROASIMULATED${accountId}:${session}`,
        Arn: arn,
      },
    };
  }

  /** Keys expired over a day ago are forgotten (a long-running demo assumes roles every scan). */
  private forgetExpired() {
    const before = Date.now() - 86_400_000;
    for (const [key, expiration] of this.expiries) {
      if (expiration < before) {
        this.expiries.delete(key);
        this.keys.delete(key);
      }
    }
  }
}

/** STS GetCallerIdentity's answer. */
export function callerIdentity(caller: Principal) {
  return {
    UserId: 'AIDASIMULATED',
    Account: caller.accountId,
    Arn: caller.arn,
  };
}

/**
 * The real DefaultAwsCredentialsManager of `@backstage/integration-aws-node`,
 * configured as an adopter would (main account keys, a role to assume in
 * every account), whose STS calls go to `transport`. Role assumption runs
 * the SDK's own `fromTemporaryCredentials` STS client; only its transport is
 * given, as the caller's `requestHandler` (the STS client takes the first
 * caller's handler, and the client factory's first call has no caller).
 */
export function simulatedCredentialsManager(
  transport: HttpHandler<any>,
): AwsCredentialsManager {
  const manager = DefaultAwsCredentialsManager.fromConfig(
    new ConfigReader({
      aws: {
        mainAccount: MAIN_KEY,
        accountDefaults: { roleName: SIMULATED_ROLE },
      },
    }),
  );
  return {
    getCredentialProvider: async opts => {
      const provider = await manager.getCredentialProvider(opts);
      const assume = provider.sdkCredentialProvider;
      return {
        ...provider,
        sdkCredentialProvider: props =>
          assume({
            ...props,
            callerClientConfig: {
              ...props?.callerClientConfig,
              requestHandler: transport,
            } as NonNullable<
              Parameters<typeof assume>[0]
            >['callerClientConfig'],
          }),
      };
    },
  };
}
