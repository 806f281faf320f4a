import { defineResourceType } from './descriptor';

/** A training job. */
export const trainingJob = defineResourceType({
  id: 'training-job',
  arnSegment: 'training-job',
  job: true,
  api: {
    list: 'ListTrainingJobs',
    items: 'TrainingJobSummaries',
    summaryName: 'TrainingJobName',
    summaryArn: 'TrainingJobArn',
    describe: 'DescribeTrainingJob',
    describeInput: { TrainingJobName: 'TrainingJobName' },
    arnField: 'TrainingJobArn',
    statusField: 'TrainingJobStatus',
    search: {
      resource: 'TrainingJob',
      record: 'TrainingJob',
      // The remote-debugging check reads it, only while the job runs;
      // Search's record lacks it: running jobs are described too.
      describeFields: ['RemoteDebugConfig'],
      describeWhileRunning: true,
    },
  },
  links: {
    kmsKeys: ['OutputDataConfig.KmsKeyId', 'ResourceConfig.VolumeKmsKeyId'],
    roles: ['RoleArn'],
    securityGroups: ['VpcConfig.SecurityGroupIds[]'],
    subnets: ['VpcConfig.Subnets[]'],
    s3Uris: [
      'InputDataConfig[].DataSource.S3DataSource.S3Uri',
      'OutputDataConfig.S3OutputPath',
      'CheckpointConfig.S3Uri',
    ],
  },
  environmentFields: ['Environment', 'HyperParameters'],
  logGroup: '/aws/sagemaker/TrainingJobs',
  simulator: {
    summary: [
      'TrainingJobName',
      'TrainingJobArn',
      'TrainingJobStatus',
      'CreationTime',
    ],
  },
});
