import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  type IdentityApi,
  type SignInPageProps,
} from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';

/** The sign-in chosen last, so that a reload signs in again without asking. */
export const SIGN_IN_STORAGE_KEY = 'mlsec-demo:sign-in-provider';

interface DemoSignIn {
  /** The auth backend's provider (`/api/auth/<provider>/refresh`). */
  provider: string;
  title: string;
  description: string;
  action: string;
}

/**
 * The demo's two people: an owner of ML services, and a member of the
 * security group who decides their waiver requests. Both are proxy providers
 * of the demo backend (the guest module, and src/demoSignIn.ts of
 * packages/backend with the user app-config.demo.yaml names).
 */
export const DEMO_SIGN_INS: DemoSignIn[] = [
  {
    provider: 'guest',
    title: 'Guest (Fraud ML)',
    description:
      'user:development/guest, a member of Fraud ML, the team that owns Fraud Scoring and the other fraud services. Owners request waivers.',
    action: 'Enter',
  },
  {
    provider: 'demo-security',
    title: 'Erin Walsh (Security)',
    description:
      'A member of group:default/security, the security group that approves or denies waiver requests.',
    action: 'Sign in as Erin Walsh',
  },
];

/** Signing out forgets the chosen sign-in: the next visit asks again. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(SIGN_IN_STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/** The auth backend's own reason (a `ResponseError`'s cause), else the error. */
function reasonOf(error?: Error): Error {
  if (error?.cause instanceof Error) {
    return error.cause;
  }
  return error ?? new Error('Sign-in failed');
}

/** Signs in through the chosen provider; on failure, offers the choice again. */
function ChosenSignIn(props: {
  provider: string;
  onSignInSuccess: SignInPageProps['onSignInSuccess'];
  onBack: () => void;
}) {
  const { provider, onSignInSuccess, onBack } = props;
  const ErrorComponent = useCallback(
    ({ error }: { error?: Error }) => (
      <Content>
        <ErrorPanel
          title={`Could not sign in through the ${provider} provider`}
          error={reasonOf(error)}
        />
        <Button
          variant="outlined"
          color="primary"
          style={{ marginTop: 16 }}
          onClick={onBack}
        >
          Choose another sign-in
        </Button>
      </Content>
    ),
    [provider, onBack],
  );
  return (
    <ProxiedSignInPage
      provider={provider}
      onSignInSuccess={identity =>
        onSignInSuccess(forgettingOnSignOut(identity))
      }
      ErrorComponent={ErrorComponent}
    />
  );
}

/**
 * The demo portal's sign-in page: a choice of who to be. The chosen
 * provider signs in through `ProxiedSignInPage`, which also keeps the
 * session fresh.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const [provider, setProvider] = useState(() =>
    localStorage.getItem(SIGN_IN_STORAGE_KEY),
  );
  const choose = (next: string | null) => {
    if (next) {
      localStorage.setItem(SIGN_IN_STORAGE_KEY, next);
    } else {
      localStorage.removeItem(SIGN_IN_STORAGE_KEY);
    }
    setProvider(next);
  };

  if (provider && DEMO_SIGN_INS.some(s => s.provider === provider)) {
    return (
      <ChosenSignIn
        provider={provider}
        onSignInSuccess={props.onSignInSuccess}
        onBack={() => choose(null)}
      />
    );
  }
  return (
    <Page themeId="home">
      <Header title={configApi.getString('app.title')} />
      <Content>
        <Typography variant="h5" component="h1" paragraph>
          Sign in as
        </Typography>
        <Grid container spacing={2}>
          {DEMO_SIGN_INS.map(signIn => (
            <Grid item xs={12} sm={6} md={4} key={signIn.provider}>
              <InfoCard
                title={signIn.title}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => choose(signIn.provider)}
                  >
                    {signIn.action}
                  </Button>
                }
              >
                <Typography variant="body1">{signIn.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
