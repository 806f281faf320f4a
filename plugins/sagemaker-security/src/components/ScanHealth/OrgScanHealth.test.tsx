import { NotAllowedError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScanHealth } from '@mlsec/plugin-sagemaker-security-common';
import { mockSecurityApi, rollupRow } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import {
  credentialsFailed,
  health,
  latestScan,
  minutesAgo,
  partlyRead,
  UNREADABLE_ACCOUNT,
} from '../../__testUtils__/scanFixtures';
import { SecurityOrgContent } from '../SecurityOrgPage';

jest.setTimeout(30_000);

function orgApi(scanHealth: ScanHealth, overrides = {}) {
  return mockSecurityApi({
    getOrgRollup: jest.fn(async () => ({
      items: [rollupRow({ entityRef: 'component:default/fraud-scoring' })],
      totalCount: 1,
      offset: 0,
      limit: 20,
    })),
    getEntityRollup: jest.fn(async () => {
      throw new Error('no teams here');
    }),
    getScanHealth: jest.fn(async () => scanHealth),
    getLatestScan: jest.fn(async () => latestScan()),
    ...overrides,
  });
}

const renderOrg = (
  api: ReturnType<typeof orgApi>,
  options: { routeEntries?: string[]; permissionApi?: any } = {},
) => renderWithApis(<SecurityOrgContent />, { api, ...options });

describe('the org page says what the last scan could not read', () => {
  it('shows a banner of failed and partial accounts, and opens the scan status from it', async () => {
    const api = orgApi(
      health([credentialsFailed(), partlyRead()], { scope: 'all' }),
    );
    await renderOrg(api);
    const banner = await screen.findByRole('alert', { name: 'Last scan' });
    expect(banner).toHaveTextContent(
      'The last scan was partial: 1 account/region could not be read; 1 could be read only in part — 5 minutes ago',
    );
    expect(banner).toHaveTextContent(
      `Credentials unavailable for account ${UNREADABLE_ACCOUNT} (us-east-1)`,
    );
    expect(banner).toHaveTextContent(
      'the scan may not call iam:GetRolePolicy (3 calls)',
    );
    expect(api.getLatestScan).not.toHaveBeenCalled();

    await userEvent.click(
      within(banner).getByRole('button', { name: 'Scan status' }),
    );
    expect(
      await screen.findByRole('tab', { name: 'Scan status', selected: true }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Accounts and regions')).toBeInTheDocument();
  });

  it('says that no AWS account is configured', async () => {
    await renderOrg(orgApi(health([], { accountsConfigured: false })));
    expect(
      await screen.findByText('No AWS account is configured for scanning'),
    ).toBeInTheDocument();
  });

  it('shows no banner when the last scan read everything', async () => {
    const api = orgApi(health([]));
    await renderOrg(api);
    expect((await screen.findAllByText('ML services')).length).toBeGreaterThan(
      0,
    );
    expect(api.getScanHealth).toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/The last scan/)).not.toBeInTheDocument();
  });
});

