import { screen, within } from '@testing-library/react';
import type { EntityScorecard } from '@mlsec/plugin-sagemaker-security-common';
import {
  emptyScorecard,
  endpointResource,
  mlServiceEntity,
  mockSecurityApi,
  scorecard,
} from '../../__testUtils__/fixtures';
import { denying, renderWithApis } from '../../__testUtils__/render';
import {
  ASSUME_ROLE_MESSAGE,
  credentialsFailed,
  health,
  partlyRead,
  UNREADABLE_ACCOUNT,
} from '../../__testUtils__/scanFixtures';
import { EntitySecurityCard } from '../EntitySecurityCard';
import { EntitySecurityContent } from '../EntitySecurityContent';

jest.setTimeout(20_000);

function apiFor(card: EntityScorecard) {
  return mockSecurityApi({
    getEntityScorecard: jest.fn(async () => card),
    getResourceFindings: jest.fn(async () => ({
      resource: endpointResource,
      results: [],
    })),
  });
}

const renderTab = (card: EntityScorecard, permissionApi = denying()) =>
  renderWithApis(<EntitySecurityContent />, {
    api: apiFor(card),
    entity: mlServiceEntity,
    permissionApi,
  });

const renderCard = (card: EntityScorecard) =>
  renderWithApis(<EntitySecurityCard />, {
    api: apiFor(card),
    entity: mlServiceEntity,
  });

const CREDENTIALS_SENTENCE = `Credentials unavailable for account ${UNREADABLE_ACCOUNT} (us-east-1): ${ASSUME_ROLE_MESSAGE}`;

describe('the Security tab says what the last scan could not read', () => {
  it('names the account, region, kind, action and time of a failed scan, over the last good results', async () => {
    await renderTab({
      ...scorecard,
      stale: true,
      scanHealth: health([credentialsFailed()]),
    });
    const banner = await screen.findByRole('alert', { name: 'Scan failed' });
    expect(banner).toHaveTextContent(
      `The last scan could not read account ${UNREADABLE_ACCOUNT} (us-east-1)`,
    );
    expect(banner).toHaveTextContent(CREDENTIALS_SENTENCE);
    expect(banner).toHaveTextContent('— 5 minutes ago');
    const evaluated = new Date(scorecard.evaluatedAt!).toLocaleString();
    expect(banner).toHaveTextContent(
      `The results shown are the last good ones, evaluated ${evaluated}`,
    );
    // The last good scorecard is still shown, without the generic warning.
    expect(screen.getByRole('heading', { name: 'Grade D' })).toBeVisible();
    expect(
      screen.queryByText(/These results may be out of date/),
    ).not.toBeInTheDocument();
  });

  it('says nothing was collected instead of "No SageMaker resources linked" when the scan failed', async () => {
    await renderTab({
      ...emptyScorecard,
      scanHealth: health([credentialsFailed()]),
    });
    const banner = await screen.findByRole('alert', { name: 'Scan failed' });
    expect(banner).toHaveTextContent(CREDENTIALS_SENTENCE);
    expect(banner).toHaveTextContent(
      'Nothing has been collected from it, so this service has no results yet.',
    );
    expect(
      screen.queryByText('No SageMaker resources linked to this service'),
    ).not.toBeInTheDocument();
  });

  it('offers a rescan to admins once the access is fixed', async () => {
    await renderTab(
      { ...emptyScorecard, scanHealth: health([credentialsFailed()]) },
      denying(),
    );
    expect(
      await screen.findByRole('button', { name: 'Rescan' }),
    ).toBeInTheDocument();
  });

  it('lists every failure, and still explains linking, when the service’s account is unknown', async () => {
    await renderTab({
      ...emptyScorecard,
      scanHealth: health([credentialsFailed()], { scope: 'all' }),
    });
    const banner = await screen.findByRole('alert', { name: 'Scan failed' });
    expect(banner).toHaveTextContent(
      /they may be in what the scan could not read/,
    );
    expect(
      screen.getByText('No SageMaker resources linked to this service'),
    ).toBeInTheDocument();
  });

  it('warns of a partial scan with each denied IAM action and what it means for the results', async () => {
    await renderTab({ ...scorecard, scanHealth: health([partlyRead()]) });
    const banner = await screen.findByRole('status', { name: 'Scan partial' });
    expect(banner).toHaveTextContent(
      'The last scan of account 111111111111 (eu-west-1) was partial',
    );
    expect(banner).toHaveTextContent(
      'account 111111111111 (eu-west-1): 4 calls failed — Access denied (iam:GetRolePolicy); Throttled (sagemaker:DescribeTrainingJob) — 5 minutes ago',
    );
    // What the calls were for may be another team's: not named here.
    expect(banner).not.toHaveTextContent('FraudRole');
    expect(banner).toHaveTextContent('show as “Could not evaluate”');
    expect(
      screen.queryByRole('alert', { name: 'Scan failed' }),
    ).not.toBeInTheDocument();
  });

  it('says that no AWS account is configured instead of "No SageMaker resources linked"', async () => {
    await renderTab({
      ...emptyScorecard,
      scanHealth: health([], { accountsConfigured: false }),
    });
    expect(
      await screen.findByText('No AWS account is configured for scanning'),
    ).toBeInTheDocument();
    expect(screen.getByText('sagemakerSecurity.accounts')).toBeInTheDocument();
    expect(
      screen.queryByText('No SageMaker resources linked to this service'),
    ).not.toBeInTheDocument();
  });

  it('shows no banner when the last scan read everything', async () => {
    await renderTab({ ...scorecard, scanHealth: health([]) });
    expect(
      await screen.findByRole('heading', { name: 'Grade D' }),
    ).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/The last scan|No AWS account/),
    ).not.toBeInTheDocument();
  });

  it('still shows the linking help when nothing is linked and the scan is healthy', async () => {
    await renderTab({ ...emptyScorecard, scanHealth: health([]) });
    expect(
      await screen.findByText('No SageMaker resources linked to this service'),
    ).toBeInTheDocument();
  });
});

