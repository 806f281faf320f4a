/**
 * SageMaker resource types collected by the scanner. The string is stable and is
 * used in stored data, API responses and `spec.type` (`sagemaker-<type>`) of catalog entities.
 *
 * @public
 */
export const RESOURCE_TYPES = [
  'notebook-instance',
  'notebook-instance-lifecycle-config',
  'domain',
  'user-profile',
  'space',
  'model',
  'endpoint-config',
  'endpoint',
  'training-job',
  'processing-job',
  'transform-job',
  'hyperparameter-tuning-job',
  'pipeline',
  'feature-group',
  'model-package-group',
  'model-package',
  'monitoring-schedule',
  'data-quality-job-definition',
  'model-quality-job-definition',
  'model-bias-job-definition',
  'model-explainability-job-definition',
  'inference-experiment',
] as const;

/**
 * A SageMaker resource type; see `RESOURCE_TYPES`.
 *
 * @public
 */
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Jobs are immutable once complete; they are not catalog entities.
 *
 * @public
 */
export const JOB_RESOURCE_TYPES: readonly ResourceType[] = [
  'training-job',
  'processing-job',
  'transform-job',
  'hyperparameter-tuning-job',
];

/**
 * Long-lived resources that become catalog `Resource` entities.
 *
 * @public
 */
export const CATALOG_RESOURCE_TYPES: readonly ResourceType[] = [
  'notebook-instance',
  'endpoint',
  'endpoint-config',
  'model',
  'domain',
  'user-profile',
  'model-package-group',
  'pipeline',
  'feature-group',
  'monitoring-schedule',
];

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
