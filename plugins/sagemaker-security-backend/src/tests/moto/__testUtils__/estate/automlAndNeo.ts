/**
 * The estate's AutoML (CreateAutoMLJobV2) and compilation (Neo,
 * CreateCompilationJob) jobs, good and bad, built through the SDK. moto
 * requires the tabular problem type and completion criteria of an AutoML
 * job, keeps it InProgress (secondary status Completed) and answers
 * DescribeAutoMLJobV2 with SecurityConfig and OutputDataConfig as sent.
 * ListTags on a compilation job created without tags answers HTTP 500, so
 * both are tagged. Flow definitions (human review workflows) cannot be
 * created in moto at all (see motoGaps.ts).
 */
import {
  CreateAutoMLJobV2Command,
  CreateCompilationJobCommand,
} from '@aws-sdk/client-sagemaker';
import { EstateClients } from './clients';
import { Estate, OWNED } from './inference';

const TEAM_ONLY = [{ Key: 'team', Value: 'group:default/fraud-ml' }];

const automlInput = (uri: string) => [
  {
    ChannelType: 'training' as const,
    DataSource: {
      S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: uri },
    },
  },
];

const tabular = {
  TabularJobConfig: {
    TargetAttributeName: 'is_fraud',
    ProblemType: 'BinaryClassification' as const,
    CompletionCriteria: { MaxCandidates: 5 },
  },
};

export async function createAutoMLAndCompilationJobs(
  c: EstateClients,
  e: Estate,
) {
  const vpc = {
    Subnets: [e.network.privateSubnet],
    SecurityGroupIds: [e.network.lockedGroup],
  };
  // In the private VPC, both keys (the good one), inter-container traffic
  // encrypted, scoped role, the secure bucket.
  await c.sagemaker.send(
    new CreateAutoMLJobV2Command({
      AutoMLJobName: 'automl-secure',
      AutoMLJobInputDataConfig: automlInput('s3://ml-secure/automl/'),
      OutputDataConfig: {
        S3OutputPath: 's3://ml-secure/automl-out/',
        KmsKeyId: e.keys.good,
      },
      RoleArn: e.roles.scoped,
      AutoMLProblemTypeConfig: tabular,
      SecurityConfig: {
        VolumeKmsKeyId: e.keys.good,
        EnableInterContainerTrafficEncryption: true,
        VpcConfig: vpc,
      },
      Tags: OWNED,
    }),
  );
  // No SecurityConfig at all (no VPC, no volume key, traffic in clear), no
  // output key, wildcard role, the plain bucket in and the SSE-S3 one out.
  await c.sagemaker.send(
    new CreateAutoMLJobV2Command({
      AutoMLJobName: 'automl-open',
      AutoMLJobInputDataConfig: automlInput('s3://ml-plain/automl/'),
      OutputDataConfig: { S3OutputPath: 's3://ml-sse-s3/automl-out/' },
      RoleArn: e.roles.wildcard,
      AutoMLProblemTypeConfig: tabular,
    }),
  );
  await c.sagemaker.send(
    new CreateCompilationJobCommand({
      CompilationJobName: 'compile-secure',
      RoleArn: e.roles.scoped,
      InputConfig: {
        S3Uri: 's3://ml-secure/models/fraud.tar.gz',
        Framework: 'PYTORCH',
        DataInputConfig: '{"input0":[1,64]}',
      },
      OutputConfig: {
        S3OutputLocation: 's3://ml-secure/compiled/',
        TargetDevice: 'ml_c5',
        KmsKeyId: e.keys.good,
      },
      VpcConfig: vpc,
      StoppingCondition: { MaxRuntimeInSeconds: 900 },
      Tags: OWNED,
    }),
  );
  await c.sagemaker.send(
    new CreateCompilationJobCommand({
      CompilationJobName: 'compile-open',
      RoleArn: e.roles.wildcard,
      InputConfig: {
        S3Uri: 's3://ml-plain/models/fraud.tar.gz',
        Framework: 'PYTORCH',
        DataInputConfig: '{"input0":[1,64]}',
      },
      OutputConfig: {
        S3OutputLocation: 's3://ml-sse-s3/compiled/',
        TargetDevice: 'ml_c5',
      },
      StoppingCondition: { MaxRuntimeInSeconds: 900 },
      Tags: TEAM_ONLY,
    }),
  );
}
