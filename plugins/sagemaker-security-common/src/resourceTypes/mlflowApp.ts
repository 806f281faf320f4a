import { defineResourceType } from './descriptor';

/**
 * A SageMaker MLflow App (`AWS::SageMaker::MlflowApp`), the successor of the
 * tracking server: an S3 artifact store written with an IAM role, a KMS key
 * SageMaker reports, and a model registration mode. Described by ARN; its
 * ARN ends in a generated ID, not the name. Like a tracking server it reports
 * no VPC or network settings.
 */
export const mlflowApp = defineResourceType({
  id: 'mlflow-app',
  arnSegment: 'mlflow-app',
  job: false,
  catalog: {
    abbreviation: 'mlflow-app',
    label: 'MLflow App',
    // No console page: no documented console fragment names an MLflow App.
  },
  api: {
    list: 'ListMlflowApps',
    items: 'Summaries',
    summaryName: 'Name',
    summaryArn: 'Arn',
    describe: 'DescribeMlflowApp',
    describeInput: { Arn: 'Arn' },
    arnField: 'Arn',
    statusField: 'Status',
  },
  links: {
    // CreateMlflowApp takes no key; DescribeMlflowApp reports the one in use.
    kmsKeys: ['KmsKeyId'],
    roles: ['RoleArn'],
    s3Uris: ['ArtifactStoreUri'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::MlflowApp',
    nameProperty: 'Name',
    // "If not specified, ... defaults to AutoModelRegistrationDisabled."
    defaults: { ModelRegistrationMode: 'AutoModelRegistrationDisabled' },
  },
  simulator: {
    summary: [
      'Arn',
      'Name',
      'Status',
      'CreationTime',
      'LastModifiedTime',
      'MlflowVersion',
    ],
  },
});
