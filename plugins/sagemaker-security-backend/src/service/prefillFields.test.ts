import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { toCheckMetadata } from './checkMetadata';
import { prefillPaths, projectDescription } from './prefillFields';

const checks = defaultChecks.map(toCheckMetadata);

describe('the Describe* fields a resource answer carries', () => {
  it('are exactly those the remediation templates of its checks prefill', () => {
    const description = {
      EndpointConfigName: 'ep-config',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'fraud-model',
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1,
        },
        { VariantName: 'Shadow', ModelName: 'other', InstanceType: 'ml.c5' },
      ],
      KmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/abc',
      DataCaptureConfig: { DestinationS3Uri: 's3://capture/' },
    };
    expect(
      projectDescription(description, prefillPaths(checks, 'endpoint-config')),
    ).toEqual({
      ProductionVariants: [
        { ModelName: 'fraud-model', InstanceType: 'ml.m5.large' },
      ],
    });
  });

  it('never include configuration the templates do not read, such as environment variables', () => {
    const description = {
      ModelName: 'leaky',
      PrimaryContainer: {
        Image: 'image',
        Environment: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG' },
      },
      ExecutionRoleArn: 'arn:aws:iam::111111111111:role/r',
    };
    const projected = projectDescription(
      description,
      prefillPaths(checks, 'model'),
    );
    expect(JSON.stringify(projected ?? {})).not.toContain('wJalrXUtn');
    expect(projected).toBeUndefined();
  });

  it('leave out paths that are absent or not a single value', () => {
    expect(
      projectDescription({ InstanceType: { nested: true } }, [
        ['InstanceType'],
        ['Missing', '0'],
      ]),
    ).toBeUndefined();
    expect(
      projectDescription({ InstanceType: 'ml.t3.medium', Other: 1 }, [
        ['InstanceType'],
      ]),
    ).toEqual({ InstanceType: 'ml.t3.medium' });
    expect(prefillPaths(checks, 'notebook-instance')).toContainEqual([
      'InstanceType',
    ]);
  });
});
