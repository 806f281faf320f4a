import { defineResourceType } from './descriptor';

/** A model (container images, model data, execution role). */
export const model = defineResourceType({
  id: 'model',
  arnSegment: 'model',
  job: false,
  catalog: {
    abbreviation: 'model',
    consolePage: 'models/{name}',
    dependsOn: [
      {
        on: 'model-package-group',
        paths: [
          'PrimaryContainer.ModelPackageName',
          'Containers[].ModelPackageName',
        ],
        value: 'modelPackageArn',
      },
    ],
  },
  api: {
    list: 'ListModels',
    items: 'Models',
    summaryName: 'ModelName',
    summaryArn: 'ModelArn',
    describe: 'DescribeModel',
    describeInput: { ModelName: 'ModelName' },
    arnField: 'ModelArn',
    // Tags through the Resource Groups Tagging API (see taggingApi).
    taggingApi: true,
    // SageMaker has no UpdateModel: a model changes only by being recreated.
    immutable: true,
  },
  links: {
    roles: ['ExecutionRoleArn'],
    securityGroups: ['VpcConfig.SecurityGroupIds[]'],
    subnets: ['VpcConfig.Subnets[]'],
    s3Uris: [
      'PrimaryContainer.ModelDataUrl',
      'PrimaryContainer.ModelDataSource.S3DataSource.S3Uri',
      'Containers[].ModelDataUrl',
    ],
  },
  cloudFormation: { type: 'AWS::SageMaker::Model', nameProperty: 'ModelName' },
  simulator: {
    summary: ['ModelName', 'ModelArn', 'ModelStatus', 'CreationTime'],
  },
});
