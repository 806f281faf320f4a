import type { CheckResult } from '@mlsec/plugin-sagemaker-security-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  counts,
  failingResult,
  mlServiceEntity,
  mockSecurityApi,
  passingResult,
  scorecard,
  warningResult,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityContent } from './EntitySecurityContent';

jest.setTimeout(20_000);

const failingOn = (name: string): CheckResult => ({
  ...failingResult,
  resourceArn: `arn:aws:sagemaker:eu-west-1:111111111111:endpoint/${name}`,
  resourceName: name,
});

// Four failing checks, a warning and a pass; the first page holds two.
const fails = ['a', 'b', 'c', 'd'].map(failingOn);
const firstPage = {
  ...scorecard,
  score: {
    ...scorecard.score,
    counts: counts({ fail: 4, warn: 1, pass: 1 }),
  },
  results: fails.slice(0, 2),
  resultsPage: { offset: 0, limit: 2, totalCount: 6 },
};

function renderTab(api: ReturnType<typeof mockSecurityApi>) {
  return renderWithApis(<EntitySecurityContent />, {
    api,
    entity: mlServiceEntity,
  });
}

const failingSection = () =>
  screen.getByRole('region', { name: 'Failing checks (5)' });

describe('EntitySecurityContent paging', () => {
  it('shows the first page, names the totals, and loads the rest of a section on demand', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => firstPage),
      listWaivers: jest.fn(async () => []),
      listEntityFindings: jest.fn(async () => ({
        items: [...fails.slice(2), warningResult],
        totalCount: 5,
        offset: 2,
        limit: 50,
      })),
    });
    await renderTab(api);
    await screen.findByRole('region', { name: 'Failing checks (5)' });
    expect(within(failingSection()).getAllByRole('article')).toHaveLength(2);
    expect(
      within(failingSection()).getByText('Showing 2 of 5'),
    ).toBeInTheDocument();
    // Nothing of the passing section is loaded yet; it is counted.
    const passing = screen.getByRole('region', {
      name: 'Passing and not applicable (1)',
    });
    expect(within(passing).getByText('Showing 0 of 1')).toBeInTheDocument();
    expect(api.listEntityFindings).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show more: failing checks' }),
    );
    await waitFor(() =>
      expect(within(failingSection()).getAllByRole('article')).toHaveLength(5),
    );
    // The next page of the section's statuses, after the ones shown.
    expect(api.listEntityFindings).toHaveBeenCalledWith({
      entityRef: 'component:default/fraud-scoring',
      status: ['fail', 'warn'],
      offset: 2,
      limit: 50,
    });
    expect(
      within(failingSection()).queryByRole('button', { name: /Show more/ }),
    ).not.toBeInTheDocument();
    expect(
      within(failingSection()).queryByText(/Showing/),
    ).not.toBeInTheDocument();
    // Worst first: the four failures, then the warning.
    const resources = within(failingSection())
      .getAllByRole('article')
      .map(article =>
        within(article).queryByText('Warning') ? 'warn' : 'fail',
      );
    expect(resources).toEqual(['fail', 'fail', 'fail', 'fail', 'warn']);
  });

  it('loads passing results into their table', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => firstPage),
      listWaivers: jest.fn(async () => []),
      listEntityFindings: jest.fn(async () => ({
        items: [passingResult],
        totalCount: 1,
        offset: 0,
        limit: 50,
      })),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show more: passing and not applicable',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Passing and not applicable checks',
    });
    await waitFor(() =>
      expect(within(table).getByText('Pass')).toBeInTheDocument(),
    );
    expect(api.listEntityFindings).toHaveBeenCalledWith(
      expect.objectContaining({
        status: ['pass', 'not_applicable'],
        offset: 0,
      }),
    );
  });

  it('says when more results could not be loaded, keeping what is shown', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => firstPage),
      listWaivers: jest.fn(async () => []),
      listEntityFindings: jest.fn(async () => {
        throw new Error('backend exploded');
      }),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show more: failing checks' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load more results: backend exploded',
    );
    expect(within(failingSection()).getAllByRole('article')).toHaveLength(2);
  });

  it('offers no more when the first page holds every result', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      listWaivers: jest.fn(async () => []),
    });
    await renderTab(api);
    await screen.findByRole('region', { name: 'Failing checks (2)' });
    expect(
      screen.queryByRole('button', { name: /Show more/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/Showing \d+ of/)).not.toBeInTheDocument();
  });
});
