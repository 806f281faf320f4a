import { defineResourceType } from './descriptor';

/**
 * A SageMaker MLflow tracking server (`AWS::SageMaker::MlflowTrackingServer`):
 * experiment runs and model artifacts in an S3 artifact store, written with
 * an IAM role SageMaker assumes. DescribeMlflowTrackingServer reports no VPC,
 * network or KMS settings (the server is reached through presigned URLs), so
 * no network or key check applies to it.
 */
export const mlflowTrackingServer = defineResourceType({
  id: 'mlflow-tracking-server',
  arnSegment: 'mlflow-tracking-server',
  job: false,
  catalog: {
    abbreviation: 'mlflow',
    label: 'MLflow tracking server',
    // No console page: the tracking servers are opened from Studio, and no
    // documented console fragment names one.
  },
  api: {
    list: 'ListMlflowTrackingServers',
    items: 'TrackingServerSummaries',
    summaryName: 'TrackingServerName',
    summaryArn: 'TrackingServerArn',
    describe: 'DescribeMlflowTrackingServer',
    describeInput: { TrackingServerName: 'TrackingServerName' },
    arnField: 'TrackingServerArn',
    statusField: 'TrackingServerStatus',
  },
  links: {
    // The role the server uses to reach its artifact store (AWS's guide
    // suggests AmazonS3FullAccess, which the execution-role checks flag).
    roles: ['RoleArn'],
    s3Uris: ['ArtifactStoreUri'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::MlflowTrackingServer',
    nameProperty: 'TrackingServerName',
    // The primary identifier is TrackingServerName.
    refIsName: true,
    // "If not specified, AutomaticModelRegistration defaults to False."
    defaults: { AutomaticModelRegistration: false },
  },
  simulator: {
    summary: [
      'TrackingServerName',
      'TrackingServerArn',
      'TrackingServerStatus',
      'IsActive',
      'MlflowVersion',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
