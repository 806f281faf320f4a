import { NotAllowedError } from '@backstage/errors';
import type {
  WaiverCapabilities,
  WaiverRequest,
} from '@mlsec/plugin-sagemaker-security-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checks,
  ENDPOINT_ARN,
  mlServiceEntity,
  mockSecurityApi,
  scorecard,
  waiver,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityContent } from './EntitySecurityContent';
import { isoDate } from './WaiverDialogs';

// The Security tab's waiver requests (issue 18, item 2). The signed-in user
// of the test app is user:default/test.
const ME = 'user:default/test';
const OWNER: WaiverCapabilities = {
  create: false,
  request: true,
  approve: false,
  requireApproval: true,
};
const SECURITY: WaiverCapabilities = {
  create: true,
  request: true,
  approve: true,
  requireApproval: true,
};
const FAILING_TITLE = checks[0].title;

function pendingRequest(partial: Partial<WaiverRequest> = {}): WaiverRequest {
  return {
    id: 'r-1',
    entityRef: 'component:default/fraud-scoring',
    checkId: 'endpoint-data-capture-kms',
    resourceArn: ENDPOINT_ARN,
    reason: 'Capture bucket migrates to a CMK next sprint',
    expiresAt: '2099-01-31T23:59:59.000Z',
    requestedBy: 'user:default/bob.okafor',
    requestedAt: '2025-06-01T10:00:00.000Z',
    status: 'pending',
    ...partial,
  };
}

function api(
  capabilities: WaiverCapabilities,
  requests: WaiverRequest[] = [],
  overrides: Parameters<typeof mockSecurityApi>[0] = {},
) {
  let items = requests;
  const mock = mockSecurityApi({
    getEntityScorecard: jest.fn(async () => scorecard),
    getWaiverCapabilities: jest.fn(async () => capabilities),
    listWaiverRequests: jest.fn(async () => ({ items })),
    ...overrides,
  });
  /** What the next list answers (after a decision). */
  const setRequests = (next: WaiverRequest[]) => {
    items = next;
  };
  return { mock, setRequests };
}

const renderTab = (mock: ReturnType<typeof mockSecurityApi>) =>
  renderWithApis(<EntitySecurityContent />, {
    api: mock,
    entity: mlServiceEntity,
  });

async function failingFinding() {
  return screen.findByRole('article', { name: FAILING_TITLE });
}

jest.setTimeout(30_000);

