import {
  ACCOUNT,
  KEY_ARN,
  REGION,
  resource,
  ResourceOverrides,
  ROLE_ARN,
} from '../testing/fixtures';

const inVpc = { SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] };

/**
 * An AutoML job as DescribeAutoMLJobV2 returns it: in a VPC, both keys set,
 * inter-container traffic encrypted.
 */
export const automlJob = (
  description: Record<string, unknown> = {},
  overrides: ResourceOverrides = {},
) =>
  resource(
    'automl-job',
    {
      AutoMLJobName: 'churn-autopilot',
      AutoMLJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:automl-job/churn-autopilot`,
      AutoMLJobStatus: 'Completed',
      AutoMLJobSecondaryStatus: 'Completed',
      AutoMLJobInputDataConfig: [
        {
          ChannelType: 'training',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://ml-data/churn/',
            },
          },
        },
      ],
      OutputDataConfig: {
        S3OutputPath: 's3://ml-artifacts/autopilot/',
        KmsKeyId: KEY_ARN,
      },
      RoleArn: ROLE_ARN,
      AutoMLProblemTypeConfigName: 'Tabular',
      SecurityConfig: {
        VolumeKmsKeyId: KEY_ARN,
        EnableInterContainerTrafficEncryption: true,
        VpcConfig: inVpc,
      },
      ...description,
    },
    { name: 'churn-autopilot', ...overrides },
  );

/** A compilation (Neo) job as DescribeCompilationJob returns it: in a VPC, output key set. */
export const compilationJob = (
  description: Record<string, unknown> = {},
  overrides: ResourceOverrides = {},
) =>
  resource(
    'compilation-job',
    {
      CompilationJobName: 'resnet-neo',
      CompilationJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:compilation-job/resnet-neo`,
      CompilationJobStatus: 'COMPLETED',
      RoleArn: ROLE_ARN,
      InputConfig: {
        S3Uri: 's3://ml-artifacts/resnet/model.tar.gz',
        Framework: 'PYTORCH',
      },
      OutputConfig: {
        S3OutputLocation: 's3://ml-artifacts/resnet/compiled/',
        TargetDevice: 'ml_c5',
        KmsKeyId: KEY_ARN,
      },
      VpcConfig: inVpc,
      ...description,
    },
    { name: 'resnet-neo', ...overrides },
  );

/** The work team ARN of each A2I workforce kind. */
export const WORKTEAMS = {
  private: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:workteam/private-crowd/claims-reviewers`,
  public: `arn:aws:sagemaker:${REGION}:394669845002:workteam/public-crowd/default`,
  vendor: `arn:aws:sagemaker:${REGION}:123456789012:workteam/vendor-crowd/acme-labelling`,
};

/** A human review workflow as DescribeFlowDefinition returns it: private reviewers, output key set. */
export const flowDefinition = (
  description: Record<string, unknown> = {},
  overrides: ResourceOverrides = {},
) =>
  resource(
    'flow-definition',
    {
      FlowDefinitionName: 'claims-review',
      FlowDefinitionArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:flow-definition/claims-review`,
      FlowDefinitionStatus: 'Active',
      HumanLoopConfig: {
        WorkteamArn: WORKTEAMS.private,
        HumanTaskUiArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:human-task-ui/claims`,
        TaskTitle: 'Review the claim',
        TaskDescription: 'Check the extracted fields',
        TaskCount: 1,
      },
      OutputConfig: {
        S3OutputPath: 's3://ml-artifacts/a2i/',
        KmsKeyId: KEY_ARN,
      },
      RoleArn: ROLE_ARN,
      ...description,
    },
    { name: 'claims-review', ...overrides },
  );
