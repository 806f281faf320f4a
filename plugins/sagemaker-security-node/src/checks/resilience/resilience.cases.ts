import {
  collectionError,
  endpoint,
  endpointConfig,
  model,
  modelPackage,
  notebook,
  resource,
} from '../../testing/fixtures';
import { domainSettingsResilienceCases } from '../domainGovernance.cases';
import { CheckCase } from '../../testing/checkCases';
import { mlflowResilienceCases } from './mlflow.cases';
import { modelPackageCases } from './modelPackage.cases';
import { cluster } from '../hyperpodClusterFixture';
import { partnerAppResilienceCases } from '../partnerApp.cases';
import { customImageResilienceCases } from '../customImages.cases';

const PACKAGE_ARN =
  'arn:aws:sagemaker:eu-west-1:111122223333:model-package/fraud/3';
const fromPackage = model({
  PrimaryContainer: { ModelPackageName: PACKAGE_ARN },
});
const approved = modelPackage(
  { ModelApprovalStatus: 'Approved' },
  { name: 'fraud/3', arn: PACKAGE_ARN },
);

export const resilienceCases: CheckCase[] = [
  // endpoint-config-multiple-instances (SageMaker.4)
  {
    check: 'endpoint-config-multiple-instances',
    name: 'two instances',
    resource: endpointConfig(),
    expect: 'pass',
  },
  {
    check: 'endpoint-config-multiple-instances',
    name: 'one instance',
    resource: endpointConfig({
      ProductionVariants: [
        {
          VariantName: 'v',
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1,
        },
      ],
    }),
    expect: 'fail',
  },
  {
    check: 'endpoint-config-multiple-instances',
    name: 'serverless variants have no instance count',
    resource: endpointConfig({
      ProductionVariants: [
        {
          VariantName: 'v',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
    }),
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-config-multiple-instances',
    name: 'mixed: serverless variant ignored, instance variant counted',
    resource: endpointConfig({
      ProductionVariants: [
        {
          VariantName: 's',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
        {
          VariantName: 'i',
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 3,
        },
      ],
    }),
    expect: 'pass',
  },
  {
    check: 'endpoint-config-multiple-instances',
    name: 'instance variant without a count',
    resource: endpointConfig({
      ProductionVariants: [{ VariantName: 'v', InstanceType: 'ml.m5.large' }],
    }),
    expect: 'unknown',
  },
  {
    check: 'endpoint-config-multiple-instances',
    name: 'describe failed (empty variants would otherwise pass)',
    resource: endpointConfig(
      { ProductionVariants: [] },
      { errors: [collectionError('sagemaker:DescribeEndpointConfig')] },
    ),
    expect: 'unknown',
  },

  // notebook-platform-supported (SageMaker.8)
  {
    check: 'notebook-platform-supported',
    name: 'AL2023',
    resource: notebook({ PlatformIdentifier: 'notebook-al2023-v1' }),
    expect: 'pass',
  },
  {
    check: 'notebook-platform-supported',
    name: 'AL2',
    resource: notebook({ PlatformIdentifier: 'notebook-al2-v3' }),
    expect: 'fail',
  },
  {
    check: 'notebook-platform-supported',
    name: 'absent',
    resource: notebook(),
    expect: 'unknown',
  },

  // endpoint-models-approved-packages
  {
    check: 'endpoint-models-approved-packages',
    name: 'approved package',
    resource: endpoint(),
    resources: [
      endpointConfig(),
      model(
        { PrimaryContainer: { ModelPackageName: PACKAGE_ARN } },
        { name: 'test-model' },
      ),
      approved,
    ],
    expect: 'pass',
  },
  {
    check: 'endpoint-models-approved-packages',
    name: 'rejected package',
    resource: endpoint(),
    resources: [
      endpointConfig(),
      { ...fromPackage, name: 'test-model' },
      modelPackage(
        { ModelApprovalStatus: 'Rejected' },
        { name: 'fraud/3', arn: PACKAGE_ARN },
      ),
    ],
    expect: 'fail',
  },
  {
    check: 'endpoint-models-approved-packages',
    name: 'model not from the registry',
    resource: endpoint(),
    resources: [
      endpointConfig(),
      model({ PrimaryContainer: { Image: 'x' } }, { name: 'test-model' }),
    ],
    expect: 'warn',
  },
  {
    check: 'endpoint-models-approved-packages',
    name: 'config not collected',
    resource: endpoint(),
    expect: 'unknown',
    missing: ['sagemaker:DescribeEndpointConfig'],
  },
  {
    check: 'endpoint-models-approved-packages',
    name: 'package not collected',
    resource: endpoint(),
    resources: [endpointConfig(), { ...fromPackage, name: 'test-model' }],
    expect: 'unknown',
    missing: ['sagemaker:DescribeModelPackage'],
  },
  {
    check: 'endpoint-models-approved-packages',
    name: 'inference components (no model on the variant)',
    resource: endpoint(),
    resources: [
      endpointConfig({
        ProductionVariants: [
          { VariantName: 'v', InstanceType: 'ml.g5.xlarge' },
        ],
      }),
    ],
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-models-approved-packages',
    name: 'iac: configuration not declared',
    resource: endpoint(),
    mode: 'iac',
    expect: 'not_applicable',
  },

  // resource-ownership-tags
  {
    check: 'resource-ownership-tags',
    name: 'service and owner',
    resource: endpoint(),
    expect: 'pass',
  },
  {
    check: 'resource-ownership-tags',
    name: 'team instead of owner',
    resource: endpoint({}, { tags: { 'ml-service': 'x', team: 'y' } }),
    expect: 'pass',
  },
  {
    check: 'resource-ownership-tags',
    name: 'no tags',
    resource: notebook({}, { tags: {} }),
    expect: 'fail',
    message: /ml-service/,
  },
  {
    check: 'resource-ownership-tags',
    name: 'ListTags denied',
    resource: notebook(
      {},
      { tags: {}, errors: [collectionError('sagemaker:ListTags')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:ListTags'],
  },

  // hyperpod-cluster-node-recovery-automatic
  {
    check: 'hyperpod-cluster-node-recovery-automatic',
    name: 'Automatic',
    resource: cluster(),
    expect: 'pass',
  },
  {
    check: 'hyperpod-cluster-node-recovery-automatic',
    name: 'None',
    resource: cluster({ NodeRecovery: 'None' }),
    expect: 'fail',
    message: /node recovery is None/,
  },
  {
    check: 'hyperpod-cluster-node-recovery-automatic',
    name: 'absent from the answer (moto drops NodeRecovery; AWS always sends it)',
    resource: cluster({ NodeRecovery: undefined }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeCluster'],
  },
  {
    check: 'hyperpod-cluster-node-recovery-automatic',
    name: 'describe failed',
    resource: resource(
      'hyperpod-cluster',
      {},
      { errors: [collectionError('sagemaker:DescribeCluster')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeCluster'],
  },
  ...domainSettingsResilienceCases,
  ...mlflowResilienceCases,
  ...partnerAppResilienceCases,
  ...customImageResilienceCases,
  ...modelPackageCases,
];