describe('waiver requests on the Security tab', () => {
  it('offers owners "Request waiver" and no "Waive" when approval is required', async () => {
    const { mock } = api(OWNER);
    await renderTab(mock);
    const finding = await failingFinding();
    expect(
      await within(finding).findByRole('button', { name: 'Request waiver' }),
    ).toBeInTheDocument();
    expect(
      within(finding).queryByRole('button', { name: 'Waive' }),
    ).not.toBeInTheDocument();
    expect(mock.getWaiverCapabilities).toHaveBeenCalledWith(
      'component:default/fraud-scoring',
    );
  });

  it('offers the security group "Waive" and no request', async () => {
    const { mock } = api(SECURITY);
    await renderTab(mock);
    const finding = await failingFinding();
    expect(
      await within(finding).findByRole('button', { name: 'Waive' }),
    ).toBeInTheDocument();
    expect(
      within(finding).queryByRole('button', { name: 'Request waiver' }),
    ).not.toBeInTheDocument();
  });

  it('offers no waiver action when the capabilities cannot be read', async () => {
    const { mock } = api(OWNER, [], {
      getWaiverCapabilities: jest.fn(async () => {
        throw new Error('capabilities unavailable');
      }),
    });
    await renderTab(mock);
    const finding = await failingFinding();
    await waitFor(() => expect(mock.getWaiverCapabilities).toHaveBeenCalled());
    expect(
      within(finding).queryByRole('button', { name: 'Request waiver' }),
    ).not.toBeInTheDocument();
    expect(
      within(finding).queryByRole('button', { name: 'Waive' }),
    ).not.toBeInTheDocument();
  });

  it('validates a request, sends it, and shows it pending with Withdraw', async () => {
    const sent = pendingRequest({ id: 'r-9', requestedBy: ME });
    const { mock, setRequests } = api(OWNER, [], {
      requestWaiver: jest.fn(async body => {
        setRequests([{ ...sent, ...body }]);
        return { ...sent, ...body };
      }),
    });
    await renderTab(mock);
    await userEvent.click(
      await within(await failingFinding()).findByRole('button', {
        name: 'Request waiver',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const send = within(dialog).getByRole('button', { name: 'Send request' });

    // Too short a reason, then an expiry beyond the maximum (90 days).
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'later' },
    });
    await userEvent.click(send);
    expect(
      within(dialog).getByText('The reason must have at least 10 characters.'),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Capture bucket migrates to a CMK next sprint' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Waive until/), {
      target: { value: isoDate(91) },
    });
    await userEvent.click(send);
    expect(
      within(dialog).getByText(/at most 90 days ahead/),
    ).toBeInTheDocument();
    expect(mock.requestWaiver).not.toHaveBeenCalled();

    const until = isoDate(60);
    fireEvent.change(within(dialog).getByLabelText(/Waive until/), {
      target: { value: until },
    });
    await userEvent.click(send);
    await waitFor(() =>
      expect(mock.requestWaiver).toHaveBeenCalledWith({
        entityRef: 'component:default/fraud-scoring',
        checkId: 'endpoint-data-capture-kms',
        resourceArn: ENDPOINT_ARN,
        reason: 'Capture bucket migrates to a CMK next sprint',
        expiresAt: `${until}T23:59:59.000Z`,
      }),
    );

    // Pending: listed with Withdraw, and noted on the finding.
    const section = await screen.findByRole('region', {
      name: 'Pending waiver requests (1)',
    });
    const request = within(section).getByRole('article', {
      name: `Waiver request: ${FAILING_TITLE}`,
    });
    expect(
      await within(request).findByRole('button', { name: 'Withdraw' }),
    ).toBeInTheDocument();
    expect(
      within(request).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    const finding = await failingFinding();
    expect(
      within(finding).getByText('Waiver requested, pending approval'),
    ).toBeInTheDocument();
    expect(
      within(finding).queryByRole('button', { name: 'Request waiver' }),
    ).not.toBeInTheDocument();
  });

  it('shows why the backend refused a request', async () => {
    const { mock } = api(OWNER, [], {
      requestWaiver: jest.fn(async () => {
        throw new NotAllowedError('not an owner of the entity');
      }),
    });
    await renderTab(mock);
    await userEvent.click(
      await within(await failingFinding()).findByRole('button', {
        name: 'Request waiver',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Capture bucket migrates to a CMK next sprint' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(
      await within(dialog).findByText('not an owner of the entity'),
    ).toBeInTheDocument();
  });

  it('lets an approver approve with a comment; the request leaves the list and the scorecard reloads', async () => {
    const request = pendingRequest();
    const { mock, setRequests } = api(SECURITY, [request], {
      approveWaiverRequest: jest.fn(async (_id, comment) => {
        setRequests([]);
        return {
          request: { ...request, status: 'approved' as const, comment },
          waiver: { ...waiver, id: 'w-7' },
        };
      }),
    });
    await renderTab(mock);
    const section = await screen.findByRole('region', {
      name: 'Pending waiver requests (1)',
    });
    const card = within(section).getByRole('article', {
      name: `Waiver request: ${FAILING_TITLE}`,
    });
    expect(card).toHaveTextContent('Requested by user:default/bob.okafor on');
    expect(card).toHaveTextContent(
      'Reason: Capture bucket migrates to a CMK next sprint',
    );
    expect(
      within(card).queryByRole('button', { name: 'Withdraw' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(card).getByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'Until the CMK migration' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(mock.approveWaiverRequest).toHaveBeenCalledWith(
        'r-1',
        'Until the CMK migration',
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: /^Pending waiver requests/ }),
      ).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(mock.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
  });

  it('requires a comment to deny, then denies', async () => {
    const request = pendingRequest();
    const { mock, setRequests } = api(SECURITY, [request], {
      denyWaiverRequest: jest.fn(async (_id, comment) => {
        setRequests([]);
        return { request: { ...request, status: 'denied' as const, comment } };
      }),
    });
    await renderTab(mock);
    const card = await screen.findByRole('article', {
      name: `Waiver request: ${FAILING_TITLE}`,
    });
    await userEvent.click(
      await within(card).findByRole('button', { name: 'Deny' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect(
      within(dialog).getByText(/needs a comment of at least 10 characters/),
    ).toBeInTheDocument();
    expect(mock.denyWaiverRequest).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'Encrypt the bucket instead, it takes a day' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    await waitFor(() =>
      expect(mock.denyWaiverRequest).toHaveBeenCalledWith(
        'r-1',
        'Encrypt the bucket instead, it takes a day',
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('article', {
          name: `Waiver request: ${FAILING_TITLE}`,
        }),
      ).not.toBeInTheDocument(),
    );
  });

  it('keeps the request and shows the error when a decision fails', async () => {
    const { mock } = api(SECURITY, [pendingRequest()], {
      approveWaiverRequest: jest.fn(async () => {
        throw new Error('The request was already decided');
      }),
    });
    await renderTab(mock);
    const card = await screen.findByRole('article', {
      name: `Waiver request: ${FAILING_TITLE}`,
    });
    await userEvent.click(
      within(card).getByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(
      await within(dialog).findByText('The request was already decided'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('region', { name: 'Pending waiver requests (1)' }),
    ).toBeInTheDocument();
  });

  it('never offers requesters a decision on their own request, but Withdraw', async () => {
    const own = pendingRequest({ requestedBy: ME });
    const { mock, setRequests } = api(SECURITY, [own], {
      withdrawWaiverRequest: jest.fn(async () => {
        setRequests([]);
        return { request: { ...own, status: 'withdrawn' as const } };
      }),
    });
    await renderTab(mock);
    const card = await screen.findByRole('article', {
      name: `Waiver request: ${FAILING_TITLE}`,
    });
    const withdraw = await within(card).findByRole('button', {
      name: 'Withdraw',
    });
    expect(
      within(card).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      within(card).queryByRole('button', { name: 'Deny' }),
    ).not.toBeInTheDocument();
    await userEvent.click(withdraw);
    await waitFor(() =>
      expect(mock.withdrawWaiverRequest).toHaveBeenCalledWith('r-1'),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: /^Pending waiver requests/ }),
      ).not.toBeInTheDocument(),
    );
  });

  it('shows when the pending requests cannot be read', async () => {
    const { mock } = api(OWNER, [], {
      listWaiverRequests: jest.fn(async () => {
        throw new Error('requests unavailable');
      }),
    });
    await renderTab(mock);
    expect(
      (await screen.findAllByText(/requests unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
