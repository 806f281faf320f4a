/** Builders of SageMaker resources (and collection errors) for check tests. */
import {
  CollectionError,
  findResourceTypeDescriptor,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { DESCRIBE_OPERATIONS } from '../checks/support/describe';

/** @public */
export const ACCOUNT = '111122223333';
/** @public */
export const REGION = 'eu-west-1';

/** @public */
export type ResourceOverrides = Partial<Omit<SageMakerResource, 'type'>>;

/**
 * A described SageMaker resource of any type.
 *
 * @public
 */
export function resource(
  type: ResourceType,
  description: Record<string, unknown>,
  overrides: ResourceOverrides = {},
): SageMakerResource {
  const name = overrides.name ?? `test-${type}`;
  return {
    arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${
      findResourceTypeDescriptor(type)?.arnSegment ?? type
    }/${name}`,
    type,
    name,
    accountId: ACCOUNT,
    region: REGION,
    tags: { 'ml-service': 'fraud-scoring', owner: 'team-ml' },
    description,
    errors: [],
    ...overrides,
  };
}

/**
 * Builds a described resource of one type.
 *
 * @public
 */
export type Builder = (
  description?: Record<string, unknown>,
  overrides?: ResourceOverrides,
) => SageMakerResource;

function builder(
  type: ResourceType,
  defaults: Record<string, unknown>,
): Builder {
  return (description = {}, overrides = {}) =>
    resource(type, { ...defaults, ...description }, overrides);
}

/** @public */
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/sagemaker-execution`;
/** @public */
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
/** @public */
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;

/** @public */
export const notebook = builder('notebook-instance', {
  NotebookInstanceName: 'test-notebook-instance',
  InstanceType: 'ml.t3.medium',
  RoleArn: ROLE_ARN,
});
/** @public */
export const lifecycleConfig = builder('notebook-instance-lifecycle-config', {
  NotebookInstanceLifecycleConfigName:
    'test-notebook-instance-lifecycle-config',
});
/** @public */
export const domain = builder('domain', { DomainName: 'test-domain' });
/** @public */
export const userProfile = builder('user-profile', {
  UserProfileName: 'test-user-profile',
});
/** @public */
export const model = builder('model', {
  ModelName: 'test-model',
  ExecutionRoleArn: ROLE_ARN,
});
/** @public */
export const endpointConfig = builder('endpoint-config', {
  EndpointConfigName: 'test-endpoint-config',
  ProductionVariants: [
    {
      VariantName: 'AllTraffic',
      ModelName: 'test-model',
      InstanceType: 'ml.m5.large',
      InitialInstanceCount: 2,
    },
  ],
});
/** @public */
export const endpoint = builder('endpoint', {
  EndpointName: 'test-endpoint',
  EndpointConfigName: 'test-endpoint-config',
  EndpointStatus: 'InService',
});
/** @public */
export const trainingJob = builder('training-job', {
  TrainingJobName: 'test-training-job',
  RoleArn: ROLE_ARN,
  ResourceConfig: {
    InstanceType: 'ml.m5.xlarge',
    InstanceCount: 1,
    VolumeSizeInGB: 30,
  },
});
/** @public */
export const processingJob = builder('processing-job', {
  ProcessingJobName: 'test-processing-job',
  RoleArn: ROLE_ARN,
  ProcessingResources: {
    ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
  },
});
/** @public */
export const transformJob = builder('transform-job', {
  TransformJobName: 'test-transform-job',
  TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
});
/** @public */
export const tuningJob = builder('hyperparameter-tuning-job', {
  HyperParameterTuningJobName: 'test-hpo',
  TrainingJobDefinition: {
    RoleArn: ROLE_ARN,
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
  },
});
/** @public */
export const featureGroup = builder('feature-group', {
  FeatureGroupName: 'test-feature-group',
});
/** @public */
export const pipeline = builder('pipeline', {
  PipelineName: 'test-pipeline',
  RoleArn: ROLE_ARN,
});
/** @public */
export const modelPackageGroup = builder('model-package-group', {
  ModelPackageGroupName: 'test-group',
});
/** @public */
export const modelPackage = builder('model-package', {
  ModelPackageGroupName: 'test-group',
});
/** @public */
export const monitoringSchedule = builder('monitoring-schedule', {
  MonitoringScheduleName: 'test-schedule',
});
/** @public */
export const inferenceExperiment = builder('inference-experiment', {
  Name: 'test-experiment',
});
/** @public */
export const jobDefinition = (
  type:
    | 'data-quality-job-definition'
    | 'model-quality-job-definition'
    | 'model-bias-job-definition'
    | 'model-explainability-job-definition',
  description: Record<string, unknown> = {},
  overrides: ResourceOverrides = {},
) =>
  resource(
    type,
    { JobDefinitionName: `test-${type}`, RoleArn: ROLE_ARN, ...description },
    overrides,
  );

/**
 * A collection error as the inventory records it.
 *
 * @public
 */
export function collectionError(
  action: string,
  extra: Partial<CollectionError> = {},
): CollectionError {
  return {
    kind: 'access_denied',
    action,
    code: 'AccessDeniedException',
    message: `User is not authorized to perform: ${action}`,
    ...extra,
  };
}

/**
 * A resource whose Describe call failed.
 *
 * @public
 */
export function undescribable(type: ResourceType): SageMakerResource {
  return resource(
    type,
    {},
    { errors: [collectionError(`sagemaker:${DESCRIBE_OPERATIONS[type]}`)] },
  );
}
