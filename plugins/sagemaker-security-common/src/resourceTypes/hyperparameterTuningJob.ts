import { defineResourceType } from './descriptor';

/** A hyperparameter tuning job; ARNs spell the type `hyper-parameter-tuning-job`. */
export const hyperparameterTuningJob = defineResourceType({
  id: 'hyperparameter-tuning-job',
  arnSegment: 'hyper-parameter-tuning-job',
  job: true,
  api: {
    list: 'ListHyperParameterTuningJobs',
    items: 'HyperParameterTuningJobSummaries',
    summaryName: 'HyperParameterTuningJobName',
    summaryArn: 'HyperParameterTuningJobArn',
    describe: 'DescribeHyperParameterTuningJob',
    describeInput: {
      HyperParameterTuningJobName: 'HyperParameterTuningJobName',
    },
    arnField: 'HyperParameterTuningJobArn',
    // Tags through the Resource Groups Tagging API (see taggingApi).
    taggingApi: true,
    statusField: 'HyperParameterTuningJobStatus',
  },
  links: {
    kmsKeys: [
      'TrainingJobDefinition.OutputDataConfig.KmsKeyId',
      'TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId',
      'TrainingJobDefinitions[].OutputDataConfig.KmsKeyId',
      'TrainingJobDefinitions[].ResourceConfig.VolumeKmsKeyId',
    ],
    roles: [
      'TrainingJobDefinition.RoleArn',
      'TrainingJobDefinitions[].RoleArn',
    ],
    securityGroups: [
      'TrainingJobDefinition.VpcConfig.SecurityGroupIds[]',
      'TrainingJobDefinitions[].VpcConfig.SecurityGroupIds[]',
    ],
    subnets: [
      'TrainingJobDefinition.VpcConfig.Subnets[]',
      'TrainingJobDefinitions[].VpcConfig.Subnets[]',
    ],
    s3Uris: [
      'TrainingJobDefinition.InputDataConfig[].DataSource.S3DataSource.S3Uri',
      'TrainingJobDefinition.OutputDataConfig.S3OutputPath',
    ],
  },
  // Tuning jobs' training jobs log where training jobs do.
  environmentFields: [
    'TrainingJobDefinition.StaticHyperParameters',
    'TrainingJobDefinition.Environment',
    'TrainingJobDefinitions[].StaticHyperParameters',
    'TrainingJobDefinitions[].Environment',
  ],
  logGroup: '/aws/sagemaker/TrainingJobs',
  simulator: {
    summary: [
      'HyperParameterTuningJobName',
      'HyperParameterTuningJobArn',
      'HyperParameterTuningJobStatus',
      'CreationTime',
    ],
  },
});
