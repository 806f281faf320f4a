/*
 * An AutoML job declared in CloudFormation: `AWS::SageMaker::AutoMLJob`
 * declares the CreateAutoMLJob (V1) request, the checks read the
 * DescribeAutoMLJobV2 description; mapped by `mapAutoMLJob.ts` and judged
 * before deploy. The fail and unknown cases per field are in
 * `mapAutoMLJob.verdicts.test.ts`.
 */
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { evaluateInventory } from '../evaluate/runChecks';
import {
  IN_VPC,
  INTER_CONTAINER,
  inventoryOf,
  jobWith,
  Json,
  OUTPUT_AND_VOLUME_KEYS,
  secureJob,
  stack,
  verdicts,
} from '../testing/automlJobStack';

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
