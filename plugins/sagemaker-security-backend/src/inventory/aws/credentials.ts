import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  doesIdentityRequireRefresh,
  isIdentityExpired,
  memoizeIdentityProvider,
} from '@smithy/core';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/protocol-http';
import type {
  AwsCredentialIdentityProvider,
  HttpHandlerOptions,
} from '@smithy/types';
import type { CredentialRoute, CredentialRoutes } from './credentialRoutes';
import { classifyError, CredentialsUnavailableError, required } from './errors';
import { safeAccessDenied, SecretValues, tagWithSecrets } from './safeText';

/**
 * Sends every request to one endpoint (an `sts` override), keeping what was
 * signed: the Host header stays the one the signature covers. It is given
 * as the caller's request handler to the STS client that
 * `fromTemporaryCredentials` (role assumption) and `fromTokenFile` (web
 * identity) build inside `@backstage/integration-aws-node`: those clients
 * take the caller's request handler and region, but no endpoint.
 */
export class RedirectingHttpHandler extends NodeHttpHandler {
  private readonly to: URL;

  constructor(endpoint: string) {
    super();
    this.to = new URL(endpoint);
  }

  handle(request: HttpRequest, options?: HttpHandlerOptions) {
    const prefix = this.to.pathname.replace(/\/$/, '');
    const redirected = HttpRequest.clone(request);
    redirected.protocol = this.to.protocol;
    redirected.hostname = this.to.hostname;
    redirected.port = this.to.port ? Number(this.to.port) : undefined;
    redirected.path = `${prefix}${request.path}`;
    return super.handle(redirected, options);
  }
}

export interface CredentialResolverOptions {
  manager: AwsCredentialsManager;
  /** How the `aws` section serves each account, when the manager was built from it. */
  routes?: CredentialRoutes;
  /** `sagemakerSecurity.aws.endpoints.sts`. */
  stsEndpoint?: string;
  maxAttempts: number;
}

/** `http://host:port` of an endpoint URL: what an error may name of it. */
const originOf = (endpoint: string) => new URL(endpoint).origin;

/**
 * Credentials per account, only through `@backstage/integration-aws-node`,
 * with an `sts` endpoint override honoured on every path: the main
 * account's ID (which the library would look up on the real STS endpoint)
 * is resolved here through the override and recorded on the provider the
 * library returns; role assumption's STS client gets a handler that sends
 * its requests to the override. Failures become a
 * {@link CredentialsUnavailableError} saying what was tried.
 */
export class CredentialResolver {
  private mainAccount?: Promise<string | undefined>;
  private readonly stsHandler?: RedirectingHttpHandler;

  constructor(private readonly options: CredentialResolverOptions) {
    if (options.stsEndpoint) {
      this.stsHandler = new RedirectingHttpHandler(options.stsEndpoint);
    }
  }

