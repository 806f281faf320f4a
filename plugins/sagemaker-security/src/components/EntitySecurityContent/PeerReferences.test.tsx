import { screen, within } from '@testing-library/react';
import type { CheckMetadata } from '@mlsec/plugin-sagemaker-security-common';
import {
  checks,
  endpointResource,
  mlServiceEntity,
  mockSecurityApi,
  scorecard,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityContent } from './EntitySecurityContent';

jest.setTimeout(20_000);

/** The failing check of the fixtures, with the peer controls it answers. */
const withPeers: CheckMetadata = {
  ...checks[0],
  references: {
    seed: { pillar: 'encryption', phases: ['deployment'] },
    securityHub: ['SageMaker.24'],
    prowler: ['sagemaker_endpoint_config_kms_encryption_enabled'],
    checkov: ['CKV_AWS_98'],
    awsSample: ['SM-05'],
    powerpipe: ['sagemaker_endpoint_configuration_encryption_at_rest_enabled'],
  },
};

function renderTab() {
  const api = mockSecurityApi({
    listChecks: jest.fn(async () => [withPeers, ...checks.slice(1)]),
    getEntityScorecard: jest.fn(async () => scorecard),
    getResourceFindings: jest.fn(async () => ({
      resource: endpointResource,
      results: [],
    })),
  });
  return renderWithApis(<EntitySecurityContent scanPollIntervalMs={5} />, {
    api,
    entity: mlServiceEntity,
  });
}

describe('peer controls on a finding', () => {
  it("names the other tools' controls the failing check answers, beside its remediation", async () => {
    await renderTab();
    const failing = await screen.findByRole('article', {
      name: withPeers.title,
    });
    const line = within(failing).getByText('SageMaker.24').closest('p');
    expect(line?.textContent).toBe(
      'Peers: Security Hub SageMaker.24, ' +
        'Prowler sagemaker_endpoint_config_kms_encryption_enabled, ' +
        'Checkov CKV_AWS_98, AWS sample SM-05, ' +
        'Powerpipe sagemaker_endpoint_configuration_encryption_at_rest_enabled',
    );
    // The ids are code, so they can be copied into a report as they are.
    expect(within(failing).getByText('CKV_AWS_98').tagName).toBe('CODE');
    expect(
      within(failing).getByRole('link', { name: /AWS documentation/ }),
    ).toBeInTheDocument();
  });

  it('shows no peer line for a check that no other tool has', async () => {
    await renderTab();
    const unknown = await screen.findByRole('article', {
      name: checks[2].title,
    });
    expect(
      within(unknown).getByText(/Enable automatic rotation/),
    ).toBeVisible();
    expect(within(unknown).queryByText(/^Peers:/)).not.toBeInTheDocument();
  });
});
