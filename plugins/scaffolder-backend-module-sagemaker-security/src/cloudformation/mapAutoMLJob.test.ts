/*
 * An AutoML job declared in CloudFormation: `AWS::SageMaker::AutoMLJob`
 * declares the CreateAutoMLJob (V1) request, the checks read the
 * DescribeAutoMLJobV2 description; mapped by `mapAutoMLJob.ts` and judged
 * before deploy. A value known only at deploy is unknown, never a pass or a
 * fail.
 */
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { evaluateInventory } from '../evaluate/runChecks';
import { mapToInventory } from './mapResources';
import { parseCloudFormation } from './parse';

const env = {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
};

const OUTPUT_AND_VOLUME_KEYS = 'automl-job-output-and-volume-kms-keys';
const INTER_CONTAINER = 'automl-job-inter-container-encryption';
const IN_VPC = 'automl-job-in-vpc';
const AUTOML_CHECKS = [OUTPUT_AND_VOLUME_KEYS, INTER_CONTAINER, IN_VPC];

type Json = Record<string, any>;

/** A secure job: both keys from the template's key, ICC on, in a VPC. */
function secureJob(): Json {
  return {
    InputDataConfig: [
      {
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: 's3://ml-data/churn/',
          },
        },
        TargetAttributeName: 'churned',
        ContentType: 'text/csv;header=present',
      },
      {
        ChannelType: 'validation',
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: 's3://ml-data/churn-validation/',
          },
        },
        TargetAttributeName: 'churned',
      },
    ],
    OutputDataConfig: {
      S3OutputPath: 's3://ml-artifacts/autopilot/',
      KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] },
    },
    RoleArn: 'arn:aws:iam::000000000000:role/autopilot',
    ProblemType: 'BinaryClassification',
    AutoMLJobObjective: { MetricName: 'F1' },
    GenerateCandidateDefinitionsOnly: false,
    AutoMLJobConfig: {
      Mode: 'ENSEMBLING',
      CompletionCriteria: { MaxCandidates: 10 },
      CandidateGenerationConfig: {
        FeatureSpecificationS3Uri: 's3://ml-data/churn/features.json',
        AlgorithmsConfig: [{ AutoMLAlgorithms: ['xgboost', 'lightgbm'] }],
      },
      DataSplitConfig: { ValidationFraction: 0.2 },
      SecurityConfig: {
        VolumeKmsKeyId: { Ref: 'Key' },
        EnableInterContainerTrafficEncryption: true,
        VpcConfig: {
          SecurityGroupIds: ['sg-0123456789abcdef0'],
          Subnets: ['subnet-0123456789abcdef0'],
        },
      },
    },
    Tags: [{ Key: 'ml-service', Value: 'churn' }],
  };
}

/** A stack with a rotated customer-managed key and the job as `Job`. */
function stack(job: Json, extra: Json = {}): string {
  return JSON.stringify({
    Parameters: {
      KeyArn: { Type: 'String' },
      Encrypt: { Type: 'String' },
      UseVpc: { Type: 'String' },
    },
    Conditions: { Vpc: { 'Fn::Equals': [{ Ref: 'UseVpc' }, 'yes'] } },
    Resources: {
      Key: {
        Type: 'AWS::KMS::Key',
        Properties: {
          EnableKeyRotation: true,
          KeyPolicy: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: {
                  AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' },
                },
                Action: 'kms:*',
                Resource: '*',
              },
            ],
          },
        },
      },
      Job: { Type: 'AWS::SageMaker::AutoMLJob', Properties: job },
      ...extra,
    },
  });
}

function inventoryOf(template: string) {
  return mapToInventory([parseCloudFormation(template, 'automl.json')!], env);
}

function verdicts(template: string) {
  const inventory = inventoryOf(template);
  const findings = evaluateInventory(inventory, defaultChecks);
  const status = (checkId: string) =>
    findings.find(f => f.resourceType === 'automl-job' && f.checkId === checkId)
      ?.status;
  return Object.fromEntries(AUTOML_CHECKS.map(id => [id, status(id)]));
}

/** Applies `change` to a fresh secure job. */
function jobWith(change: (job: Json) => void): Json {
  const job = secureJob();
  change(job);
  return job;
}

