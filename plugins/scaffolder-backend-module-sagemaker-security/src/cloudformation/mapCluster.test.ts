/*
 * A HyperPod cluster declared in CloudFormation: mapped through its
 * descriptor (no hand-written mapper), with the node recovery AWS applies
 * when the template omits it, and judged by its checks before deploy.
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

function inventoryOf(yaml: string, file: string) {
  return mapToInventory([parseCloudFormation(yaml, file)!], env);
}

describe('a HyperPod cluster (AWS::SageMaker::Cluster)', () => {
  const CLUSTER_STACK = `
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
  Cluster:
    Type: AWS::SageMaker::Cluster
    Properties:
      ClusterName: llm
      VpcConfig:
        SecurityGroupIds: [sg-0123456789abcdef0]
        Subnets: [subnet-0123456789abcdef0]
      InstanceGroups:
        - InstanceGroupName: workers
          InstanceType: ml.p5.48xlarge
          InstanceCount: 2
          ExecutionRole: arn:aws:iam::000000000000:role/hyperpod
          ThreadsPerCore: 1
          LifeCycleConfig:
            SourceS3Uri: s3://sagemaker-lifecycle/scripts/
            OnCreate: on_create.sh
          InstanceStorageConfigs:
            - EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: !GetAtt Key.Arn }
            - EbsVolumeConfig: { VolumeSizeInGB: 500, VolumeKmsKeyId: !Ref Key }
  Manual:
    Type: AWS::SageMaker::Cluster
    Properties:
      ClusterName: manual
      NodeRecovery: None
      InstanceGroups:
        - InstanceGroupName: workers
          InstanceType: ml.g5.12xlarge
          InstanceCount: 1
          ExecutionRole: arn:aws:iam::000000000000:role/hyperpod
          ThreadsPerCore: 1
          LifeCycleConfig:
            SourceS3Uri: s3://sagemaker-lifecycle/scripts/
            OnCreate: on_create.sh
`;
  const inventory = inventoryOf(CLUSTER_STACK, 'cluster.yaml');
  const byName = (name: string) =>
    inventory.resources.find(r => r.name === name)!;

  it('maps it to the DescribeCluster shape, with the node recovery AWS applies when omitted', () => {
    expect(byName('llm')).toMatchObject({
      type: 'hyperpod-cluster',
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:cluster/llm',
    });
    expect(byName('llm').description).toMatchObject({
      ClusterName: 'llm',
      ClusterArn: 'arn:aws:sagemaker:us-east-1:000000000000:cluster/llm',
      NodeRecovery: 'Automatic',
      InstanceGroups: [
        expect.objectContaining({
          ExecutionRole: 'arn:aws:iam::000000000000:role/hyperpod',
        }),
      ],
    });
    expect(byName('manual').description.NodeRecovery).toBe('None');
  });

  it('is judged by the HyperPod checks before deploy', () => {
    const findings = evaluateInventory(inventory, defaultChecks);
    const status = (resourceName: string, checkId: string) =>
      findings.find(
        f => f.resourceName === resourceName && f.checkId === checkId,
      )?.status;
    expect({
      recovery: status('llm', 'hyperpod-cluster-node-recovery-automatic'),
      manualRecovery: status(
        'manual',
        'hyperpod-cluster-node-recovery-automatic',
      ),
      inVpc: status('llm', 'hyperpod-cluster-in-vpc'),
      manualInVpc: status('manual', 'hyperpod-cluster-in-vpc'),
      volumes: status('llm', 'hyperpod-cluster-volumes-customer-managed-keys'),
      manualVolumes: status(
        'manual',
        'hyperpod-cluster-volumes-customer-managed-keys',
      ),
    }).toEqual({
      recovery: 'pass',
      manualRecovery: 'fail',
      inVpc: 'pass',
      manualInVpc: 'fail',
      volumes: 'pass',
      manualVolumes: 'fail',
    });
  });
});
