import {
  Evidence,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';

/** The SageMaker API call whose response is a resource's `description`. */
export const DESCRIBE_OPERATIONS: Record<ResourceType, string> = {
  'notebook-instance': 'DescribeNotebookInstance',
  'notebook-instance-lifecycle-config':
    'DescribeNotebookInstanceLifecycleConfig',
  domain: 'DescribeDomain',
  'user-profile': 'DescribeUserProfile',
  space: 'DescribeSpace',
  model: 'DescribeModel',
  'endpoint-config': 'DescribeEndpointConfig',
  endpoint: 'DescribeEndpoint',
  'training-job': 'DescribeTrainingJob',
  'processing-job': 'DescribeProcessingJob',
  'transform-job': 'DescribeTransformJob',
  'hyperparameter-tuning-job': 'DescribeHyperParameterTuningJob',
  pipeline: 'DescribePipeline',
  'feature-group': 'DescribeFeatureGroup',
  'model-package-group': 'DescribeModelPackageGroup',
  'model-package': 'DescribeModelPackage',
  'monitoring-schedule': 'DescribeMonitoringSchedule',
  'data-quality-job-definition': 'DescribeDataQualityJobDefinition',
  'model-quality-job-definition': 'DescribeModelQualityJobDefinition',
  'model-bias-job-definition': 'DescribeModelBiasJobDefinition',
  'model-explainability-job-definition':
    'DescribeModelExplainabilityJobDefinition',
  'inference-experiment': 'DescribeInferenceExperiment',
};

/** `DescribeNotebookInstance.DirectInternetAccess` for a field of the resource. */
export function describePath(
  resource: SageMakerResource,
  path: string,
): string {
  return `${DESCRIBE_OPERATIONS[resource.type]}.${path}`;
}

export function fieldEvidence(
  resource: SageMakerResource,
  path: string,
  observed: unknown,
  expected: unknown,
): Evidence {
  return {
    path: describePath(resource, path),
    observed,
    expected,
    relatedArn: resource.arn,
  };
}