describe('the overview card says what the last scan could not read', () => {
  it('names a failed account next to the last good grade', async () => {
    await renderCard({
      ...scorecard,
      stale: true,
      scanHealth: health([credentialsFailed(), partlyRead()]),
    });
    const banner = await screen.findByRole('alert', { name: 'Scan failed' });
    expect(banner).toHaveTextContent(CREDENTIALS_SENTENCE);
    expect(banner).toHaveTextContent(
      /The results shown are the last good ones/,
    );
    expect(screen.getByRole('img', { name: 'Grade D' })).toBeInTheDocument();
    // Dense: the first problem of each target only.
    const partial = screen.getByRole('status', { name: 'Scan partial' });
    expect(within(partial).getAllByRole('listitem')).toHaveLength(1);
  });

  it('says nothing was collected instead of "not linked" when the scan failed', async () => {
    await renderCard({
      ...emptyScorecard,
      scanHealth: health([credentialsFailed()]),
    });
    expect(
      await screen.findByRole('alert', { name: 'Scan failed' }),
    ).toHaveTextContent(/Nothing has been collected from it/);
    expect(
      screen.queryByText(/No SageMaker resources are linked/),
    ).not.toBeInTheDocument();
  });

  it('says that no AWS account is configured', async () => {
    await renderCard({
      ...emptyScorecard,
      scanHealth: health([], { accountsConfigured: false }),
    });
    expect(
      await screen.findByText('No AWS account is configured for scanning'),
    ).toBeInTheDocument();
  });

  it('shows no banner when the last scan read everything', async () => {
    await renderCard({ ...scorecard, scanHealth: health([]) });
    expect(
      await screen.findByRole('img', { name: 'Grade D' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/The last scan/)).not.toBeInTheDocument();
  });
});
