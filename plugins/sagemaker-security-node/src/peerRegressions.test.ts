/**
 * Regression cases for the false verdicts peers' users reported (issue 16,
 * the survey in sagemaker-surface-2026.md §3), each named after the bug it
 * guards against. The Prowler RootAccess bug, Checkov's absent
 * DirectInternetAccess and Prowler's serverless variants are pinned in
 * traps.test.ts.
 */
import { defaultChecks } from './checks';
import {
  ACCOUNT,
  contextFor,
  endpointConfig,
  jobDefinition,
  KEY_ARN,
  kmsAliases,
  kmsKey,
  model,
  monitoringSchedule,
  notebook,
  REGION,
  undescribable,
} from './testing/fixtures';
import { SecurityCheck } from './types';

const check = (id: string): SecurityCheck =>
  defaultChecks.find(item => item.id === id)!;
const run = (id: string, ...args: Parameters<typeof contextFor>) =>
  check(id).evaluate(contextFor(...args));

const PRIVATE_IMAGE = {
  Image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/model:1`,
  ImageConfig: { RepositoryAccessMode: 'Vpc' },
};

describe('peer bugs we must never repeat', () => {
  it('AWS sample #50: an AWS managed key given by its key ARN does not pass as customer managed (substring "aws/sagemaker" test)', () => {
    const awsManagedId = '0000aaaa-00aa-00aa-00aa-000000aaaaaa';
    const awsManagedArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${awsManagedId}`;
    const awsManaged = kmsKey({ keyManager: 'AWS' }, { arn: awsManagedArn });
    for (const reference of [awsManagedArn, 'alias/aws/sagemaker']) {
      const outcome = run(
        'kms-keys-customer-managed',
        notebook({ KmsKeyId: reference }),
        {
          facts: [
            awsManaged,
            kmsAliases({ 'alias/aws/sagemaker': awsManagedId }),
          ],
        },
      );
      expect({ reference, status: outcome.status }).toEqual({
        reference,
        status: 'fail',
      });
    }
    // The same notebook with a customer managed key passes.
    expect(
      run('kms-keys-customer-managed', notebook({ KmsKeyId: KEY_ARN }), {
        facts: [kmsKey()],
      }).status,
    ).toBe('pass');
  });

  it('AWS sample #50: a multi-container model has no phantom primary container', () => {
    const multiContainer = model({
      Containers: [PRIVATE_IMAGE, { ...PRIVATE_IMAGE, Image: 'x' }],
    });
    expect(
      run('model-primary-container-private-registry', multiContainer).status,
    ).toBe('not_applicable');
    expect(
      run('model-containers-private-registry', multiContainer).status,
    ).toBe('pass');
  });

  it('AWS sample #50: a monitoring schedule that names its job definition is not failed for the inline settings it does not have', () => {
    const named = monitoringSchedule({
      MonitoringScheduleConfig: {
        MonitoringJobDefinitionName: 'dq',
        MonitoringType: 'DataQuality',
      },
    });
    for (const id of [
      'monitoring-schedule-network-isolation',
      'monitoring-schedule-inter-container-encryption',
    ]) {
      expect({ id, status: run(id, named).status }).toEqual({
        id,
        status: 'not_applicable',
      });
    }
    // The named definition carries the settings and is judged itself.
    const definition = jobDefinition('data-quality-job-definition', {
      NetworkConfig: {
        EnableNetworkIsolation: true,
        EnableInterContainerTrafficEncryption: true,
      },
    });
    expect(run('data-quality-job-network-isolation', definition).status).toBe(
      'pass',
    );
    expect(
      run('data-quality-job-inter-container-encryption', definition).status,
    ).toBe('pass');
  });

  it('AWS sample #50: a serverless endpoint is not failed for its instance count', () => {
    const serverless = endpointConfig({
      ProductionVariants: [
        {
          VariantName: 'v',
          ModelName: 'm',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
    });
    expect(run('endpoint-config-multiple-instances', serverless).status).toBe(
      'not_applicable',
    );
  });

  it('CloudSploit #1621: notebook verdicts come from DescribeNotebookInstance, never from list-only defaults', () => {
    // Described: judged on the fields ListNotebookInstances does not return.
    const described = notebook({
      SubnetId: 'subnet-1',
      DirectInternetAccess: 'Disabled',
      KmsKeyId: KEY_ARN,
    });
    expect(run('notebook-in-vpc', described).status).toBe('pass');
    expect(run('notebook-direct-internet-access', described).status).toBe(
      'pass',
    );
    expect(run('notebook-volume-kms-key', described).status).toBe('pass');
    // Not described: unknown, naming the call, neither "every notebook
    // fails" nor "every notebook passes".
    const summaryOnly = undescribable('notebook-instance');
    for (const id of [
      'notebook-in-vpc',
      'notebook-direct-internet-access',
      'notebook-volume-kms-key',
    ]) {
      expect({ id, outcome: run(id, summaryOnly) }).toMatchObject({
        id,
        outcome: {
          status: 'unknown',
          missing: ['sagemaker:DescribeNotebookInstance'],
        },
      });
    }
  });
});
