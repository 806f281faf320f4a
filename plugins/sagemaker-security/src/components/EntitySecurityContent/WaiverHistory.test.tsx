import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  WaiverRequestWithEvents,
  WaiverWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  endpointResource,
  mlServiceEntity,
  mockSecurityApi,
  scorecard,
  waiver,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityContent } from './EntitySecurityContent';

jest.setTimeout(20_000);

const REVOKED = '2025-05-25T16:30:00.000Z';
const EXPIRED = '2025-04-01T00:00:00.000Z';

const revoked: WaiverWithEvents = {
  ...waiver,
  id: 'w-2',
  status: 'revoked',
  revokedBy: 'user:default/bob',
  revokedAt: REVOKED,
  events: [
    {
      event: 'created',
      actor: 'user:default/alice',
      at: waiver.createdAt,
      detail: waiver.reason,
    },
    {
      event: 'revoked',
      actor: 'user:default/bob',
      at: REVOKED,
      detail: 'Sandbox account closed',
    },
  ],
};

const expired: WaiverWithEvents = {
  ...waiver,
  id: 'w-3',
  checkId: 'endpoint-data-capture-kms',
  resourceArn: '*',
  reason: 'Capture bucket key rotated in Q1',
  createdAt: '2025-01-01T00:00:00.000Z',
  expiresAt: EXPIRED,
  status: 'expired',
  events: [
    {
      event: 'created',
      actor: 'user:default/carol',
      at: '2025-01-01T00:00:00.000Z',
      detail: 'Capture bucket key rotated in Q1',
    },
    { event: 'expired', at: EXPIRED },
  ],
};

function renderTab(api: ReturnType<typeof mockSecurityApi>) {
  return renderWithApis(<EntitySecurityContent scanPollIntervalMs={5} />, {
    api,
    entity: mlServiceEntity,
  });
}

const withScorecard = (overrides: Parameters<typeof mockSecurityApi>[0]) =>
  mockSecurityApi({
    getEntityScorecard: jest.fn(async () => scorecard),
    getResourceFindings: jest.fn(async () => ({
      resource: endpointResource,
      results: [],
    })),
    ...overrides,
  });