describe('the org page says when account discovery failed', () => {
  const REASON =
    'Account discovery from AWS Organizations failed through arn:aws:iam::999999999999:role/OrgReader: Not authorized to perform organizations:ListAccounts (HTTP 400)';
  const failedDiscovery = (listedAt?: string) => ({
    source: 'organizations' as const,
    status: 'failed' as const,
    attemptedAt: minutesAgo(6),
    ...(listedAt ? { listedAt } : {}),
    accountCount: 4,
    error: {
      kind: 'access_denied' as const,
      action: 'organizations:ListAccounts',
      code: 'AccessDeniedException',
      message: REASON,
    },
  });

  it('says why, and which accounts scans use meanwhile, beside the failed accounts', async () => {
    await renderOrg(
      orgApi(
        health([credentialsFailed()], {
          scope: 'all',
          discovery: failedDiscovery(minutesAgo(120)),
        }),
      ),
    );
    const alert = await screen.findByRole('alert', {
      name: 'Account discovery',
    });
    expect(alert).toHaveTextContent(
      'Account discovery from AWS Organizations failed — 6 minutes ago',
    );
    expect(alert).toHaveTextContent(REASON);
    expect(alert).toHaveTextContent(
      'Scans use the 4 discovered accounts of the last listing (2 hours ago) and the hand-listed ones.',
    );
    expect(screen.getByRole('alert', { name: 'Last scan' })).toHaveTextContent(
      '1 account/region could not be read',
    );
  });

  it('says so when no listing has succeeded yet, with nothing else to report', async () => {
    await renderOrg(orgApi(health([], { discovery: failedDiscovery() })));
    const alert = await screen.findByRole('alert', {
      name: 'Account discovery',
    });
    expect(alert).toHaveTextContent(
      'No listing has succeeded yet: only hand-listed accounts are scanned.',
    );
    expect(
      screen.queryByRole('alert', { name: 'Last scan' }),
    ).not.toBeInTheDocument();
  });

  it('shows nothing when the listing succeeded', async () => {
    const api = orgApi(
      health([], {
        discovery: {
          source: 'organizations',
          status: 'succeeded',
          attemptedAt: minutesAgo(6),
          listedAt: minutesAgo(6),
          accountCount: 4,
        },
      }),
    );
    await renderOrg(api);
    expect((await screen.findAllByText('ML services')).length).toBeGreaterThan(
      0,
    );
    expect(api.getScanHealth).toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('the scan status view of the org page', () => {
  it('lists every account and region with its status, errors, calls and times', async () => {
    await renderOrg(orgApi(health([credentialsFailed()])), {
      routeEntries: ['/sagemaker-security?tab=scans'],
    });
    expect(
      await screen.findByRole('heading', { name: /Last scan: Partial/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/3 accounts and regions, 52 resources, 5 errors/),
    ).toBeInTheDocument();
    const rows = screen
      .getAllByRole('row')
      .filter(row => within(row).queryAllByRole('cell').length > 0);
    expect(rows).toHaveLength(3);
    const byAccount = (account: string, region: string) =>
      rows.find(
        row =>
          row.textContent?.includes(account) &&
          row.textContent?.includes(region),
      )!;
    const failed = byAccount(UNREADABLE_ACCOUNT, 'us-east-1');
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('Credentials unavailable: sts:AssumeRole');
    const partial = byAccount('111111111111', 'eu-west-1');
    expect(partial).toHaveTextContent('Partial');
    expect(partial).toHaveTextContent('Access denied: iam:GetRolePolicy ×3');
    expect(partial).toHaveTextContent(
      'Throttled: sagemaker:DescribeTrainingJob',
    );
    // Calls made: 1 + 4 + 6 + 3.
    expect(within(partial).getByText('14')).toBeInTheDocument();
    const read = byAccount('111111111111', 'us-east-1');
    expect(read).toHaveTextContent('Succeeded');
    // 40 resources, and 2 + 38 calls.
    expect(within(read).getAllByText('40')).toHaveLength(2);
  });

  it('shows every error message and the calls by IAM action of a target', async () => {
    await renderOrg(orgApi(health([])), {
      routeEntries: ['/sagemaker-security?tab=scans'],
    });
    const partial = (await screen.findAllByRole('row')).find(row =>
      row.textContent?.includes('eu-west-1'),
    )!;
    await userEvent.click(within(partial).getAllByRole('button')[0]);
    const details = await screen.findByLabelText(
      'Details of 111111111111 eu-west-1',
    );
    expect(details).toHaveTextContent('Errors (4)');
    expect(details).toHaveTextContent(
      'not authorized to perform: iam:GetRolePolicy on resource: role ChurnRole',
    );
    const calls = within(details).getByRole('table', {
      name: 'Calls by IAM action',
    });
    expect(calls).toHaveTextContent('iam:GetRole6');
    expect(calls).toHaveTextContent('sagemaker:DescribeEndpoint4');
  });

  // Those who may not scan: ScanStatusView.denied.test.tsx (permission answers are cached per file).
  it('lets admins rescan', async () => {
    await renderOrg(orgApi(health([])), {
      routeEntries: ['/sagemaker-security?tab=scans'],
    });
    expect(
      await screen.findByRole('button', { name: 'Rescan' }),
    ).toBeInTheDocument();
  });

  it('says when no scan has run, and when the user may not see scans', async () => {
    const { unmount } = await renderOrg(
      orgApi(health([]), { getLatestScan: jest.fn(async () => undefined) }),
      { routeEntries: ['/sagemaker-security?tab=scans'] },
    );
    expect(await screen.findByText('No scan has run yet')).toBeInTheDocument();
    unmount();

    await renderOrg(
      orgApi(health([]), {
        getLatestScan: jest.fn(async () => {
          throw new NotAllowedError('no');
        }),
      }),
      { routeEntries: ['/sagemaker-security?tab=scans'] },
    );
    expect(
      await screen.findByText(
        "You don't have permission to view this scan status",
      ),
    ).toBeInTheDocument();
  });
});