describe('an AutoML job (AWS::SageMaker::AutoMLJob)', () => {
  it('maps the V1 request to the DescribeAutoMLJobV2 shape', () => {
    const { resources, sources } = inventoryOf(stack(secureJob()));
    expect(resources).toHaveLength(1);
    const [job] = resources;
    const keyArn = (job.description.OutputDataConfig as Json).KmsKeyId;
    expect(keyArn).toMatch(
      /^arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}$/,
    );
    expect(job).toMatchObject({
      type: 'automl-job',
      // CloudFormation generates the name: the logical ID stands for it.
      name: 'Job',
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:automl-job/job',
      tags: { 'ml-service': 'churn' },
      errors: [],
    });
    expect(job.description).toEqual({
      AutoMLJobName: 'Job',
      AutoMLJobArn: 'arn:aws:sagemaker:us-east-1:000000000000:automl-job/job',
      AutoMLJobInputDataConfig: [
        {
          ContentType: 'text/csv;header=present',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://ml-data/churn/',
            },
          },
        },
        {
          ChannelType: 'validation',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://ml-data/churn-validation/',
            },
          },
        },
      ],
      OutputDataConfig: {
        S3OutputPath: 's3://ml-artifacts/autopilot/',
        KmsKeyId: keyArn,
      },
      RoleArn: 'arn:aws:iam::000000000000:role/autopilot',
      AutoMLJobObjective: { MetricName: 'F1' },
      AutoMLProblemTypeConfigName: 'Tabular',
      AutoMLProblemTypeConfig: {
        TabularJobConfig: {
          CandidateGenerationConfig: {
            AlgorithmsConfig: [{ AutoMLAlgorithms: ['xgboost', 'lightgbm'] }],
          },
          CompletionCriteria: { MaxCandidates: 10 },
          FeatureSpecificationS3Uri: 's3://ml-data/churn/features.json',
          Mode: 'ENSEMBLING',
          GenerateCandidateDefinitionsOnly: false,
          ProblemType: 'BinaryClassification',
          TargetAttributeName: 'churned',
        },
      },
      SecurityConfig: {
        // Ref of a key is its ARN here (the same key as its Fn::GetAtt Arn).
        VolumeKmsKeyId: keyArn,
        EnableInterContainerTrafficEncryption: true,
        VpcConfig: {
          SecurityGroupIds: ['sg-0123456789abcdef0'],
          Subnets: ['subnet-0123456789abcdef0'],
        },
      },
      DataSplitConfig: { ValidationFraction: 0.2 },
    });
    expect(sources[job.arn]).toEqual({
      file: 'automl.json',
      logicalId: 'Job',
      cfnType: 'AWS::SageMaker::AutoMLJob',
    });
  });

  it('answers Fn::GetAtt of the generated name and ARN, and Ref with the ARN', () => {
    const { resources } = inventoryOf(
      stack(secureJob(), {
        Report: {
          Type: 'AWS::SageMaker::ModelPackageGroup',
          Properties: {
            ModelPackageGroupName: 'autopilot-models',
            ModelPackageGroupDescription: {
              'Fn::Sub': '${Job.AutoMLJobName} ${Job.AutoMLJobArn} ${Job}',
            },
          },
        },
      }),
    );
    const group = resources.find(r => r.type === 'model-package-group')!;
    const arn = 'arn:aws:sagemaker:us-east-1:000000000000:automl-job/job';
    expect(group.description.ModelPackageGroupDescription).toBe(
      `Job ${arn} ${arn}`,
    );
  });

  it('passes a job with both keys, inter-container encryption and a VPC', () => {
    expect(verdicts(stack(secureJob()))).toEqual({
      [OUTPUT_AND_VOLUME_KEYS]: 'pass',
      [INTER_CONTAINER]: 'pass',
      [IN_VPC]: 'pass',
    });
  });

  it('reaches the key and role checks through the mapped fields', () => {
    const inventory = inventoryOf(stack(secureJob()));
    const findings = evaluateInventory(inventory, defaultChecks);
    const onJob = (checkId: string) =>
      findings.find(
        f => f.resourceType === 'automl-job' && f.checkId === checkId,
      );
    // The template's key, read from both mapped key fields.
    expect(onJob('kms-keys-customer-managed')).toMatchObject({
      status: 'pass',
    });
    expect(onJob('kms-keys-rotation-enabled')).toMatchObject({
      status: 'pass',
    });
    const aws = inventoryOf(
      stack(
        jobWith(job => {
          job.AutoMLJobConfig.SecurityConfig.VolumeKmsKeyId =
            'alias/aws/sagemaker';
        }),
      ),
    );
    expect(
      evaluateInventory(aws, defaultChecks).find(
        f =>
          f.resourceType === 'automl-job' &&
          f.checkId === 'kms-keys-customer-managed',
      )?.status,
    ).toBe('fail');
  });

  it.each([
    [
      'no output key',
      (job: Json) => delete job.OutputDataConfig.KmsKeyId,
      { [OUTPUT_AND_VOLUME_KEYS]: 'fail' },
    ],
    [
      'no volume key',
      (job: Json) => delete job.AutoMLJobConfig.SecurityConfig.VolumeKmsKeyId,
      { [OUTPUT_AND_VOLUME_KEYS]: 'fail' },
    ],
    [
      'inter-container encryption off',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.EnableInterContainerTrafficEncryption =
          false;
      },
      { [INTER_CONTAINER]: 'fail' },
    ],
    [
      'inter-container encryption omitted (false by default)',
      (job: Json) =>
        delete job.AutoMLJobConfig.SecurityConfig
          .EnableInterContainerTrafficEncryption,
      { [INTER_CONTAINER]: 'fail' },
    ],
    [
      'no VPC',
      (job: Json) => delete job.AutoMLJobConfig.SecurityConfig.VpcConfig,
      { [IN_VPC]: 'fail' },
    ],
    [
      'no security config',
      (job: Json) => delete job.AutoMLJobConfig.SecurityConfig,
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'fail',
        [INTER_CONTAINER]: 'fail',
        [IN_VPC]: 'fail',
      },
    ],
    [
      'no AutoMLJobConfig at all',
      (job: Json) => delete job.AutoMLJobConfig,
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'fail',
        [INTER_CONTAINER]: 'fail',
        [IN_VPC]: 'fail',
      },
    ],
  ])(
    'fails a job with %s, and only the check it concerns',
    (_, change, failing) => {
      expect(verdicts(stack(jobWith(change)))).toEqual({
        [OUTPUT_AND_VOLUME_KEYS]: 'pass',
        [INTER_CONTAINER]: 'pass',
        [IN_VPC]: 'pass',
        ...failing,
      });
    },
  );

  it.each([
    [
      'an imported output key',
      (job: Json) => {
        job.OutputDataConfig.KmsKeyId = { 'Fn::ImportValue': 'shared-key' };
      },
      { [OUTPUT_AND_VOLUME_KEYS]: 'unknown' },
      'OutputDataConfig.KmsKeyId',
    ],
    [
      'a volume key from a parameter without default',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.VolumeKmsKeyId = { Ref: 'KeyArn' };
      },
      { [OUTPUT_AND_VOLUME_KEYS]: 'unknown' },
      'SecurityConfig.VolumeKmsKeyId',
    ],
    [
      'an encryption flag from a parameter without default',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.EnableInterContainerTrafficEncryption =
          { Ref: 'Encrypt' };
      },
      { [INTER_CONTAINER]: 'unknown' },
      'SecurityConfig.EnableInterContainerTrafficEncryption',
    ],
    [
      'a VPC under a condition on unknown input',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig.VpcConfig = {
          'Fn::If': [
            'Vpc',
            job.AutoMLJobConfig.SecurityConfig.VpcConfig,
            { Ref: 'AWS::NoValue' },
          ],
        };
      },
      { [IN_VPC]: 'unknown' },
      'SecurityConfig.VpcConfig',
    ],
    [
      'a whole security config known only at deploy',
      (job: Json) => {
        job.AutoMLJobConfig.SecurityConfig = {
          'Fn::ImportValue': 'automl-security',
        };
      },
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'unknown',
        [INTER_CONTAINER]: 'unknown',
        [IN_VPC]: 'unknown',
      },
      'SecurityConfig',
    ],
    [
      'a whole AutoMLJobConfig known only at deploy',
      (job: Json) => {
        job.AutoMLJobConfig = { 'Fn::ImportValue': 'automl-config' };
      },
      {
        [OUTPUT_AND_VOLUME_KEYS]: 'unknown',
        [INTER_CONTAINER]: 'unknown',
        [IN_VPC]: 'unknown',
      },
      'SecurityConfig',
    ],
  ])(
    'is unknown, never pass or fail, on %s',
    (_, change, unknownChecks, field) => {
      const template = stack(jobWith(change));
      expect(verdicts(template)).toEqual({
        [OUTPUT_AND_VOLUME_KEYS]: 'pass',
        [INTER_CONTAINER]: 'pass',
        [IN_VPC]: 'pass',
        ...unknownChecks,
      });
      // Recorded under the V2 field the checks read.
      const [job] = inventoryOf(template).resources;
      expect(job.errors).toContainEqual(
        expect.objectContaining({
          code: 'UnresolvedBeforeDeploy',
          field,
          target: 'automl.json#Job',
        }),
      );
    },
  );

  it('keeps channels and the target column known only at deploy unresolved', () => {
    const [job] = inventoryOf(
      stack(
        jobWith(declared => {
          declared.InputDataConfig = { 'Fn::ImportValue': 'automl-input' };
        }),
      ),
    ).resources;
    expect(job.errors.map(e => e.field).sort()).toEqual([
      'AutoMLJobInputDataConfig',
      'AutoMLProblemTypeConfig.TabularJobConfig.TargetAttributeName',
    ]);
  });
});