  /**
   * A provider whose identities are remembered in `secrets`, resolved once
   * here, and what was tried to obtain it (in words).
   */
  async resolve(
    accountId: string,
    secrets: SecretValues,
  ): Promise<{ provider: AwsCredentialIdentityProvider; tried?: string }> {
    const route = this.options.routes?.routeOf(accountId);
    secrets.remember(...(this.options.routes?.secretValues ?? []));
    let mainAccountId: string | undefined;
    if (route?.viaMainAccount) {
      try {
        mainAccountId = await this.mainAccountId(secrets);
      } catch (error) {
        throw this.unavailable(
          accountId,
          route,
          'sts:GetCallerIdentity',
          error,
          secrets,
        );
      }
    }
    let credentials: AwsCredentialProvider;
    try {
      credentials = await this.options.manager.getCredentialProvider({
        accountId,
      });
    } catch {
      // The library's message names no secret, but says nothing we don't.
      throw new CredentialsUnavailableError({
        kind: 'credentials_unavailable',
        action: 'credentials',
        message: `Could not obtain credentials for account ${accountId}: no credentials are configured for it${
          mainAccountId
            ? ` (the main account's credentials belong to account ${mainAccountId})`
            : ''
        }; configure it in aws.accounts, or set aws.accountDefaults.roleName`,
      });
    }
    const source = credentials.sdkCredentialProvider;
    // One identity for all of the account's clients, refreshed before it
    // expires: role assumption once per target, not once per client.
    const provider: AwsCredentialIdentityProvider = memoizeIdentityProvider(
      async (props?: Record<string, any>) => {
        const identity = await source(this.withStsHandler(props));
        secrets.rememberIdentity(identity);
        return identity;
      },
      isIdentityExpired,
      doesIdentityRequireRefresh,
    )!;
    try {
      await provider();
    } catch (error) {
      const action =
        route?.stsAction ??
        (credentials.roleArn ? 'sts:AssumeRole' : 'credentials');
      throw this.unavailable(accountId, route, action, error, secrets);
    }
    return { provider, tried: this.tried(route) };
  }

  /** What was tried, with the STS endpoint when STS is involved. */
  private tried(route: CredentialRoute | undefined): string | undefined {
    if (!route) return undefined;
    const { stsEndpoint } = this.options;
    if (!route.roleArn && !route.viaMainAccount) return route.description;
    return `${route.description}, through ${
      stsEndpoint
        ? `the STS endpoint ${originOf(stsEndpoint)}`
        : 'the AWS STS endpoint'
    }`;
  }

  /** Role assumption's STS client takes the caller's request handler. */
  private withStsHandler(props?: Record<string, any>) {
    if (!this.stsHandler) return props;
    return {
      ...props,
      callerClientConfig: {
        ...props?.callerClientConfig,
        requestHandler: this.stsHandler,
      },
    };
  }

  /**
   * The main account's ID, found with sts:GetCallerIdentity through the
   * `sts` override and recorded on the library's provider (which otherwise
   * calls the real STS endpoint for it). Retried at the next scan on failure.
   */
  private mainAccountId(secrets: SecretValues): Promise<string | undefined> {
    this.mainAccount ??= this.resolveMainAccountId(secrets).catch(error => {
      this.mainAccount = undefined;
      throw error;
    });
    return this.mainAccount;
  }

  private async resolveMainAccountId(secrets: SecretValues) {
    const main = await this.options.manager.getCredentialProvider();
    if (main.accountId) return main.accountId;
    const { stsEndpoint, maxAttempts } = this.options;
    const sts = new STSClient({
      region: main.stsRegion ?? 'us-east-1',
      maxAttempts,
      credentials: async props => {
        const identity = await main.sdkCredentialProvider(props);
        secrets.rememberIdentity(identity);
        return identity;
      },
      ...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
    });
    try {
      const out = await sts.send(new GetCallerIdentityCommand({}));
      main.accountId = required(out.Account, 'Account');
      return main.accountId;
    } finally {
      sts.destroy();
    }
  }

  private unavailable(
    accountId: string,
    route: CredentialRoute | undefined,
    action: string,
    error: unknown,
    secrets: SecretValues,
  ): CredentialsUnavailableError {
    tagWithSecrets(error, secrets);
    const aws = safeAccessDenied(
      (error as Error | undefined)?.message,
      secrets,
    );
    // The refused call, when AWS's own sentence names it.
    const called =
      action === 'credentials'
        ? /perform: (sts:\w+)/.exec(aws ?? '')?.[1] ?? action
        : action;
    const cause = classifyError(error, called);
    const code = cause.code ? ` (${cause.code})` : '';
    let detail = cause.message;
    if (cause.kind === 'access_denied') {
      detail = `${called} was refused${code}${aws ? `: ${aws}` : ''}`;
    } else if (
      cause.kind === 'region_disabled' ||
      cause.kind === 'credentials_unavailable'
    ) {
      detail = `${called} rejected the credentials${code}`;
    }
    const described = this.tried(route);
    return new CredentialsUnavailableError({
      kind:
        cause.kind === 'endpoint_unreachable'
          ? 'endpoint_unreachable'
          : 'credentials_unavailable',
      action: called,
      ...(cause.code ? { code: cause.code } : {}),
      message: `Could not obtain credentials for account ${accountId}: ${detail}${
        described ? `; tried ${described}` : ''
      }`,
    });
  }
}
