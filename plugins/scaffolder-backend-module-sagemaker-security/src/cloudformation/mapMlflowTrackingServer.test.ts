/*
 * An MLflow tracking server declared in CloudFormation: mapped through its
 * descriptor (no hand-written mapper), with the automatic model registration
 * AWS applies when the template omits it, and judged by its checks before
 * deploy. CloudFormation has no S3BucketOwner* properties, so the bucket
 * owner checks stay unknown before deploy (never a pass).
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

const STACK = `
Resources:
  Tracking:
    Type: AWS::SageMaker::MlflowTrackingServer
    Properties:
      TrackingServerName: experiments
      ArtifactStoreUri: s3://mlflow-artifacts/experiments
      RoleArn: arn:aws:iam::000000000000:role/mlflow
      TrackingServerSize: Small
  AutoRegistering:
    Type: AWS::SageMaker::MlflowTrackingServer
    Properties:
      TrackingServerName: auto
      ArtifactStoreUri: s3://mlflow-artifacts/auto
      RoleArn: arn:aws:iam::000000000000:role/mlflow
      AutomaticModelRegistration: true
`;

describe('an MLflow tracking server (AWS::SageMaker::MlflowTrackingServer)', () => {
  const inventory = mapToInventory(
    [parseCloudFormation(STACK, 'mlflow.yaml')!],
    env,
  );
  const byName = (name: string) =>
    inventory.resources.find(r => r.name === name)!;

  it('maps it to the DescribeMlflowTrackingServer shape, with the registration AWS applies when omitted', () => {
    expect(byName('experiments')).toMatchObject({
      type: 'mlflow-tracking-server',
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:mlflow-tracking-server/experiments',
    });
    expect(byName('experiments').description).toMatchObject({
      TrackingServerName: 'experiments',
      TrackingServerArn:
        'arn:aws:sagemaker:us-east-1:000000000000:mlflow-tracking-server/experiments',
      ArtifactStoreUri: 's3://mlflow-artifacts/experiments',
      RoleArn: 'arn:aws:iam::000000000000:role/mlflow',
      AutomaticModelRegistration: false,
    });
    expect(byName('auto').description.AutomaticModelRegistration).toBe(true);
  });

  it('is judged by the MLflow checks before deploy', () => {
    const findings = evaluateInventory(inventory, defaultChecks);
    const status = (resourceName: string, checkId: string) =>
      findings.find(
        f => f.resourceName === resourceName && f.checkId === checkId,
      )?.status;
    const registration =
      'mlflow-tracking-server-automatic-model-registration-disabled';
    expect({
      registration: status('experiments', registration),
      autoRegistration: status('auto', registration),
      sameAccount: status(
        'experiments',
        'mlflow-tracking-server-artifact-store-same-account',
      ),
      ownerVerified: status(
        'experiments',
        'mlflow-tracking-server-bucket-owner-verification',
      ),
    }).toEqual({
      registration: 'pass',
      autoRegistration: 'fail',
      sameAccount: 'unknown',
      ownerVerified: 'unknown',
    });
  });
});

describe('an MLflow App (AWS::SageMaker::MlflowApp)', () => {
  const inventory = mapToInventory(
    [
      parseCloudFormation(
        `
Resources:
  App:
    Type: AWS::SageMaker::MlflowApp
    Properties:
      Name: team-mlflow
      ArtifactStoreUri: s3://mlflow-artifacts/team
      RoleArn: arn:aws:iam::000000000000:role/mlflow
  AutoApp:
    Type: AWS::SageMaker::MlflowApp
    Properties:
      Name: auto-mlflow
      ArtifactStoreUri: s3://mlflow-artifacts/auto
      RoleArn: arn:aws:iam::000000000000:role/mlflow
      ModelRegistrationMode: AutoModelRegistrationEnabled
`,
        'mlflow-app.yaml',
      )!,
    ],
    env,
  );

  it('maps it with the registration mode AWS applies when omitted, and judges it before deploy', () => {
    const app = inventory.resources.find(r => r.name === 'team-mlflow')!;
    expect(app).toMatchObject({
      type: 'mlflow-app',
      description: {
        Name: 'team-mlflow',
        RoleArn: 'arn:aws:iam::000000000000:role/mlflow',
        ModelRegistrationMode: 'AutoModelRegistrationDisabled',
      },
    });
    const findings = evaluateInventory(inventory, defaultChecks);
    const status = (resourceName: string) =>
      findings.find(
        f =>
          f.resourceName === resourceName &&
          f.checkId === 'mlflow-app-automatic-model-registration-disabled',
      )?.status;
    expect([status('team-mlflow'), status('auto-mlflow')]).toEqual([
      'pass',
      'fail',
    ]);
  });
});
