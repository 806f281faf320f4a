import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { toCheckMetadata } from './checkMetadata';

const metadata = (id: string) =>
  toCheckMetadata(defaultChecks.find(check => check.id === id)!);

describe('toCheckMetadata', () => {
  it('adds the peer control ids of the parity table to the declared references', () => {
    const { references } = metadata('notebook-direct-internet-access');
    expect(references.securityHub).toEqual(['SageMaker.1']);
    expect(references.securityHubAiStandard).toEqual(['SageMaker.1']);
    expect(references.awsSample).toEqual(['SM-01']);
    expect(references.cloudsploit).toEqual(['notebookDirectInternetAccess']);
    expect(references.prowler).toEqual([
      'sagemaker_notebook_instance_without_direct_internet_access_configured',
    ]);
    expect(references.seed.pillar).toBeTruthy();
  });

  it('keeps the declared ids first and adds each peer id once', () => {
    const check = defaultChecks.find(
      item => item.id === 'kms-keys-customer-managed',
    )!;
    const { references } = toCheckMetadata(check);
    expect(references.securityHub).toEqual([
      ...(check.references.securityHub ?? []),
      'SageMaker.23',
      'SageMaker.24',
    ]);
    expect(references.powerpipe).toEqual([
      'sagemaker_notebook_instance_encrypted_with_kms_cmk',
    ]);
    expect(references.checkov).toEqual(['CKV_AWS_22']);
    expect(check.references.checkov).toBeUndefined();
  });

  it('leaves a check no peer control maps to as declared', () => {
    const check = defaultChecks.find(
      item => item.id === 'hyperpod-cluster-node-recovery-automatic',
    )!;
    expect(toCheckMetadata(check).references).toEqual(check.references);
  });
});
