import { screen, within } from '@testing-library/react';
import type { ExternalFinding } from '@mlsec/plugin-sagemaker-security-common';
import {
  ENDPOINT_ARN,
  mlServiceEntity,
  mockSecurityApi,
  NOTEBOOK_ARN,
  scorecard,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityContent } from './EntitySecurityContent';

jest.setTimeout(20_000);

const base = {
  accountId: '111111111111',
  region: 'eu-west-1',
  importedAt: '2026-12-07T10:00:00.000Z',
};

const duplicate: ExternalFinding = {
  ...base,
  source: 'security-hub',
  sourceId: 'hub-1',
  resourceArn: ENDPOINT_ARN,
  controlId: 'SageMaker.99',
  title: 'Data capture should be encrypted',
  severity: 'high',
  status: 'failed',
  duplicateOf: 'endpoint-data-capture-kms',
};

const prowlerOnly: ExternalFinding = {
  ...base,
  source: 'prowler',
  sourceId: 'prowler-1',
  resourceArn: NOTEBOOK_ARN,
  controlId:
    'sagemaker_notebook_instance_without_direct_internet_access_configured',
  title: 'Check if SageMaker notebook instances have direct internet access',
  severity: 'medium',
  status: 'failed',
  remediationUrl:
    'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
  lastObservedAt: '2026-12-06T10:00:00.000Z',
};

const hubOnly: ExternalFinding = {
  ...base,
  source: 'security-hub',
  sourceId: 'hub-2',
  resourceArn: ENDPOINT_ARN,
  controlId: 'SageMaker.4',
  title:
    'Endpoint production variants should have an initial instance count greater than 1',
  severity: 'medium',
  status: 'passed',
};

function renderTab(findings: ExternalFinding[] | Error) {
  const api = mockSecurityApi({
    getEntityScorecard: jest.fn(async () => scorecard),
    listExternalFindings: jest.fn(async () => {
      if (findings instanceof Error) throw findings;
      return findings;
    }),
  });
  return {
    api,
    rendered: renderWithApis(<EntitySecurityContent />, {
      api,
      entity: mlServiceEntity,
    }),
  };
}

const section = async () =>
  within(
    (
      await screen.findByRole('heading', { name: /Findings from other tools/ })
    ).closest('section')!,
  );

describe('Findings from other tools on the Security tab', () => {
  it('lists them labelled by source, severity, status, control, resource and remediation', async () => {
    const { api } = renderTab([duplicate, prowlerOnly, hubOnly]);
    const list = await section();
    expect(await list.findByText(prowlerOnly.title)).toBeInTheDocument();
    expect(api.listExternalFindings).toHaveBeenCalledWith(
      'component:default/fraud-scoring',
    );
    const prowler = list.getByRole('article', { name: prowlerOnly.title });
    expect(within(prowler).getByText('Prowler')).toBeInTheDocument();
    expect(within(prowler).getByText('Failed')).toBeInTheDocument();
    expect(within(prowler).getByText('Medium')).toBeInTheDocument();
    expect(
      within(prowler).getByText(prowlerOnly.controlId),
    ).toBeInTheDocument();
    expect(within(prowler).getByText(NOTEBOOK_ARN)).toBeInTheDocument();
    expect(
      within(prowler).getByRole('link', { name: /Remediation \(Prowler\)/ }),
    ).toHaveAttribute('href', prowlerOnly.remediationUrl);
    const hub = list.getByRole('article', { name: hubOnly.title });
    expect(within(hub).getByText('Security Hub')).toBeInTheDocument();
    expect(within(hub).getByText('Passed')).toBeInTheDocument();
    // The duplicate is not listed separately...
    expect(list.queryByText(duplicate.title)).not.toBeInTheDocument();
    expect(
      list.getByRole('heading', { name: 'Findings from other tools (2)' }),
    ).toBeInTheDocument();
  });

  it('shows a duplicate on our own result instead', async () => {
    renderTab([duplicate]);
    const ours = await screen.findByRole('article', {
      name: 'Endpoint data capture is encrypted with a customer managed key',
    });
    expect(
      await within(ours).findByText(
        'Also reported by Security Hub (SageMaker.99)',
      ),
    ).toBeInTheDocument();
    const list = await section();
    expect(
      list.getByText(
        /Every finding of Security Hub and Prowler on these resources is also one of the checks above/,
      ),
    ).toBeInTheDocument();
  });

  it('says when there are none, and when they cannot be loaded, without hiding our results', async () => {
    const { rendered } = renderTab([]);
    await rendered;
    expect(
      (await section()).getByText(/No findings from Security Hub or Prowler/),
    ).toBeInTheDocument();
  });

  it('keeps the tab when the findings cannot be loaded', async () => {
    renderTab(new Error('backend is older'));
    const list = await section();
    expect(
      await list.findByText(
        'Findings from other tools could not be loaded: backend is older',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('article', {
        name: 'Endpoint data capture is encrypted with a customer managed key',
      }),
    ).toBeInTheDocument();
  });
});
