/*
 * Demo only: a second sign-in identity beside the guest, so that one person
 * can act as two users of the waiver-approval journey: the guest (an owner of
 * the Fraud ML services, user:development/guest) requests a waiver, and a
 * member of the security group (the user app-config.demo.yaml names) decides
 * it. Built like the guest provider (@backstage/plugin-auth-backend-module-
 * guest-provider): a proxy provider whose refresh signs in as one catalog
 * user. Registered only where `auth.providers.demo-security` is configured
 * (app-config.demo.yaml only) and, like the guest, only in development
 * (`yarn start`) unless `dangerouslyAllowOutsideDevelopment` is set.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The provider id: the sign-in page refreshes `/api/auth/demo-security/refresh`. */
export const DEMO_SECURITY_PROVIDER_ID = 'demo-security';

const demoSignInAuthenticator = createProxyAuthenticator<
  { userEntityRef: string },
  { userEntityRef: string },
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    // A missing user is an error naming the key.
    return { userEntityRef: config.getString('userEntityRef') };
  },
  async authenticate(_, { userEntityRef }) {
    return { result: { userEntityRef } };
  },
});

/** The `demo-security` sign-in provider of the demo portal. */
export const authModuleDemoSecuritySignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-security-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const key = `auth.providers.${DEMO_SECURITY_PROVIDER_ID}`;
        const providerConfig = config.getOptionalConfig(key);
        if (!providerConfig) {
          return;
        }
        const allowed =
          process.env.NODE_ENV === 'development' ||
          providerConfig.getOptionalBoolean(
            'dangerouslyAllowOutsideDevelopment',
          ) === true;
        if (!allowed) {
          logger.warn(
            `${key} is configured but not registered: the demo sign-in is for development only, unless ${key}.dangerouslyAllowOutsideDevelopment is set`,
          );
          return;
        }
        providers.registerProvider({
          providerId: DEMO_SECURITY_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: demoSignInAuthenticator,
            // The user must exist in the catalog: its groups (memberOf) make
            // the ownership of the token, e.g. group:default/security.
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});

export default authModuleDemoSecuritySignIn;
