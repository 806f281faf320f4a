import { defineResourceType } from './descriptor';

/** A batch transform job. */
export const transformJob = defineResourceType({
  id: 'transform-job',
  arnSegment: 'transform-job',
  job: true,
  api: {
    list: 'ListTransformJobs',
    items: 'TransformJobSummaries',
    summaryName: 'TransformJobName',
    summaryArn: 'TransformJobArn',
    describe: 'DescribeTransformJob',
    describeInput: { TransformJobName: 'TransformJobName' },
    arnField: 'TransformJobArn',
    // Tags through the Resource Groups Tagging API (see taggingApi).
    taggingApi: true,
    statusField: 'TransformJobStatus',
  },
  links: {
    kmsKeys: [
      'TransformOutput.KmsKeyId',
      'TransformResources.VolumeKmsKeyId',
      'DataCaptureConfig.KmsKeyId',
    ],
    s3Uris: [
      'TransformInput.DataSource.S3DataSource.S3Uri',
      'TransformOutput.S3OutputPath',
    ],
  },
  environmentFields: ['Environment'],
  logGroup: '/aws/sagemaker/TransformJobs',
  simulator: {
    summary: [
      'TransformJobName',
      'TransformJobArn',
      'TransformJobStatus',
      'CreationTime',
    ],
  },
});
