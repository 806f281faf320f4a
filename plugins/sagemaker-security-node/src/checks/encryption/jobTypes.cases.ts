import { collectionError, kmsKey, KEY_ARN } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';
import { automlJob, compilationJob, flowDefinition } from '../jobTypesFixture';

const describeDenied = (operation: string) => ({
  errors: [collectionError(`sagemaker:${operation}`)],
});

/** AutoML jobs, compilation jobs and human review workflows. */
export const jobTypesEncryptionCases: CheckCase[] = [
  // automl-job-output-and-volume-kms-keys
  {
    check: 'automl-job-output-and-volume-kms-keys',
    name: 'both keys set',
    resource: automlJob(),
    expect: 'pass',
  },
  {
    check: 'automl-job-output-and-volume-kms-keys',
    name: 'no volume key (SecurityConfig without VolumeKmsKeyId)',
    resource: automlJob({
      SecurityConfig: { EnableInterContainerTrafficEncryption: true },
    }),
    expect: 'fail',
    message: /storage volume key is not set/,
  },
  {
    check: 'automl-job-output-and-volume-kms-keys',
    name: 'no output key',
    resource: automlJob({
      OutputDataConfig: { S3OutputPath: 's3://ml-artifacts/autopilot/' },
    }),
    expect: 'fail',
    message: /output KMS key is not set/,
  },
  {
    check: 'automl-job-output-and-volume-kms-keys',
    name: 'no SecurityConfig at all',
    resource: automlJob({ SecurityConfig: undefined }),
    expect: 'fail',
  },
  {
    check: 'automl-job-output-and-volume-kms-keys',
    name: 'DescribeAutoMLJobV2 denied',
    resource: automlJob({}, describeDenied('DescribeAutoMLJobV2')),
    expect: 'unknown',
    missing: ['sagemaker:DescribeAutoMLJobV2'],
  },

  // automl-job-inter-container-encryption
  {
    check: 'automl-job-inter-container-encryption',
    name: 'encrypted',
    resource: automlJob(),
    expect: 'pass',
  },
  {
    check: 'automl-job-inter-container-encryption',
    name: 'explicitly off',
    resource: automlJob({
      SecurityConfig: { EnableInterContainerTrafficEncryption: false },
    }),
    expect: 'fail',
  },
  {
    check: 'automl-job-inter-container-encryption',
    name: 'no SecurityConfig: AWS defaults to off',
    resource: automlJob({ SecurityConfig: undefined }),
    expect: 'fail',
    message: /absent, so false/,
  },
  {
    check: 'automl-job-inter-container-encryption',
    name: 'DescribeAutoMLJobV2 denied',
    resource: automlJob({}, describeDenied('DescribeAutoMLJobV2')),
    expect: 'unknown',
    missing: ['sagemaker:DescribeAutoMLJobV2'],
  },

  // compilation-job-output-kms-key
  {
    check: 'compilation-job-output-kms-key',
    name: 'key set',
    resource: compilationJob(),
    expect: 'pass',
  },
  {
    check: 'compilation-job-output-kms-key',
    name: 'no key (AWS managed S3 key)',
    resource: compilationJob({
      OutputConfig: {
        S3OutputLocation: 's3://ml-artifacts/resnet/compiled/',
        TargetDevice: 'ml_c5',
      },
    }),
    expect: 'fail',
  },
  {
    check: 'compilation-job-output-kms-key',
    name: 'DescribeCompilationJob denied',
    resource: compilationJob({}, describeDenied('DescribeCompilationJob')),
    expect: 'unknown',
    missing: ['sagemaker:DescribeCompilationJob'],
  },

  // flow-definition-output-kms-key (Checkov CKV_AWS_372)
  {
    check: 'flow-definition-output-kms-key',
    name: 'key set',
    resource: flowDefinition(),
    expect: 'pass',
  },
  {
    check: 'flow-definition-output-kms-key',
    name: 'no key',
    resource: flowDefinition({
      OutputConfig: { S3OutputPath: 's3://ml-artifacts/a2i/' },
    }),
    expect: 'fail',
  },
  {
    check: 'flow-definition-output-kms-key',
    name: 'blank key',
    resource: flowDefinition({
      OutputConfig: { S3OutputPath: 's3://ml-artifacts/a2i/', KmsKeyId: ' ' },
    }),
    expect: 'fail',
  },
  {
    check: 'flow-definition-output-kms-key',
    name: 'DescribeFlowDefinition denied',
    resource: flowDefinition({}, describeDenied('DescribeFlowDefinition')),
    expect: 'unknown',
    missing: ['sagemaker:DescribeFlowDefinition'],
  },

  // The key quality checks reach the new types through their descriptor links.
  {
    check: 'kms-keys-customer-managed',
    name: "AutoML job's keys customer-managed",
    resource: automlJob(),
    facts: [kmsKey()],
    expect: 'pass',
  },
  {
    check: 'kms-keys-customer-managed',
    name: "AWS-managed key as a compilation job's output key",
    resource: compilationJob(),
    facts: [kmsKey({ keyManager: 'AWS' })],
    expect: 'fail',
    message: /AWS-managed/,
  },
  {
    check: 'kms-keys-customer-managed',
    name: "human review workflow's key not collected",
    resource: flowDefinition({
      OutputConfig: {
        S3OutputPath: 's3://ml-artifacts/a2i/',
        KmsKeyId: KEY_ARN,
      },
    }),
    expect: 'unknown',
    missing: ['kms:DescribeKey'],
  },
];
