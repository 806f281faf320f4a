/**
 * The correctness traps other tools fall into (see the check catalogue §1.2),
 * each pinned by its own test.
 */
import { defaultChecks } from './checks';
import { hasLocalInstanceStorage } from './checks/support/instanceTypes';
import { evaluateResource } from './engine';
import {
  deniesInsecureTransport,
  isActionAllowed,
  parsePolicyDocument,
} from './policy';
import {
  ACCOUNT,
  bucket,
  collectionError,
  contextFor,
  endpointConfig,
  fact,
  jobDefinition,
  KEY_ARN,
  KEY_ID,
  kmsAliases,
  kmsKey,
  notebook,
  processingJob,
  REGION,
  role,
  trainingJob,
  transformJob,
} from './testing/fixtures';
import { SecurityCheck } from './types';

const check = (id: string): SecurityCheck =>
  defaultChecks.find(item => item.id === id)!;
const run = (id: string, ...args: Parameters<typeof contextFor>) =>
  check(id).evaluate(contextFor(...args));

describe('correctness traps', () => {
  it('reads DirectInternetAccess, not RootAccess (Prowler reads RootAccess)', () => {
    const internetOnRootOff = notebook({
      DirectInternetAccess: 'Enabled',
      RootAccess: 'Disabled',
    });
    const internetOffRootOn = notebook({
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Enabled',
    });
    expect(
      run('notebook-direct-internet-access', internetOnRootOff).status,
    ).toBe('fail');
    expect(
      run('notebook-direct-internet-access', internetOffRootOn).status,
    ).toBe('pass');
    expect(run('notebook-root-access-disabled', internetOnRootOff).status).toBe(
      'pass',
    );
    expect(run('notebook-root-access-disabled', internetOffRootOn).status).toBe(
      'fail',
    );
  });

  it('treats an absent DirectInternetAccess or RootAccess as Enabled (Checkov passes it)', () => {
    const bare = notebook();
    expect(run('notebook-direct-internet-access', bare)).toMatchObject({
      status: 'fail',
      evidence: [{ observed: undefined, expected: 'Disabled' }],
    });
    expect(run('notebook-root-access-disabled', bare)).toMatchObject({
      status: 'fail',
      evidence: [{ observed: undefined, expected: 'Disabled' }],
    });
  });

  it('requires both OutputDataConfig.KmsKeyId and ResourceConfig.VolumeKmsKeyId for training', () => {
    const volumeOnly = trainingJob({
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', VolumeKmsKeyId: KEY_ARN },
    });
    const outputOnly = trainingJob({ OutputDataConfig: { KmsKeyId: KEY_ARN } });
    const both = trainingJob({
      OutputDataConfig: { KmsKeyId: KEY_ARN },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', VolumeKmsKeyId: KEY_ARN },
    });
    expect(
      run('training-job-output-and-volume-kms-keys', volumeOnly).status,
    ).toBe('fail');
    expect(
      run('training-job-output-and-volume-kms-keys', outputOnly).status,
    ).toBe('fail');
    expect(run('training-job-output-and-volume-kms-keys', both).status).toBe(
      'pass',
    );
  });

  describe('Nitro instance types with local NVMe storage are not_applicable to volume keys', () => {
    it.each([
      'ml.m5d.large',
      'ml.c5d.xlarge',
      'ml.r5d.2xlarge',
      'ml.g4dn.xlarge',
      'ml.g5.12xlarge',
      'ml.p3dn.24xlarge',
      'ml.p4d.24xlarge',
      'ml.p4de.24xlarge',
      'ml.p5.48xlarge',
      'ml.trn1.32xlarge',
    ])('%s has local storage', type =>
      expect(hasLocalInstanceStorage(type)).toBe(true),
    );
    it.each([
      'ml.m5.large',
      'ml.c5.xlarge',
      'ml.p3.2xlarge',
      'ml.inf2.xlarge',
      'ml.t3.medium',
      'ml.g4.x',
      'bogus',
    ])('%s has no local storage', type =>
      expect(hasLocalInstanceStorage(type)).toBe(false),
    );

    it('for endpoint configurations', () => {
      const config = endpointConfig({
        ProductionVariants: [
          {
            VariantName: 'v',
            InstanceType: 'ml.g4dn.xlarge',
            InitialInstanceCount: 2,
          },
        ],
      });
      expect(run('endpoint-config-volume-kms-key', config).status).toBe(
        'not_applicable',
      );
    });

    it('for the volume part of job keys (the output key is still required)', () => {
      const local = { InstanceType: 'ml.p4d.24xlarge', InstanceCount: 1 };
      expect(
        run(
          'processing-job-output-and-volume-kms-keys',
          processingJob({ ProcessingResources: { ClusterConfig: local } }),
        ).status,
      ).toBe('not_applicable');
      expect(
        run(
          'transform-job-output-and-volume-kms-keys',
          transformJob({
            TransformResources: local,
            TransformOutput: { KmsKeyId: KEY_ARN },
          }),
        ).status,
      ).toBe('pass');
      expect(
        run(
          'transform-job-output-and-volume-kms-keys',
          transformJob({ TransformResources: local, TransformOutput: {} }),
        ).status,
      ).toBe('fail');
      expect(
        run(
          'monitoring-job-output-and-volume-kms-keys',
          jobDefinition('data-quality-job-definition', {
            DataQualityJobOutputConfig: { KmsKeyId: KEY_ARN },
            JobResources: {
              ClusterConfig: {
                InstanceType: 'ml.m5d.xlarge',
                InstanceCount: 1,
              },
            },
          }),
        ).status,
      ).toBe('pass');
    });
  });

  it('treats serverless variants as not_applicable to instance-count checks (Prowler fails them)', () => {
    const serverless = endpointConfig({
      ProductionVariants: [
        {
          VariantName: 'v',
          ModelName: 'm',
          ServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 10 },
        },
      ],
    });
    expect(run('endpoint-config-multiple-instances', serverless).status).toBe(
      'not_applicable',
    );
    expect(run('endpoint-config-volume-kms-key', serverless).status).toBe(
      'not_applicable',
    );
  });

  it('judges a KMS key only after alias/ID/ARN resolution (Powerpipe joins on ARN)', () => {
    const facts = [kmsKey(), kmsAliases({ 'alias/ml': KEY_ID })];
    for (const reference of [
      KEY_ID,
      KEY_ARN,
      'alias/ml',
      `arn:aws:kms:${REGION}:${ACCOUNT}:alias/ml`,
    ]) {
      const outcome = run(
        'kms-keys-customer-managed',
        notebook({ KmsKeyId: reference }),
        { facts },
      );
      expect({ reference, status: outcome.status }).toEqual({
        reference,
        status: 'pass',
      });
    }
    // Without the alias list the same alias cannot be judged: unknown, not fail.
    expect(
      run('kms-keys-customer-managed', notebook({ KmsKeyId: 'alias/ml' }), {
        facts: [kmsKey()],
      }),
    ).toMatchObject({
      status: 'unknown',
      missing: ['kms:ListAliases'],
    });
  });

  it('recognises the SecureTransport deny with Bool and BoolIfExists, "false" and false, "*" and {AWS:"*"}', () => {
    for (const operator of ['Bool', 'BoolIfExists']) {
      for (const value of ['false', false]) {
        for (const principal of ['*', { AWS: '*' }]) {
          const policy = {
            Statement: [
              {
                Effect: 'Deny',
                Principal: principal,
                Action: 's3:*',
                Resource: 'arn:aws:s3:::ml-data/*',
                Condition: { [operator]: { 'aws:SecureTransport': value } },
              },
            ],
          };
          expect({
            operator,
            value,
            principal,
            ok: deniesInsecureTransport(policy as never, 'ml-data'),
          }).toMatchObject({ ok: true });
          const outcome = run(
            's3-buckets-secure-transport',
            trainingJob({
              OutputDataConfig: { S3OutputPath: 's3://ml-data/x' },
            }),
            {
              facts: [bucket('ml-data', { policy: policy as never })],
            },
          );
          expect(outcome.status).toBe('pass');
        }
      }
    }
  });

  it('parses policy documents given as object, JSON string or URL-encoded JSON', () => {
    const document = {
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    };
    for (const input of [
      document,
      JSON.stringify(document),
      encodeURIComponent(JSON.stringify(document)),
    ]) {
      expect(
        isActionAllowed(
          [parsePolicyDocument(input)],
          'iam:PassRole',
          'arn:aws:iam::1:role/x',
        ),
      ).toBe(true);
    }
  });

  it('evaluates Deny, NotAction, NotResource and case-insensitive wildcard actions', () => {
    const document = parsePolicyDocument({
      Statement: [
        { Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'IAM:Pass*',
          NotResource: 'arn:aws:iam::1:role/sagemaker-*',
        },
      ],
    });
    expect(
      isActionAllowed(
        [document],
        'iam:PassRole',
        'arn:aws:iam::1:role/sagemaker-exec',
      ),
    ).toBe(true);
    expect(
      isActionAllowed([document], 'iam:PassRole', 'arn:aws:iam::1:role/admin'),
    ).toBe(false);
    expect(
      isActionAllowed([document], 's3:GetObject', 'arn:aws:s3:::b/k'),
    ).toBe(false);
  });

  describe('anything unreadable is unknown, naming the reason', () => {
    it("names the fact's error action", () => {
      const outcome = run('execution-role-permissions-boundary', notebook(), {
        facts: [
          fact(
            'iam-role',
            notebook().description.RoleArn as string,
            undefined,
            { errors: [collectionError('iam:GetRole')] },
          ),
        ],
      });
      expect(outcome).toMatchObject({
        status: 'unknown',
        missing: ['iam:GetRole'],
      });
      expect(outcome.message).toMatch(
        /iam:GetRole failed \(AccessDeniedException/,
      );
    });

    it('names the call of a missing fact', () => {
      expect(
        run('kms-keys-rotation-enabled', notebook({ KmsKeyId: KEY_ARN })),
      ).toMatchObject({
        status: 'unknown',
        missing: ['kms:DescribeKey'],
      });
    });

    it('names a resource-level error for the field', () => {
      const outcome = run(
        'notebook-direct-internet-access',
        notebook(
          {},
          {
            errors: [
              collectionError('sagemaker:DescribeNotebookInstance', {
                field: 'DirectInternetAccess',
                kind: 'throttled',
                code: 'ThrottlingException',
              }),
            ],
          },
        ),
      );
      expect(outcome).toMatchObject({
        status: 'unknown',
        missing: ['sagemaker:DescribeNotebookInstance'],
      });
      expect(outcome.message).toMatch(/ThrottlingException/);
    });

    it('never passes a resource whose Describe failed, whatever the defaults (Prowler does)', () => {
      const failed = endpointConfig(
        { ProductionVariants: [] },
        { errors: [collectionError('sagemaker:DescribeEndpointConfig')] },
      );
      const results = evaluateResource(
        defaultChecks,
        contextFor(failed, { facts: [role()] }),
      );
      expect(results.length).toBeGreaterThan(3);
      expect(
        results.filter(result => result.outcome.status !== 'unknown'),
      ).toEqual([]);
    });
  });
});
