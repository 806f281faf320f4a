import {
  DescribeHyperParameterTuningJobCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  paginateListHyperParameterTuningJobs,
  paginateListProcessingJobs,
  paginateListTrainingJobs,
  paginateListTransformJobs,
} from '@aws-sdk/client-sagemaker';
import { sagemakerSpec } from './spec';

export const jobSpecs = [
  sagemakerSpec({
    type: 'training-job',
    isJob: true,
    list: 'ListTrainingJobs',
    paginate: paginateListTrainingJobs,
    items: 'TrainingJobSummaries',
    name: 'TrainingJobName',
    summaryArn: 'TrainingJobArn',
    describe: 'DescribeTrainingJob',
    describeCommand: s =>
      new DescribeTrainingJobCommand({ TrainingJobName: s.TrainingJobName }),
    arnField: 'TrainingJobArn',
    statusField: 'TrainingJobStatus',
  }),
  sagemakerSpec({
    type: 'processing-job',
    isJob: true,
    list: 'ListProcessingJobs',
    paginate: paginateListProcessingJobs,
    items: 'ProcessingJobSummaries',
    name: 'ProcessingJobName',
    summaryArn: 'ProcessingJobArn',
    describe: 'DescribeProcessingJob',
    describeCommand: s =>
      new DescribeProcessingJobCommand({
        ProcessingJobName: s.ProcessingJobName,
      }),
    arnField: 'ProcessingJobArn',
    statusField: 'ProcessingJobStatus',
  }),
  sagemakerSpec({
    type: 'transform-job',
    isJob: true,
    list: 'ListTransformJobs',
    paginate: paginateListTransformJobs,
    items: 'TransformJobSummaries',
    name: 'TransformJobName',
    summaryArn: 'TransformJobArn',
    describe: 'DescribeTransformJob',
    describeCommand: s =>
      new DescribeTransformJobCommand({ TransformJobName: s.TransformJobName }),
    arnField: 'TransformJobArn',
    statusField: 'TransformJobStatus',
  }),
  sagemakerSpec({
    type: 'hyperparameter-tuning-job',
    isJob: true,
    list: 'ListHyperParameterTuningJobs',
    paginate: paginateListHyperParameterTuningJobs,
    items: 'HyperParameterTuningJobSummaries',
    name: 'HyperParameterTuningJobName',
    summaryArn: 'HyperParameterTuningJobArn',
    describe: 'DescribeHyperParameterTuningJob',
    describeCommand: s =>
      new DescribeHyperParameterTuningJobCommand({
        HyperParameterTuningJobName: s.HyperParameterTuningJobName,
      }),
    arnField: 'HyperParameterTuningJobArn',
    statusField: 'HyperParameterTuningJobStatus',
  }),
];
