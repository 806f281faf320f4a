/*
 * An AutoML job stack for the pre-deploy tests of `AWS::SageMaker::AutoMLJob`
 * (`cloudformation/mapAutoMLJob.ts`): a secure job, a stack around it with a
 * rotated customer-managed key and parameters without defaults, and the
 * verdicts of the three AutoML job checks.
 */
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { mapToInventory } from '../cloudformation/mapResources';
import { parseCloudFormation } from '../cloudformation/parse';
import { evaluateInventory } from '../evaluate/runChecks';

export const env = {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
};

export const OUTPUT_AND_VOLUME_KEYS = 'automl-job-output-and-volume-kms-keys';
export const INTER_CONTAINER = 'automl-job-inter-container-encryption';
export const IN_VPC = 'automl-job-in-vpc';
export const AUTOML_CHECKS = [OUTPUT_AND_VOLUME_KEYS, INTER_CONTAINER, IN_VPC];

export type Json = Record<string, any>;

/** A secure job: both keys from the template's key, ICC on, in a VPC. */
export function secureJob(): Json {
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
export function stack(job: Json, extra: Json = {}): string {
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

export function inventoryOf(template: string) {
  return mapToInventory([parseCloudFormation(template, 'automl.json')!], env);
}

export function verdicts(template: string) {
  const inventory = inventoryOf(template);
  const findings = evaluateInventory(inventory, defaultChecks);
  // The AutoML checks judge only the template's one job.
  const status = (checkId: string) =>
    findings.find(f => f.checkId === checkId)?.status;
  return Object.fromEntries(AUTOML_CHECKS.map(id => [id, status(id)]));
}

/** Applies `change` to a fresh secure job. */
export function jobWith(change: (job: Json) => void): Json {
  const job = secureJob();
  change(job);
  return job;
}
