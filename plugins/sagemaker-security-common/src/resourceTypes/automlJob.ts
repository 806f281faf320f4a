import { defineResourceType } from './descriptor';

/**
 * An AutoML (Autopilot) job, listed by ListAutoMLJobs and described with
 * DescribeAutoMLJobV2, which also describes jobs created with the V1 API
 * (DescribeAutoMLJob cannot describe V2 jobs). Its security settings
 * (`SecurityConfig`) apply to every training and processing job it launches.
 *
 * CloudFormation's `AWS::SageMaker::AutoMLJob` declares the V1 request
 * (`AutoMLJobConfig.SecurityConfig`, `InputDataConfig`, no name property: the
 * name is generated); the scaffolder module maps it to the V2 description
 * (`cloudformation/mapAutoMLJob.ts`).
 */
export const automlJob = defineResourceType({
  id: 'automl-job',
  arnSegment: 'automl-job',
  job: true,
  api: {
    list: 'ListAutoMLJobs',
    items: 'AutoMLJobSummaries',
    summaryName: 'AutoMLJobName',
    summaryArn: 'AutoMLJobArn',
    describe: 'DescribeAutoMLJobV2',
    describeInput: { AutoMLJobName: 'AutoMLJobName' },
    arnField: 'AutoMLJobArn',
    statusField: 'AutoMLJobStatus',
  },
  links: {
    kmsKeys: ['OutputDataConfig.KmsKeyId', 'SecurityConfig.VolumeKmsKeyId'],
    roles: ['RoleArn'],
    securityGroups: ['SecurityConfig.VpcConfig.SecurityGroupIds[]'],
    subnets: ['SecurityConfig.VpcConfig.Subnets[]'],
    s3Uris: [
      'AutoMLJobInputDataConfig[].DataSource.S3DataSource.S3Uri',
      'OutputDataConfig.S3OutputPath',
    ],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::AutoMLJob',
    // Not a property of the template (CloudFormation generates the name):
    // the Fn::GetAtt attribute that returns it.
    nameProperty: 'AutoMLJobName',
  },
  simulator: {
    summary: [
      'AutoMLJobName',
      'AutoMLJobArn',
      'AutoMLJobStatus',
      'AutoMLJobSecondaryStatus',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
