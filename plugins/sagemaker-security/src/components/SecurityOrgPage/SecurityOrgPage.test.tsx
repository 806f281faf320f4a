import { NotAllowedError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OrgRollupQuery } from '@mlsec/plugin-sagemaker-security-common';
import {
  mockSecurityApi,
  rollupRow,
  score,
  teamRollup,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { SecurityOrgContent, SecurityOrgPage } from './SecurityOrgPage';

jest.setTimeout(20_000);

const rows = [
  rollupRow({
    entityRef: 'component:default/fraud-scoring',
    title: 'Fraud scoring',
    owner: 'group:default/ml-platform',
  }),
  rollupRow({
    entityRef: 'component:default/churn-model',
    title: 'Churn model',
    owner: 'group:default/ml-research',
    score: {
      ...score,
      score: 93,
      grade: 'A',
      pillars: score.pillars.map(p =>
        p.pillar === 'network' ? { ...p, grade: 'B' as const, score: 85 } : p,
      ),
    },
    resourceCount: 5,
  }),
];

function orgApi(overrides: Parameters<typeof mockSecurityApi>[0] = {}) {
  return mockSecurityApi({
    getOrgRollup: jest.fn(async (query: OrgRollupQuery = {}) => {
      const items = rows.filter(
        row =>
          (!query.owner || row.owner === query.owner) &&
          (!query.grade || row.score.grade === query.grade),
      );
      return {
        items: items.slice(
          query.offset ?? 0,
          (query.offset ?? 0) + (query.limit ?? 20),
        ),
        totalCount: items.length,
        offset: query.offset ?? 0,
        limit: query.limit ?? 20,
      };
    }),
    getEntityRollup: jest.fn(async (ref: string) =>
      ref === 'group:default/ml-research'
        ? { ...teamRollup, entityRef: ref, entities: [teamRollup.entities[1]] }
        : { ...teamRollup, entityRef: ref },
    ),
    ...overrides,
  });
}

/** Table calls, leaving out the paging through owners. */
function tableQueries(api: ReturnType<typeof orgApi>): OrgRollupQuery[] {
  return api.getOrgRollup.mock.calls
    .map(([query]) => query ?? {})
    .filter(query => query.limit !== 200);
}

describe('SecurityOrgPage', () => {
  it('shows progress while loading', async () => {
    const api = mockSecurityApi({
      getOrgRollup: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderWithApis(<SecurityOrgContent />, { api });
    expect((await screen.findAllByTestId('progress')).length).toBeGreaterThan(
      0,
    );
  });

  it('shows errors', async () => {
    const api = mockSecurityApi({
      getOrgRollup: jest.fn(async () => {
        throw new Error('rollup store offline');
      }),
    });
    await renderWithApis(<SecurityOrgContent />, { api });
    expect(
      (await screen.findAllByText(/rollup store offline/)).length,
    ).toBeGreaterThan(0);
  });

  it('says when the user may not view the overview', async () => {
    const api = mockSecurityApi({
      getOrgRollup: jest.fn(async () => {
        throw new NotAllowedError('no');
      }),
    });
    await renderWithApis(<SecurityOrgContent />, { api });
    expect(
      await screen.findByText(
        "You don't have permission to view this security overview",
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty organisation', async () => {
    const api = mockSecurityApi({
      getOrgRollup: jest.fn(async () => ({
        items: [],
        totalCount: 0,
        offset: 0,
        limit: 20,
      })),
    });
    await renderWithApis(<SecurityOrgContent />, { api });
    expect(
      await screen.findByText('No team owns an ML service yet.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No records to display'),
    ).toBeInTheDocument();
  });

  it('lists ML services with grades and pillar scores, and team rollups', async () => {
    const api = orgApi();
    await renderWithApis(<SecurityOrgPage />, { api });

    expect(await screen.findByText('Fraud scoring')).toBeInTheDocument();
    expect(screen.getByText('Churn model')).toBeInTheDocument();
    expect(screen.getByText('SageMaker security')).toBeInTheDocument();
    // In the services table the score sits beside the letter, as a number.
    expect(
      screen.getByRole('img', { name: 'Grade A, Score 93 / 100' }),
    ).toBeInTheDocument();
    expect(screen.getByText('93')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Grade B, Score 85 / 100' }),
    ).toBeInTheDocument();

    // The first table query sorts worst first.
    expect(tableQueries(api)[0]).toMatchObject({
      offset: 0,
      limit: 20,
      orderBy: 'score',
      order: 'asc',
    });

    const teams = await screen.findByRole('table', { name: 'Team rollups' });
    expect(within(teams).getByText('ml-platform')).toBeInTheDocument();
    expect(within(teams).getByText('ml-research')).toBeInTheDocument();
    expect(api.getEntityRollup).toHaveBeenCalledWith(
      'group:default/ml-platform',
    );
    expect(api.getEntityRollup).toHaveBeenCalledWith(
      'group:default/ml-research',
    );
    expect(within(teams).getAllByText('Grade C')).toHaveLength(2);
  });

  it('filters by team, grade and pillar in the backend', async () => {
    const api = orgApi();
    await renderWithApis(<SecurityOrgContent />, { api });
    await screen.findByText('Fraud scoring');

    await userEvent.click(screen.getByRole('button', { name: /Grade All/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Grade A' }),
    );
    await waitFor(() =>
      expect(screen.queryByText('Fraud scoring')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Churn model')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Team All/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'ml-research' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Pillar \(grade and order\) All/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Network' }),
    );

    await waitFor(() =>
      expect(tableQueries(api).at(-1)).toMatchObject({
        grade: 'A',
        owner: 'group:default/ml-research',
        pillar: 'network',
        offset: 0,
      }),
    );
  });

  it('sorts in the backend', async () => {
    const api = orgApi();
    await renderWithApis(<SecurityOrgContent />, { api });
    await screen.findByText('Fraud scoring');
    const sortLabel = screen
      .getAllByRole('button', { name: 'Failing' })
      .find(element => element.classList.contains('MuiTableSortLabel-root'));
    await userEvent.click(sortLabel!);
    await waitFor(() =>
      expect(tableQueries(api).at(-1)).toMatchObject({ orderBy: 'fail' }),
    );
  });

  it('exports findings as a CSV download', async () => {
    const blob = new Blob(['entityRef,checkId\n'], { type: 'text/csv' });
    const api = orgApi({ exportFindingsCsv: jest.fn(async () => blob) });
    const createObjectURL = jest.fn(() => 'blob:findings');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkDownload(this: HTMLAnchorElement) {
        expect(this.href).toBe('blob:findings');
        expect(this.download).toMatch(/^sagemaker-security-findings-.*\.csv$/);
      });

    await renderWithApis(<SecurityOrgContent />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: /Export CSV/ }),
    );

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:findings');
    expect(api.exportFindingsCsv).toHaveBeenLastCalledWith({});

    // With a team chosen, the export is the team's.
    await userEvent.click(screen.getByRole('button', { name: /Team All/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'ml-research' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: /Export team CSV/ }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
    expect(api.exportFindingsCsv).toHaveBeenLastCalledWith({
      owner: 'group:default/ml-research',
    });
    click.mockRestore();
  });
});
