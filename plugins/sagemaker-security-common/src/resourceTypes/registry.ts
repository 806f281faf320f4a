import { appImageConfig } from './appImageConfig';
import { automlJob } from './automlJob';
import { compilationJob } from './compilationJob';
import { dataQualityJobDefinition } from './dataQualityJobDefinition';
import type { ResourceTypeDescriptor } from './descriptor';
import { domain } from './domain';
import { endpoint } from './endpoint';
import { endpointConfig } from './endpointConfig';
import { featureGroup } from './featureGroup';
import { flowDefinition } from './flowDefinition';
import { hyperparameterTuningJob } from './hyperparameterTuningJob';
import { hyperpodCluster } from './hyperpodCluster';
import { image } from './image';
import { inferenceExperiment } from './inferenceExperiment';
import { inferenceComponent } from './inferenceComponent';
import { mlflowApp } from './mlflowApp';
import { mlflowTrackingServer } from './mlflowTrackingServer';
import { model } from './model';
import { modelBiasJobDefinition } from './modelBiasJobDefinition';
import { modelExplainabilityJobDefinition } from './modelExplainabilityJobDefinition';
import { modelPackage } from './modelPackage';
import { modelPackageGroup } from './modelPackageGroup';
import { modelQualityJobDefinition } from './modelQualityJobDefinition';
import { monitoringSchedule } from './monitoringSchedule';
import { notebookInstance } from './notebookInstance';
import { notebookInstanceLifecycleConfig } from './notebookInstanceLifecycleConfig';
import { partnerApp } from './partnerApp';
import { pipeline } from './pipeline';
import { processingJob } from './processingJob';
import { space } from './space';
import { studioLifecycleConfig } from './studioLifecycleConfig';
import { trainingJob } from './trainingJob';
import { transformJob } from './transformJob';
import { userProfile } from './userProfile';

/**
 * The registry: one descriptor per SageMaker resource type, in the order the
 * scanner lists them. Adding a type is adding its module here.
 *
 * @public
 */
export const RESOURCE_TYPE_DESCRIPTORS = [
  notebookInstance,
  notebookInstanceLifecycleConfig,
  domain,
  userProfile,
  space,
  model,
  endpointConfig,
  endpoint,
  trainingJob,
  processingJob,
  transformJob,
  hyperparameterTuningJob,
  pipeline,
  featureGroup,
  modelPackageGroup,
  modelPackage,
  monitoringSchedule,
  dataQualityJobDefinition,
  modelQualityJobDefinition,
  modelBiasJobDefinition,
  modelExplainabilityJobDefinition,
  inferenceExperiment,
  hyperpodCluster,
  mlflowTrackingServer,
  mlflowApp,
  studioLifecycleConfig,
  automlJob,
  compilationJob,
  flowDefinition,
  partnerApp,
  inferenceComponent,
  appImageConfig,
  image,
] as const;

/**
 * A SageMaker resource type; see `RESOURCE_TYPES`.
 *
 * @public
 */
export type ResourceType = (typeof RESOURCE_TYPE_DESCRIPTORS)[number]['id'];

/**
 * SageMaker resource types collected by the scanner. The string is stable and is
 * used in stored data, API responses and `spec.type` (`sagemaker-<type>`) of catalog entities.
 *
 * @public
 */
export const RESOURCE_TYPES: readonly ResourceType[] =
  RESOURCE_TYPE_DESCRIPTORS.map(d => d.id);

/**
 * Jobs are immutable once complete; they are not catalog entities.
 *
 * @public
 */
export const JOB_RESOURCE_TYPES: readonly ResourceType[] =
  RESOURCE_TYPE_DESCRIPTORS.filter(d => d.job).map(d => d.id);

/**
 * Long-lived resources that become catalog `Resource` entities.
 *
 * @public
 */
export const CATALOG_RESOURCE_TYPES: readonly ResourceType[] =
  RESOURCE_TYPE_DESCRIPTORS.filter(d => d.catalog !== undefined).map(d => d.id);

/**
 * Whether a value is one of the `RESOURCE_TYPES`.
 *
 * @public
 */
export function isResourceType(value: unknown): value is ResourceType {
  return (
    typeof value === 'string' &&
    (RESOURCE_TYPES as readonly string[]).includes(value)
  );
}

const BY_ID = new Map<string, ResourceTypeDescriptor<ResourceType>>(
  RESOURCE_TYPE_DESCRIPTORS.map(d => [d.id, d]),
);

/**
 * The descriptor of a resource type; throws on an unknown id.
 *
 * @public
 */
export function resourceTypeDescriptor(
  type: ResourceType,
): ResourceTypeDescriptor<ResourceType> {
  const found = BY_ID.get(type);
  if (!found) {
    throw new Error(`Unknown SageMaker resource type '${type}'`);
  }
  return found;
}

/**
 * The descriptor of a resource type, or undefined for a value that is none.
 *
 * @public
 */
export function findResourceTypeDescriptor(
  type: unknown,
): ResourceTypeDescriptor<ResourceType> | undefined {
  return typeof type === 'string' ? BY_ID.get(type) : undefined;
}

/**
 * The descriptor whose CloudFormation type is `cfnType`, if any.
 *
 * @public
 */
export function descriptorOfCloudFormationType(
  cfnType: string,
): ResourceTypeDescriptor<ResourceType> | undefined {
  return RESOURCE_TYPE_DESCRIPTORS.find(
    d => d.cloudFormation?.type === cfnType,
  );
}

/**
 * The types whose descriptor has `pick(descriptor)` (e.g. any KMS key field).
 *
 * @public
 */
export function resourceTypesWith(
  pick: (descriptor: ResourceTypeDescriptor<ResourceType>) => unknown,
): ResourceType[] {
  return RESOURCE_TYPE_DESCRIPTORS.filter(d => {
    const value = pick(d);
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  }).map(d => d.id);
}
