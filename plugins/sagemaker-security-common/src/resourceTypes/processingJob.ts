import { defineResourceType } from './descriptor';

/** A processing job. */
export const processingJob = defineResourceType({
  id: 'processing-job',
  arnSegment: 'processing-job',
  job: true,
  api: {
    list: 'ListProcessingJobs',
    items: 'ProcessingJobSummaries',
    summaryName: 'ProcessingJobName',
    summaryArn: 'ProcessingJobArn',
    describe: 'DescribeProcessingJob',
    describeInput: { ProcessingJobName: 'ProcessingJobName' },
    arnField: 'ProcessingJobArn',
    statusField: 'ProcessingJobStatus',
  },
  links: {
    kmsKeys: [
      'ProcessingOutputConfig.KmsKeyId',
      'ProcessingResources.ClusterConfig.VolumeKmsKeyId',
    ],
    roles: ['RoleArn'],
    securityGroups: ['NetworkConfig.VpcConfig.SecurityGroupIds[]'],
    subnets: ['NetworkConfig.VpcConfig.Subnets[]'],
    s3Uris: [
      'ProcessingInputs[].S3Input.S3Uri',
      'ProcessingOutputConfig.Outputs[].S3Output.S3Uri',
    ],
  },
  environmentFields: ['Environment'],
  logGroup: '/aws/sagemaker/ProcessingJobs',
  simulator: {
    summary: [
      'ProcessingJobName',
      'ProcessingJobArn',
      'ProcessingJobStatus',
      'CreationTime',
    ],
  },
});
