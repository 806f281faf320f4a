/*
 * Studio custom images declared in CloudFormation: an AWS::SageMaker::Image
 * (ImageRoleArn, ImageDescription and ImageDisplayName mapped to
 * DescribeImage's RoleArn, Description and DisplayName) and an
 * AWS::SageMaker::AppImageConfig (mapped through its descriptor: the
 * properties are DescribeAppImageConfig's), judged before deploy by the tag
 * rule (Security Hub SageMaker.6/.7), the POSIX identity check and the
 * execution-role checks through the image's role.
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
  ImageRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: image-builder
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: sagemaker.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
  Image:
    Type: AWS::SageMaker::Image
    Properties:
      ImageName: team-notebook
      ImageRoleArn: !GetAtt ImageRole.Arn
      ImageDescription: JupyterLab with the team's libraries
      ImageDisplayName: Team notebook
      Tags:
        - { Key: ml-service, Value: fraud-scoring }
        - { Key: owner, Value: fraud-ml }
  UntaggedImage:
    Type: AWS::SageMaker::Image
    Properties:
      ImageName: loose-image
      ImageRoleArn: arn:aws:iam::000000000000:role/image-builder
  Config:
    Type: AWS::SageMaker::AppImageConfig
    Properties:
      AppImageConfigName: team-jupyterlab
      JupyterLabAppImageConfig:
        FileSystemConfig:
          DefaultUid: 1000
          DefaultGid: 100
          MountPath: /home/sagemaker-user
      Tags:
        - { Key: ml-service, Value: fraud-scoring }
        - { Key: owner, Value: fraud-ml }
  RootKernel:
    Type: AWS::SageMaker::AppImageConfig
    Properties:
      AppImageConfigName: root-kernel
      KernelGatewayImageConfig:
        KernelSpecs:
          - Name: python3
        FileSystemConfig:
          DefaultUid: 0
          DefaultGid: 0
`;

describe('Studio custom images (AWS::SageMaker::Image, AWS::SageMaker::AppImageConfig)', () => {
  const inventory = mapToInventory(
    [parseCloudFormation(STACK, 'images.yaml')!],
    env,
  );
  const byName = (name: string) =>
    inventory.resources.find(r => r.name === name)!;
  const status = (resourceName: string, checkId: string) =>
    evaluateInventory(inventory, defaultChecks).find(
      f => f.resourceName === resourceName && f.checkId === checkId,
    )?.status;

  it("maps an image to DescribeImage's shape, with its role as RoleArn", () => {
    expect(byName('team-notebook')).toMatchObject({
      type: 'image',
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:image/team-notebook',
      tags: { 'ml-service': 'fraud-scoring', owner: 'fraud-ml' },
      description: {
        ImageName: 'team-notebook',
        ImageArn:
          'arn:aws:sagemaker:us-east-1:000000000000:image/team-notebook',
        RoleArn: 'arn:aws:iam::000000000000:role/image-builder',
        Description: "JupyterLab with the team's libraries",
        DisplayName: 'Team notebook',
      },
    });
    expect(byName('team-notebook').description).not.toHaveProperty(
      'ImageRoleArn',
    );
  });

  it("maps an app image configuration to DescribeAppImageConfig's shape", () => {
    expect(byName('root-kernel')).toMatchObject({
      type: 'app-image-config',
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:app-image-config/root-kernel',
      description: {
        AppImageConfigName: 'root-kernel',
        AppImageConfigArn:
          'arn:aws:sagemaker:us-east-1:000000000000:app-image-config/root-kernel',
        KernelGatewayImageConfig: {
          KernelSpecs: [{ Name: 'python3' }],
          FileSystemConfig: { DefaultUid: 0, DefaultGid: 0 },
        },
      },
    });
  });

  it('judges their tags before deploy (Security Hub SageMaker.6 and .7)', () => {
    const tags = 'resource-ownership-tags';
    expect([
      status('team-notebook', tags),
      status('loose-image', tags),
      status('team-jupyterlab', tags),
      status('root-kernel', tags),
    ]).toEqual(['pass', 'fail', 'pass', 'fail']);
  });

  it('fails a custom image run as root, and reaches the image role through RoleArn', () => {
    const posix = 'studio-posix-user-not-root';
    expect([
      status('team-jupyterlab', posix),
      status('root-kernel', posix),
    ]).toEqual(['pass', 'fail']);
    // The role declared in the stack is judged for the image through its
    // RoleArn link: AdministratorAccess fails.
    expect(
      status('team-notebook', 'execution-role-no-full-access-policies'),
    ).toBe('fail');
  });
});
