import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  configApiRef,
  discoveryApiRef,
  type IdentityApi,
} from '@backstage/core-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DemoSignInPage, SIGN_IN_STORAGE_KEY } from './DemoSignInPage';

/** A JWT whose payload the proxied session reads for its expiry. */
function token(sub: string) {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${encode({ alg: 'none' })}.${encode({ sub, exp })}.signature`;
}

function session(userEntityRef: string) {
  return {
    profile: { displayName: 'Erin Walsh' },
    providerInfo: {},
    backstageIdentity: {
      token: token(userEntityRef),
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, 'group:default/security'],
      },
    },
  };
}

function renderPage(onSignInSuccess: jest.Mock) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, mockApis.config({ data: { app: { title: 'Demo' } } })],
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        ],
      ]}
    >
      <DemoSignInPage onSignInSuccess={onSignInSuccess} />
    </TestApiProvider>,
  );
}

// Sign-in renders a whole page: slow on a busy machine.
jest.setTimeout(20_000);

describe('DemoSignInPage', () => {
  let fetchMock: jest.SpyInstance;

  beforeEach(() => {
    localStorage.clear();
    fetchMock = jest.spyOn(global, 'fetch');
  });
  afterEach(() => fetchMock.mockRestore());

  it('offers the guest and the security member, and signs in as the one chosen', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify(session('user:default/erin.walsh')), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const onSignInSuccess = jest.fn();
    await renderPage(onSignInSuccess);

    expect(screen.getByText('Guest (Fraud ML)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Erin Walsh' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(String(fetchMock.mock.calls[0][0])).toMatch(
      /\/auth\/demo-security\/refresh$/,
    );
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/erin.walsh',
    );
    // Remembered for the next visit, forgotten on sign-out.
    expect(localStorage.getItem(SIGN_IN_STORAGE_KEY)).toBe('demo-security');
    await identity.signOut();
    expect(localStorage.getItem(SIGN_IN_STORAGE_KEY)).toBeNull();
  });

  it('signs in again with the remembered choice, without asking', async () => {
    localStorage.setItem(SIGN_IN_STORAGE_KEY, 'guest');
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify(session('user:development/guest')), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const onSignInSuccess = jest.fn();
    await renderPage(onSignInSuccess);
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(String(fetchMock.mock.calls[0][0])).toMatch(
      /\/auth\/guest\/refresh$/,
    );
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
  });

  it('shows why a sign-in failed and offers the choice again', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: "Unknown auth provider 'demo-security'",
          },
          request: { method: 'GET', url: '/demo-security/refresh' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const onSignInSuccess = jest.fn();
    await renderPage(onSignInSuccess);
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Erin Walsh' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not sign in through the demo-security provider',
    );
    expect(alert).toHaveTextContent("Unknown auth provider 'demo-security'");
    await userEvent.click(
      screen.getByRole('button', { name: 'Choose another sign-in' }),
    );
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(localStorage.getItem(SIGN_IN_STORAGE_KEY)).toBeNull();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });
});
