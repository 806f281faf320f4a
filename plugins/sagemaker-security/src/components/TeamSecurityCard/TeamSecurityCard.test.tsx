import { NotAllowedError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  mockSecurityApi,
  teamEntity,
  teamRollup,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { TeamSecurityCard } from './TeamSecurityCard';

function renderCard(api: ReturnType<typeof mockSecurityApi>) {
  return renderWithApis(<TeamSecurityCard />, { api, entity: teamEntity });
}

describe('TeamSecurityCard', () => {
  it('shows progress while loading', async () => {
    const api = mockSecurityApi({
      getEntityRollup: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderCard(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityRollup).toHaveBeenCalledWith(
      'group:default/ml-platform',
    );
  });

  it('shows errors', async () => {
    const api = mockSecurityApi({
      getEntityRollup: jest.fn(async () => {
        throw new Error('rollup failed');
      }),
    });
    await renderCard(api);
    expect(
      (await screen.findAllByText(/rollup failed/)).length,
    ).toBeGreaterThan(0);
  });

  it('says when the user may not view the rollup', async () => {
    const api = mockSecurityApi({
      getEntityRollup: jest.fn(async () => {
        throw new NotAllowedError('no');
      }),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        "You don't have permission to view this scorecard.",
      ),
    ).toBeInTheDocument();
  });

  it('says how many ML services the user cannot see, without naming them', async () => {
    const api = mockSecurityApi({
      getEntityRollup: jest.fn(async () => ({
        ...teamRollup,
        hiddenEntityCount: 3,
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        '3 ML services you cannot see are left out of this rollup.',
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty team', async () => {
    const api = mockSecurityApi({
      getEntityRollup: jest.fn(async () => ({
        ...teamRollup,
        entities: [],
        worstFindings: [],
        expiringWaivers: [],
        score: { ...teamRollup.score, score: null, grade: null },
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        'This team owns no ML services with SageMaker resources.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No open findings')).toBeInTheDocument();
    expect(screen.getByText('No waivers expire soon.')).toBeInTheDocument();
    expect(screen.getByText('Not graded')).toBeInTheDocument();
  });

  it('shows the team grade, services, worst findings and expiring waivers', async () => {
    const api = mockSecurityApi({
      getEntityRollup: jest.fn(async () => teamRollup),
    });
    await renderCard(api);
    expect(await screen.findByText('Grade C')).toBeInTheDocument();
    expect(screen.getByText('Score 71 / 100')).toBeInTheDocument();

    const services = screen.getByRole('table', { name: 'ML services' });
    expect(within(services).getByText('Fraud scoring')).toBeInTheDocument();
    expect(within(services).getByText('Churn model')).toBeInTheDocument();
    expect(
      within(services).getByRole('img', { name: 'Grade A, Score 92 / 100' }),
    ).toBeInTheDocument();
    expect(
      within(services).getAllByRole('img', { name: /Score 58 on/ }),
    ).toHaveLength(2);

    const findings = screen.getByRole('table', { name: 'Worst open findings' });
    expect(
      within(findings).getByText(
        'Endpoint data capture is encrypted with a customer managed key',
      ),
    ).toBeInTheDocument();
    expect(within(findings).getByText('Fail')).toBeInTheDocument();
    expect(within(findings).getByText('Critical')).toBeInTheDocument();

    const waivers = screen.getByRole('table', {
      name: 'Waivers expiring soon',
    });
    expect(
      within(waivers).getByText('Notebook root access is disabled'),
    ).toBeInTheDocument();
    expect(
      within(waivers).getByText(
        'Research notebook isolated in a sandbox account',
      ),
    ).toBeInTheDocument();
    expect(
      within(waivers).getByText(
        new Date('2025-08-20T23:59:59.000Z').toLocaleDateString(),
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('link', { name: /All ML services/ }),
    ).toHaveAttribute('href', '/sagemaker-security');
  });
});
