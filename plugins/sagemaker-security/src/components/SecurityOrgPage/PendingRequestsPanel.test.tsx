import type {
  WaiverCapabilities,
  WaiverRequest,
} from '@mlsec/plugin-sagemaker-security-common';
import { screen, waitFor, within } from '@testing-library/react';
import { ENDPOINT_ARN, mockSecurityApi } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { PendingRequestsPanel } from './PendingRequestsPanel';

const request = (partial: Partial<WaiverRequest>): WaiverRequest => ({
  id: 'r-1',
  entityRef: 'component:default/fraud-scoring',
  checkId: 'endpoint-data-capture-kms',
  resourceArn: ENDPOINT_ARN,
  reason: 'Capture bucket migrates to a CMK next sprint',
  expiresAt: '2099-01-31T23:59:59.000Z',
  requestedBy: 'user:development/guest',
  requestedAt: '2025-06-01T10:00:00.000Z',
  status: 'pending',
  ...partial,
});

const capabilities = (approve: boolean): WaiverCapabilities => ({
  create: approve,
  request: true,
  approve,
  requireApproval: true,
});

jest.setTimeout(20_000);

describe('PendingRequestsPanel (org page)', () => {
  it('lists every readable pending request for an approver, each linking to the Security tab', async () => {
    const api = mockSecurityApi({
      listWaiverRequests: jest.fn(async () => ({
        items: [
          request({}),
          request({
            id: 'r-2',
            entityRef: 'component:default/credit-risk',
            checkId: 'notebook-root-access',
            resourceArn: '*',
            reason: 'Sandbox notebooks, no customer data',
            requestedBy: 'user:default/carla.rossi',
          }),
        ],
      })),
      getWaiverCapabilities: jest.fn(async entityRef =>
        capabilities(entityRef === 'component:default/fraud-scoring'),
      ),
    });
    await renderWithApis(<PendingRequestsPanel />, { api });

    const table = await screen.findByRole('table', {
      name: 'Pending waiver requests',
    });
    expect(api.listWaiverRequests).toHaveBeenCalledWith({ status: 'pending' });
    expect(
      screen.getByRole('heading', { name: 'Pending waiver requests (2)' }),
    ).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('user:development/guest');
    expect(rows[0]).toHaveTextContent(
      'Capture bucket migrates to a CMK next sprint',
    );
    expect(
      within(rows[0]).getByRole('link', { name: 'fraud-scoring' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scoring/sagemaker-security',
    );
    expect(rows[1]).toHaveTextContent('Every resource');
    expect(
      within(rows[1]).getByRole('link', { name: 'credit-risk' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/credit-risk/sagemaker-security',
    );
  });

  it('shows nothing to those who may approve none of them', async () => {
    const api = mockSecurityApi({
      listWaiverRequests: jest.fn(async () => ({ items: [request({})] })),
      getWaiverCapabilities: jest.fn(async () => capabilities(false)),
    });
    await renderWithApis(<PendingRequestsPanel />, { api });
    await waitFor(() =>
      expect(api.getWaiverCapabilities).toHaveBeenCalledWith(
        'component:default/fraud-scoring',
      ),
    );
    expect(
      screen.queryByRole('table', { name: 'Pending waiver requests' }),
    ).not.toBeInTheDocument();
  });

  it('shows why the requests could not be read', async () => {
    const api = mockSecurityApi({
      listWaiverRequests: jest.fn(async () => {
        throw new Error('requests unavailable');
      }),
    });
    await renderWithApis(<PendingRequestsPanel />, { api });
    expect(
      (await screen.findAllByText(/requests unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
