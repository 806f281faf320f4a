import {
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { derive } from '../../engine/derived';
import { getPath } from './paths';
import { stringValuesAt } from './valuesAt';

/**
 * A field whose link is in use only while a setting of the same
 * description says so: the resource it names is not the resource's to be
 * judged otherwise (whatever its facts say, readable or not).
 */
interface ConditionalField {
  path: string;
  activeWhen: (description: unknown) => boolean;
}
type Field = string | ConditionalField;
type FieldMap = Partial<Record<ResourceType, Field[]>>;

/**
 * The data-capture destination is written only while capture is enabled
 * (`EnableCapture` true, as `endpoint-config-data-capture-kms-key` reads it).
 */
const CAPTURE_DESTINATION: ConditionalField = {
  path: 'DataCaptureConfig.DestinationS3Uri',
  activeWhen: description =>
    getPath(description, 'DataCaptureConfig.EnableCapture') === true,
};

/** Notebook output is shared to S3 only when sharing is `Allowed` (default `Disabled`). */
const SHARING_OUTPUT: ConditionalField = {
  path: 'DefaultUserSettings.SharingSettings.S3OutputPath',
  activeWhen: description =>
    getPath(
      description,
      'DefaultUserSettings.SharingSettings.NotebookOutputOption',
    ) === 'Allowed',
};

/** Execution roles SageMaker assumes on behalf of each resource type. */
export const ROLE_FIELDS: FieldMap = {
  'notebook-instance': ['RoleArn'],
  model: ['ExecutionRoleArn'],
  'training-job': ['RoleArn'],
  'processing-job': ['RoleArn'],
  'hyperparameter-tuning-job': [
    'TrainingJobDefinition.RoleArn',
    'TrainingJobDefinitions[].RoleArn',
  ],
  domain: [
    'DefaultUserSettings.ExecutionRole',
    'DefaultSpaceSettings.ExecutionRole',
  ],
  'user-profile': ['UserSettings.ExecutionRole'],
  'feature-group': ['RoleArn'],
  pipeline: ['RoleArn'],
  'monitoring-schedule': [
    'MonitoringScheduleConfig.MonitoringJobDefinition.RoleArn',
  ],
  'data-quality-job-definition': ['RoleArn'],
  'model-quality-job-definition': ['RoleArn'],
  'model-bias-job-definition': ['RoleArn'],
  'model-explainability-job-definition': ['RoleArn'],
  'inference-experiment': ['RoleArn'],
};

export const SECURITY_GROUP_FIELDS: FieldMap = {
  'notebook-instance': ['SecurityGroups[]'],
  domain: [
    'DomainSettings.SecurityGroupIds[]',
    'DefaultUserSettings.SecurityGroups[]',
    'DefaultSpaceSettings.SecurityGroups[]',
  ],
  'user-profile': ['UserSettings.SecurityGroups[]'],
  model: ['VpcConfig.SecurityGroupIds[]'],
  'training-job': ['VpcConfig.SecurityGroupIds[]'],
  'processing-job': ['NetworkConfig.VpcConfig.SecurityGroupIds[]'],
  'hyperparameter-tuning-job': [
    'TrainingJobDefinition.VpcConfig.SecurityGroupIds[]',
    'TrainingJobDefinitions[].VpcConfig.SecurityGroupIds[]',
  ],
  'data-quality-job-definition': ['NetworkConfig.VpcConfig.SecurityGroupIds[]'],
  'model-quality-job-definition': [
    'NetworkConfig.VpcConfig.SecurityGroupIds[]',
  ],
  'model-bias-job-definition': ['NetworkConfig.VpcConfig.SecurityGroupIds[]'],
  'model-explainability-job-definition': [
    'NetworkConfig.VpcConfig.SecurityGroupIds[]',
  ],
  'monitoring-schedule': [
    'MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.VpcConfig.SecurityGroupIds[]',
  ],
};

export const SUBNET_FIELDS: FieldMap = {
  'notebook-instance': ['SubnetId'],
  domain: ['SubnetIds[]'],
  model: ['VpcConfig.Subnets[]'],
  'training-job': ['VpcConfig.Subnets[]'],
  'processing-job': ['NetworkConfig.VpcConfig.Subnets[]'],
  'hyperparameter-tuning-job': [
    'TrainingJobDefinition.VpcConfig.Subnets[]',
    'TrainingJobDefinitions[].VpcConfig.Subnets[]',
  ],
  'data-quality-job-definition': ['NetworkConfig.VpcConfig.Subnets[]'],
  'model-quality-job-definition': ['NetworkConfig.VpcConfig.Subnets[]'],
  'model-bias-job-definition': ['NetworkConfig.VpcConfig.Subnets[]'],
  'model-explainability-job-definition': ['NetworkConfig.VpcConfig.Subnets[]'],
  'monitoring-schedule': [
    'MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.VpcConfig.Subnets[]',
  ],
};

/** S3 locations a resource reads from or writes to. */
export const S3_URI_FIELDS: FieldMap = {
  model: [
    'PrimaryContainer.ModelDataUrl',
    'PrimaryContainer.ModelDataSource.S3DataSource.S3Uri',
    'Containers[].ModelDataUrl',
  ],
  'endpoint-config': [
    CAPTURE_DESTINATION,
    'AsyncInferenceConfig.OutputConfig.S3OutputPath',
    'AsyncInferenceConfig.OutputConfig.S3FailurePath',
  ],
  'training-job': [
    'InputDataConfig[].DataSource.S3DataSource.S3Uri',
    'OutputDataConfig.S3OutputPath',
    'CheckpointConfig.S3Uri',
  ],
  'processing-job': [
    'ProcessingInputs[].S3Input.S3Uri',
    'ProcessingOutputConfig.Outputs[].S3Output.S3Uri',
  ],
  'transform-job': [
    'TransformInput.DataSource.S3DataSource.S3Uri',
    'TransformOutput.S3OutputPath',
  ],
  'hyperparameter-tuning-job': [
    'TrainingJobDefinition.InputDataConfig[].DataSource.S3DataSource.S3Uri',
    'TrainingJobDefinition.OutputDataConfig.S3OutputPath',
  ],
  'feature-group': ['OfflineStoreConfig.S3StorageConfig.S3Uri'],
  domain: [SHARING_OUTPUT],
  'inference-experiment': ['DataStorageConfig.Destination'],
};

export interface LinkedValue {
  value: string;
  /** Where it was read, e.g. `VpcConfig.Subnets.0`. */
  path: string;
}

/**
 * The values of the resource's link fields, in field order, without
 * duplicates. An inactive conditional field links nothing: what a check
 * judges through it is decided here, before any fact is read.
 */
function linked(resource: SageMakerResource, fields: FieldMap): LinkedValue[] {
  let found: LinkedValue[] | undefined;
  for (const field of fields[resource.type] ?? []) {
    let pattern: string;
    if (typeof field === 'string') {
      pattern = field;
    } else if (field.activeWhen(resource.description)) {
      pattern = field.path;
    } else {
      continue;
    }
    const items = stringValuesAt(resource.description, pattern);
    if (found === undefined && items.length < 2) {
      // The common case: the first value(s), as found.
      found = items;
      continue;
    }
    found ??= [];
    for (const item of items) {
      if (!includesValue(found, item.value)) {
        found.push(item);
      }
    }
  }
  return found ?? [];
}

function includesValue(found: LinkedValue[], value: string): boolean {
  for (const item of found) {
    if (item.value === value) return true;
  }
  return false;
}

export function executionRoles(resource: SageMakerResource): LinkedValue[] {
  return linked(resource, ROLE_FIELDS);
}

export function securityGroupIds(resource: SageMakerResource): LinkedValue[] {
  return linked(resource, SECURITY_GROUP_FIELDS);
}

export function subnetIds(resource: SageMakerResource): LinkedValue[] {
  return linked(resource, SUBNET_FIELDS);
}

/** `s3://bucket/key` → `bucket`; also accepts `https://bucket.s3.<region>.amazonaws.com/...`. */
export function bucketOfUri(uri: string): string | undefined {
  if (typeof uri === 'string') {
    // As /^s3:\/\/([^/]+)/i, without the regular expression.
    if (
      uri.length > 5 &&
      (uri.charCodeAt(0) === 115 || uri.charCodeAt(0) === 83) && // s or S
      uri.startsWith('3://', 1) &&
      uri.charCodeAt(5) !== 47 // not '/'
    ) {
      const slash = uri.indexOf('/', 5);
      return slash < 0 ? uri.slice(5) : uri.slice(5, slash);
    }
  } else {
    const s3 = /^s3:\/\/([^/]+)/i.exec(uri);
    if (s3) {
      return s3[1];
    }
  }
  const virtualHosted = /^https:\/\/([^.]+)\.s3[.-][^/]*amazonaws\.com/i.exec(
    uri,
  );
  return virtualHosted ? virtualHosted[1] : undefined;
}

export function bucketsUsed(resource: SageMakerResource): LinkedValue[] {
  const found: LinkedValue[] = [];
  for (const item of linked(resource, S3_URI_FIELDS)) {
    const bucket = bucketOfUri(item.value);
    if (bucket && !includesValue(found, bucket)) {
      found.push({ value: bucket, path: item.path });
    }
  }
  return found;
}

/** `executionRoles` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceRoles = derive('execution roles', context =>
  executionRoles(context.resource),
);

/** `bucketsUsed` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceBuckets = derive('buckets used', context =>
  bucketsUsed(context.resource),
);

/** `subnetIds` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceSubnets = derive('subnets', context =>
  subnetIds(context.resource),
);

/** `securityGroupIds` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceSecurityGroups = derive('security groups', context =>
  securityGroupIds(context.resource),
);

export const ROLE_RESOURCE_TYPES = Object.keys(ROLE_FIELDS) as ResourceType[];
export const NETWORKED_RESOURCE_TYPES = Object.keys(
  SUBNET_FIELDS,
) as ResourceType[];
export const SECURITY_GROUP_RESOURCE_TYPES = Object.keys(
  SECURITY_GROUP_FIELDS,
) as ResourceType[];
export const BUCKET_RESOURCE_TYPES = Object.keys(
  S3_URI_FIELDS,
) as ResourceType[];
