import { NotAllowedError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  checks,
  emptyScorecard,
  mlServiceEntity,
  mockSecurityApi,
  scorecard,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityCard } from './EntitySecurityCard';

function renderCard(
  api: ReturnType<typeof mockSecurityApi>,
  maxFindings?: number,
) {
  return renderWithApis(<EntitySecurityCard maxFindings={maxFindings} />, {
    api,
    entity: mlServiceEntity,
  });
}

describe('EntitySecurityCard', () => {
  it('shows progress while loading', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderCard(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows errors', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => {
        throw new Error('backend exploded');
      }),
    });
    await renderCard(api);
    expect(
      (await screen.findAllByText(/backend exploded/)).length,
    ).toBeGreaterThan(0);
  });

  it('says when the user may not view the scorecard', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => {
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

  it('points to the tab when nothing is linked', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => emptyScorecard),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        /No SageMaker resources are linked to this entity yet/,
      ),
    ).toBeInTheDocument();
  });

  it('shows grade, pillar statuses, top failing checks and links to the tab', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
    });
    await renderCard(api, 1);
    expect(await screen.findByText('Grade D')).toBeInTheDocument();
    expect(screen.getByText('Score 62 / 100')).toBeInTheDocument();

    for (const pillar of ['Encryption', 'Network', 'IAM', 'Monitoring']) {
      expect(screen.getByText(pillar)).toBeInTheDocument();
    }
    // Status in words next to each pillar (encryption fails, monitoring unknown).
    expect(screen.getAllByText('Fail').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Could not evaluate').length).toBeGreaterThan(0);

    const top = screen.getByRole('list', { name: 'Top failing checks' });
    // Worst first, and only as many as asked.
    expect(within(top).getByText(checks[0].title)).toBeInTheDocument();
    expect(within(top).queryByText(checks[1].title)).not.toBeInTheDocument();
    expect(within(top).getByText('Critical')).toBeInTheDocument();

    expect(
      screen.getByRole('link', { name: /View security details/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scoring/sagemaker-security',
    );
  });

  it('says so when nothing fails', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => ({
        ...scorecard,
        results: scorecard.results.filter(r => r.status === 'pass'),
      })),
    });
    await renderCard(api);
    expect(await screen.findByText('No failing checks')).toBeInTheDocument();
  });
});
