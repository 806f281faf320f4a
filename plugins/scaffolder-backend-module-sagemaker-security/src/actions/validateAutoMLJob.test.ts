/*
 * `sagemaker-security:validate` on a template declaring AutoML jobs
 * (`AWS::SageMaker::AutoMLJob`, mapped from the V1 request to the
 * DescribeAutoMLJobV2 shape by `cloudformation/mapAutoMLJob.ts`).
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { createValidateAction } from './validate';

const AUTOML_JOBS = `
Parameters:
  VolumeKey:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  Churn:
    Type: AWS::SageMaker::AutoMLJob
    Properties:
      RoleArn: arn:aws:iam::000000000000:role/autopilot
      ProblemType: BinaryClassification
      InputDataConfig:
        - TargetAttributeName: churned
          DataSource:
            S3DataSource: { S3DataType: S3Prefix, S3Uri: s3://ml-data/churn/ }
      OutputDataConfig:
        S3OutputPath: s3://ml-artifacts/autopilot/
        KmsKeyId: !GetAtt Key.Arn
      AutoMLJobConfig:
        SecurityConfig:
          VolumeKmsKeyId: !Ref Key
          EnableInterContainerTrafficEncryption: true
          VpcConfig:
            SecurityGroupIds: [sg-0123456789abcdef0]
            Subnets: [subnet-0123456789abcdef0]
  Quick:
    Type: AWS::SageMaker::AutoMLJob
    Properties:
      RoleArn: arn:aws:iam::000000000000:role/autopilot
      InputDataConfig:
        - TargetAttributeName: y
          DataSource:
            S3DataSource: { S3DataType: S3Prefix, S3Uri: s3://ml-data/quick/ }
      OutputDataConfig:
        S3OutputPath: s3://ml-artifacts/quick/
  Pending:
    Type: AWS::SageMaker::AutoMLJob
    Properties:
      RoleArn: arn:aws:iam::000000000000:role/autopilot
      InputDataConfig:
        - TargetAttributeName: y
          DataSource:
            S3DataSource: { S3DataType: S3Prefix, S3Uri: s3://ml-data/pending/ }
      OutputDataConfig:
        S3OutputPath: s3://ml-artifacts/pending/
        KmsKeyId: !GetAtt Key.Arn
      AutoMLJobConfig:
        SecurityConfig:
          VolumeKmsKeyId: !Ref VolumeKey
          EnableInterContainerTrafficEncryption: true
          VpcConfig:
            SecurityGroupIds: [sg-0123456789abcdef0]
            Subnets: [subnet-0123456789abcdef0]
`;

describe('sagemaker-security:validate on AutoML jobs', () => {
  const mockDir = createMockDirectory();
  const action = createValidateAction({
    checks: [...defaultChecks],
    defaultFailOn: 'high',
  });

  function context(input: Record<string, unknown> = {}) {
    return createMockActionContext({
      workspacePath: mockDir.path,
      input: input as any,
      logger: mockServices.logger.mock(),
    });
  }

  async function outputsOf(input: Record<string, unknown>) {
    const ctx = context(input);
    await action.handler(ctx as any);
    const output = ctx.output as jest.Mock;
    const get = (name: string) =>
      output.mock.calls.find(([key]) => key === name)?.[1];
    return { findings: get('findings'), summary: get('summary') };
  }

  it('recognises AWS::SageMaker::AutoMLJob and judges it by the AutoML job checks', async () => {
    mockDir.setContent({ 'infra/automl.yaml': AUTOML_JOBS });
    const { findings, summary } = await outputsOf({ failOn: 'never' });
    expect(summary).toMatchObject({ files: 1, resources: 3 });
    const verdicts = (name: string) =>
      Object.fromEntries(
        findings
          .filter(
            (f: any) =>
              f.resourceType === 'automl-job' &&
              f.resourceName === name &&
              f.checkId.startsWith('automl-job-'),
          )
          .map((f: any) => [f.checkId, f.status]),
      );
    // Findings list what did not pass: the secure job has none of the three.
    expect(verdicts('Churn')).toEqual({});
    expect(verdicts('Quick')).toEqual({
      'automl-job-output-and-volume-kms-keys': 'fail',
      'automl-job-inter-container-encryption': 'fail',
      'automl-job-in-vpc': 'fail',
    });
    // The volume key is a parameter without default: known only at deploy.
    expect(verdicts('Pending')).toEqual({
      'automl-job-output-and-volume-kms-keys': 'unknown',
    });
    expect(
      findings.find(
        (f: any) =>
          f.resourceName === 'Quick' && f.checkId === 'automl-job-in-vpc',
      ),
    ).toMatchObject({
      file: 'infra/automl.yaml',
      logicalId: 'Quick',
      resourceArn: 'arn:aws:sagemaker:us-east-1:000000000000:automl-job/quick',
    });
    await expect(
      action.handler(context({ failOn: 'medium' }) as any),
    ).rejects.toThrow(/automl-job-in-vpc on infra\/automl\.yaml#Quick/);

    // The three AutoML job checks alone: Churn's three and Pending's two pass.
    const automlOnly = createValidateAction({
      checks: defaultChecks.filter(c => c.id.startsWith('automl-job-')),
      defaultFailOn: 'never',
    });
    const ctx = context();
    await automlOnly.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.objectContaining({ pass: 5, fail: 3, unknown: 1, warn: 0 }),
    );
  });
});
