import { NotAllowedError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checks,
  emptyScorecard,
  ENDPOINT_ARN,
  endpointResource,
  mlServiceEntity,
  mockSecurityApi,
  sagemakerResourceEntity,
  scorecard,
  waiver,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

// usePermission caches answers per file: denied permissions are tested in
// EntitySecurityContent.denied.test.tsx.
import { EntitySecurityContent } from './EntitySecurityContent';

function renderTab(
  api: ReturnType<typeof mockSecurityApi>,
  options: { entity?: typeof mlServiceEntity; permissionApi?: any } = {},
) {
  return renderWithApis(<EntitySecurityContent scanPollIntervalMs={5} />, {
    api,
    entity: options.entity ?? mlServiceEntity,
    permissionApi: options.permissionApi,
  });
}

/** Decodes a "Fix with template" href into its path and form data. */
function decodeTemplateLink(href: string) {
  const url = new URL(href, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

// Dialogs and polling take a while on a busy machine.
jest.setTimeout(20_000);

describe('EntitySecurityContent', () => {
  it('shows progress while loading', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderTab(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledWith(
      'component:default/fraud-scoring',
    );
  });

  it('shows the error of a failed request', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => {
        throw new Error('backend exploded');
      }),
    });
    await renderTab(api);
    expect(
      (await screen.findAllByText(/backend exploded/)).length,
    ).toBeGreaterThan(0);
  });

  it('says clearly when the user may not view the scorecard', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => {
        throw new NotAllowedError('denied');
      }),
    });
    await renderTab(api);
    expect(
      await screen.findByText(
        "You don't have permission to view this scorecard",
      ),
    ).toBeInTheDocument();
  });

  it('explains how to link resources, with the annotation to copy', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => emptyScorecard),
    });
    await renderTab(api);
    expect(
      await screen.findByText('No SageMaker resources linked to this service'),
    ).toBeInTheDocument();
    const snippets = screen
      .getAllByText((_, element) => element?.tagName === 'CODE')
      .map(element => element.textContent);
    expect(snippets).toContain(
      'metadata:\n  annotations:\n    sagemaker.mlsec.io/tag-selector: ml-service=fraud-scoring',
    );
    expect(
      screen.getAllByText('ml-service=fraud-scoring').length,
    ).toBeGreaterThan(0);
  });

  it('explains an empty scorecard of a SageMaker Resource entity', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => ({
        ...emptyScorecard,
        entityRef: 'resource:default/fraud-scoring-prod',
      })),
    });
    await renderTab(api, { entity: sagemakerResourceEntity });
    expect(
      await screen.findByText(
        'No scan results for this SageMaker resource yet',
      ),
    ).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledWith(
      'resource:default/fraud-scoring-prod',
    );
  });

  it('shows grade, pillars, findings, evidence and resources', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: {
          ...endpointResource,
          description: {
            ProductionVariants: [{ InstanceType: 'ml.g5.xlarge' }],
          },
        },
        results: [],
      })),
    });
    await renderTab(api);

    expect(await screen.findByText('Grade D')).toBeInTheDocument();
    expect(screen.getByText('Score 62 / 100')).toBeInTheDocument();
    expect(
      screen.getByText(/Grade capped: a critical check fails/),
    ).toBeInTheDocument();

    // The four pillars, each with grade and counts in words.
    const encryption = screen.getByRole('region', {
      name: 'Encryption pillar',
    });
    expect(within(encryption).getByText('Grade E')).toBeInTheDocument();
    expect(
      within(encryption).getByText('1 failing · 2 passing'),
    ).toBeInTheDocument();
    expect(within(encryption).getByText('Fail')).toBeInTheDocument();
    const monitoring = screen.getByRole('region', {
      name: 'Monitoring pillar',
    });
    expect(within(monitoring).getByText('Not graded')).toBeInTheDocument();
    expect(
      within(monitoring).getByText('Could not evaluate'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Network pillar' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'IAM pillar' }),
    ).toBeInTheDocument();

    // A failing check: status in words, severity, message, evidence.
    const failing = screen.getByRole('article', { name: checks[0].title });
    expect(within(failing).getByText('Fail')).toBeInTheDocument();
    expect(within(failing).getByText('Critical')).toBeInTheDocument();
    expect(
      within(failing).getByText(/Data capture writes to S3 without/),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText(
        'DescribeEndpointConfig.DataCaptureConfig.KmsKeyId',
      ),
    ).toBeInTheDocument();
    expect(within(failing).getByText('null')).toBeInTheDocument();
    expect(
      within(failing).getByText(/endpoint-config\/fraud-scoring-prod-v3/),
    ).toBeInTheDocument();
    expect(
      within(failing).getByRole('link', { name: /AWS documentation/ }),
    ).toHaveAttribute('href', checks[0].remediation.docsUrl);

    // The unknown result is apart and names what could not be read.
    const unknownSection = screen.getByRole('region', {
      name: 'Could not evaluate (1)',
    });
    expect(
      within(unknownSection).getByText('kms:GetKeyRotationStatus'),
    ).toBeInTheDocument();

    // The waiver: reason, author, expiry.
    const waived = screen.getByRole('region', { name: 'Waived (1)' });
    expect(
      within(waived).getByText(`Reason: ${waiver.reason}`),
    ).toBeInTheDocument();
    expect(
      within(waived).getByText(
        new RegExp(
          `By user:default/alice on .*expires ${new Date(
            waiver.expiresAt,
          ).toLocaleDateString()}`.replace(/\//g, '\\/'),
        ),
      ),
    ).toBeInTheDocument();

    // Passing checks are listed compactly.
    const passing = screen.getByRole('table', {
      name: 'Passing and not applicable checks',
    });
    expect(within(passing).getByText('Pass')).toBeInTheDocument();

    // Resources behind the service.
    const resources = screen.getByRole('table', {
      name: 'SageMaker resources',
    });
    expect(within(resources).getByText('fraud-research')).toBeInTheDocument();
    expect(
      within(resources).getByText('kms:GetKeyRotationStatus'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /Score 58 on 2025-05-30 to 62 on 2025-06-01/,
      }),
    ).toBeInTheDocument();
  });

  it('prefills the remediation template from the failing resource', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: {
          ...endpointResource,
          description: {
            ProductionVariants: [{ InstanceType: 'ml.g5.xlarge' }],
          },
        },
        results: [],
      })),
    });
    await renderTab(api);

    const failing = await screen.findByRole('article', {
      name: checks[0].title,
    });
    const link = await within(failing).findByRole('link', {
      name: /Fix with template/,
    });
    const { path, formData } = decodeTemplateLink(link.getAttribute('href')!);
    expect(path).toBe('/create/templates/default/secure-sagemaker-endpoint');
    expect(formData).toEqual({
      endpointName: 'fraud-scoring-prod',
      awsAccountId: '111111111111',
      awsRegion: 'eu-west-1',
      costCenter: 'cc-42',
      instanceType: 'ml.g5.xlarge',
    });
    expect(api.getResourceFindings).toHaveBeenCalledWith(ENDPOINT_ARN);
    // Checks without a template have no template link.
    const warning = screen.getByRole('article', { name: checks[1].title });
    expect(
      within(warning).queryByRole('link', { name: /Fix with template/ }),
    ).not.toBeInTheDocument();
  });

  it('still links the template when the resource details cannot be read', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => {
        throw new NotAllowedError('denied');
      }),
    });
    await renderTab(api);
    const failing = await screen.findByRole('article', {
      name: checks[0].title,
    });
    const link = await within(failing).findByRole('link', {
      name: /Fix with template/,
    });
    const { formData } = decodeTemplateLink(link.getAttribute('href')!);
    expect(formData).toEqual({
      endpointName: 'fraud-scoring-prod',
      awsAccountId: '111111111111',
      awsRegion: 'eu-west-1',
      costCenter: 'cc-42',
    });
  });

  it('warns when the results are older than a failed scan', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => ({
        ...scorecard,
        stale: true,
        lastScan: {
          scanId: 'scan-8',
          status: 'partial' as const,
          startedAt: '2025-06-02T09:55:00.000Z',
          finishedAt: '2025-06-02T10:00:00.000Z',
        },
      })),
      getResourceFindings: jest.fn(async () => ({
        resource: endpointResource,
        results: [],
      })),
    });
    await renderTab(api);
    expect(
      await screen.findByText(/These results may be out of date/),
    ).toBeInTheDocument();
    const when = new Date('2025-06-02T10:00:00.000Z').toLocaleString();
    expect(
      screen.getByText(content =>
        content.includes(`(partial, ${when}) did not complete`),
      ),
    ).toBeInTheDocument();
  });

  it('lets a permitted user waive a failing check', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: endpointResource,
        results: [],
      })),
      createWaiver: jest.fn(async request => ({
        ...waiver,
        ...request,
        id: 'w-2',
      })),
    });
    await renderTab(api);

    const failing = await screen.findByRole('article', {
      name: checks[0].title,
    });
    await userEvent.click(
      await within(failing).findByRole('button', { name: 'Waive' }),
    );
    const dialog = await screen.findByRole('dialog');

    // A reason is required.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive' }),
    );
    expect(
      within(dialog).getByText('A reason is required.'),
    ).toBeInTheDocument();
    expect(api.createWaiver).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Capture bucket is encrypted with a bucket key' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: '2099-12-31' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive' }),
    );

    await waitFor(() =>
      expect(api.createWaiver).toHaveBeenCalledWith({
        entityRef: 'component:default/fraud-scoring',
        checkId: 'endpoint-data-capture-kms',
        resourceArn: ENDPOINT_ARN,
        reason: 'Capture bucket is encrypted with a bucket key',
        expiresAt: '2099-12-31T23:59:59.000Z',
      }),
    );
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
  });

  it('lets a permitted user revoke a waiver', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: endpointResource,
        results: [],
      })),
      revokeWaiver: jest.fn(async () => ({
        ...waiver,
        status: 'revoked' as const,
      })),
    });
    await renderTab(api);
    const waived = await screen.findByRole('region', { name: 'Waived (1)' });
    await userEvent.click(
      await within(waived).findByRole('button', { name: 'Revoke waiver' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Sandbox closed' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke waiver' }),
    );
    await waitFor(() =>
      expect(api.revokeWaiver).toHaveBeenCalledWith('w-1', 'Sandbox closed'),
    );
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
  });

  it('rescans with progress and reloads when the scan ends', async () => {
    const running = {
      id: 'scan-9',
      trigger: 'manual' as const,
      status: 'running' as const,
      startedAt: '2025-06-02T10:00:00.000Z',
      targets: [
        {
          accountId: '1',
          region: 'eu-west-1',
          status: 'succeeded' as const,
          resourceCount: 3,
          errorCount: 0,
          errors: [],
        },
        {
          accountId: '1',
          region: 'us-east-1',
          status: 'running' as const,
          resourceCount: 0,
          errorCount: 0,
          errors: [],
        },
      ],
    };
    const finished = {
      ...running,
      status: 'succeeded' as const,
      finishedAt: '2025-06-02T10:05:00.000Z',
      targets: running.targets.map(t => ({
        ...t,
        status: 'succeeded' as const,
      })),
    };
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: endpointResource,
        results: [],
      })),
      startScan: jest.fn(async () => running),
      getScan: jest
        .fn()
        .mockResolvedValueOnce(running)
        .mockImplementation(async () => {
          await gate;
          return finished;
        }),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );

    expect(
      await screen.findByText('Scan running: 50% of targets done'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Scan progress' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByRole('button', { name: 'Scanning…' })).toBeDisabled();

    release();
    expect(await screen.findByText('Scan succeeded')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
    expect(api.getScan).toHaveBeenCalledWith('scan-9');
  });

  it('reports a scan that could not start', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: endpointResource,
        results: [],
      })),
      startScan: jest.fn(async () => {
        throw new Error('a scan is already running');
      }),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );
    expect(
      await screen.findByText('Could not scan: a scan is already running'),
    ).toBeInTheDocument();
  });
});