describe('waiver history', () => {
  it("shows a waived finding's history when asked: created, by whom, when, why", async () => {
    const api = withScorecard({
      getWaiver: jest.fn(async () => ({
        ...waiver,
        events: [revoked.events[0]],
      })),
    });
    await renderTab(api);
    const waived = await screen.findByRole('region', { name: 'Waived (1)' });
    // Not loaded until the reader opens it.
    expect(api.getWaiver).not.toHaveBeenCalled();
    await userEvent.click(
      within(waived).getByRole('button', { name: 'History' }),
    );
    const history = await within(waived).findByRole('list', {
      name: 'Waiver history',
    });
    expect(api.getWaiver).toHaveBeenCalledWith('w-1');
    expect(
      within(history).getByText(
        `Created by user:default/alice on ${new Date(
          waiver.createdAt,
        ).toLocaleString()}`,
      ),
    ).toBeInTheDocument();
    expect(within(history).getByText(`— ${waiver.reason}`)).toBeInTheDocument();
  });

  it('lists every waiver of the entity, revoked and expired included, each with its history', async () => {
    const byId = new Map([
      [revoked.id, revoked],
      [expired.id, expired],
    ]);
    const api = withScorecard({
      listWaivers: jest.fn(async () => [revoked, expired]),
      getWaiver: jest.fn(async (id: string) => byId.get(id)!),
    });
    await renderTab(api);
    const section = await screen.findByRole('region', { name: 'Waivers' });
    expect(api.listWaivers).not.toHaveBeenCalled();
    await userEvent.click(
      within(section).getByRole('button', { name: 'Show waivers' }),
    );
    await waitFor(() =>
      expect(api.listWaivers).toHaveBeenCalledWith({
        entityRef: 'component:default/fraud-scoring',
      }),
    );
    const rows = await within(section).findAllByRole('article');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText(/^Revoked:/)).toBeInTheDocument();
    expect(within(rows[1]).getByText(/^Expired:/)).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('Every resource of this entity'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(rows[0]).getByRole('button', { name: 'History' }),
    );
    const revokedHistory = await within(rows[0]).findByRole('list', {
      name: 'Waiver history',
    });
    expect(
      within(revokedHistory).getByText(
        `Revoked by user:default/bob on ${new Date(REVOKED).toLocaleString()}`,
      ),
    ).toBeInTheDocument();
    expect(
      within(revokedHistory).getByText('— Sandbox account closed'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(rows[1]).getByRole('button', { name: 'History' }),
    );
    const expiredHistory = await within(rows[1]).findByRole('list', {
      name: 'Waiver history',
    });
    // Expiry has no actor.
    expect(
      within(expiredHistory).getByText(
        `Expired on ${new Date(EXPIRED).toLocaleString()}`,
      ),
    ).toBeInTheDocument();
    expect(api.getWaiver).toHaveBeenCalledWith('w-2');
    expect(api.getWaiver).toHaveBeenCalledWith('w-3');
  });

  it('says when an entity has no waivers', async () => {
    const api = withScorecard({ listWaivers: jest.fn(async () => []) });
    await renderTab(api);
    const section = await screen.findByRole('region', { name: 'Waivers' });
    await userEvent.click(
      within(section).getByRole('button', { name: 'Show waivers' }),
    );
    expect(
      await within(section).findByText('This entity has no waivers.'),
    ).toBeInTheDocument();
  });

  it('lists the decided waiver requests with the decision and their trail', async () => {
    const denied: WaiverRequestWithEvents = {
      id: 'r-3',
      entityRef: 'component:default/fraud-scoring',
      checkId: 'endpoint-data-capture-kms',
      resourceArn: '*',
      reason: 'Capture bucket migrates to a CMK next sprint',
      expiresAt: '2099-01-31T23:59:59.000Z',
      requestedBy: 'user:development/guest',
      requestedAt: '2025-06-01T10:00:00.000Z',
      status: 'denied',
      decidedBy: 'user:default/erin.walsh',
      decidedAt: '2025-06-02T09:00:00.000Z',
      comment: 'Encrypt the bucket instead, it takes a day',
      events: [
        {
          event: 'requested',
          actor: 'user:development/guest',
          at: '2025-06-01T10:00:00.000Z',
          detail: 'Capture bucket migrates to a CMK next sprint',
        },
        {
          event: 'denied',
          actor: 'user:default/erin.walsh',
          at: '2025-06-02T09:00:00.000Z',
          detail: 'Encrypt the bucket instead, it takes a day',
        },
      ],
    };
    const { events: _, ...deniedRequest } = denied;
    const api = withScorecard({
      listWaivers: jest.fn(async () => []),
      listWaiverRequests: jest.fn(async () => ({
        items: [
          deniedRequest,
          { ...deniedRequest, id: 'r-4', status: 'pending' as const },
        ],
      })),
      getWaiverRequest: jest.fn(async () => denied),
    });
    await renderTab(api);
    const section = await screen.findByRole('region', { name: 'Waivers' });
    await userEvent.click(
      within(section).getByRole('button', { name: 'Show waivers' }),
    );
    const decided = await within(section).findByRole('region', {
      name: 'Decided requests (1)',
    });
    expect(api.listWaiverRequests).toHaveBeenCalledWith({
      entityRefs: ['component:default/fraud-scoring'],
    });
    const card = within(decided).getByRole('article', {
      name: /^Denied request: /,
    });
    expect(card).toHaveTextContent(
      `Denied by user:default/erin.walsh on ${new Date(
        '2025-06-02T09:00:00.000Z',
      ).toLocaleString()}: Encrypt the bucket instead, it takes a day`,
    );
    await userEvent.click(
      within(card).getByRole('button', { name: 'History' }),
    );
    const trail = await within(card).findByRole('list', {
      name: 'Request history',
    });
    expect(api.getWaiverRequest).toHaveBeenCalledWith('r-3');
    expect(trail).toHaveTextContent('Requested by user:development/guest');
    expect(trail).toHaveTextContent('Denied by user:default/erin.walsh');
  });
});
