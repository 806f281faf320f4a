import { defineResourceType } from './descriptor';

/**
 * A model compilation (SageMaker Neo) job. Its statuses are upper case
 * (`COMPLETED`, `FAILED`, `STOPPED`). CloudFormation has no compilation job
 * type.
 */
export const compilationJob = defineResourceType({
  id: 'compilation-job',
  arnSegment: 'compilation-job',
  job: true,
  api: {
    list: 'ListCompilationJobs',
    items: 'CompilationJobSummaries',
    summaryName: 'CompilationJobName',
    summaryArn: 'CompilationJobArn',
    describe: 'DescribeCompilationJob',
    describeInput: { CompilationJobName: 'CompilationJobName' },
    arnField: 'CompilationJobArn',
    statusField: 'CompilationJobStatus',
  },
  links: {
    kmsKeys: ['OutputConfig.KmsKeyId'],
    roles: ['RoleArn'],
    securityGroups: ['VpcConfig.SecurityGroupIds[]'],
    subnets: ['VpcConfig.Subnets[]'],
    s3Uris: ['InputConfig.S3Uri', 'OutputConfig.S3OutputLocation'],
  },
  simulator: {
    summary: [
      'CompilationJobName',
      'CompilationJobArn',
      'CompilationJobStatus',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
