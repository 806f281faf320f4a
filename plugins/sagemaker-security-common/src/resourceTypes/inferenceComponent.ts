import { defineResourceType } from './descriptor';

/**
 * An inference component (`AWS::SageMaker::InferenceComponent`): a model
 * hosted on a shared endpoint (`EndpointName`, `VariantName`), either a
 * SageMaker model (`Specification.ModelName`) or a container of its own
 * (`Specification.Container`: image, model artifacts, environment). Created
 * with several specifications (one per instance type), it reports
 * `Specifications[]` instead of `Specification`. Isolation, VPC and keys are
 * the model's and the endpoint configuration's: the component's checks read
 * them through the inventory.
 */
export const inferenceComponent = defineResourceType({
  id: 'inference-component',
  arnSegment: 'inference-component',
  job: false,
  catalog: {
    abbreviation: 'inference-component',
    label: 'inference component',
    dependsOn: [
      { on: 'endpoint', paths: ['EndpointName'] },
      {
        on: 'model',
        paths: ['Specification.ModelName', 'Specifications[].ModelName'],
      },
    ],
  },
  api: {
    list: 'ListInferenceComponents',
    items: 'InferenceComponents',
    summaryName: 'InferenceComponentName',
    summaryArn: 'InferenceComponentArn',
    describe: 'DescribeInferenceComponent',
    describeInput: { InferenceComponentName: 'InferenceComponentName' },
    arnField: 'InferenceComponentArn',
    statusField: 'InferenceComponentStatus',
    // UpdateInferenceComponent and status changes move these.
    changeFields: ['LastModifiedTime', 'InferenceComponentStatus'],
  },
  links: {
    s3Uris: [
      'Specification.Container.ArtifactUrl',
      'Specifications[].Container.ArtifactUrl',
    ],
  },
  environmentFields: [
    'Specification.Container.Environment',
    'Specifications[].Container.Environment',
  ],
  cloudFormation: {
    type: 'AWS::SageMaker::InferenceComponent',
    nameProperty: 'InferenceComponentName',
  },
  simulator: {
    summary: [
      'InferenceComponentName',
      'InferenceComponentArn',
      'EndpointName',
      'EndpointArn',
      'VariantName',
      'InferenceComponentStatus',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
