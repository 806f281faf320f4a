/*
 * A Partner AI App and inference components declared in CloudFormation:
 * mapped through their descriptors (no hand-written mapper) and judged before
 * deploy. The components are joined to the endpoint, endpoint configuration
 * and model of the same template, as a live scan joins them in the
 * inventory; a component's own container declares its image as `Image`.
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
  Comet:
    Type: AWS::SageMaker::PartnerApp
    Properties:
      Name: team-comet
      Type: comet
      Tier: small
      AuthType: IAM
      ExecutionRoleArn: arn:aws:iam::000000000000:role/comet
      KmsKeyId: arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab
      EnableIamSessionBasedIdentity: true
      EnableAutoMinorVersionUpgrade: true
      ApplicationConfig:
        AdminUsers: [platform-lead]
  Sandbox:
    Type: AWS::SageMaker::PartnerApp
    Properties:
      Name: sandbox-fiddler
      Type: fiddler
      Tier: small
      AuthType: IAM
      ExecutionRoleArn: arn:aws:iam::000000000000:role/fiddler
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ModelName: llm
      ExecutionRoleArn: arn:aws:iam::000000000000:role/hosting
      EnableNetworkIsolation: true
      PrimaryContainer:
        Image: 000000000000.dkr.ecr.us-east-1.amazonaws.com/llm:1
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      EndpointConfigName: llm-config
      KmsKeyId: alias/hosting
      ExecutionRoleArn: arn:aws:iam::000000000000:role/hosting
      ProductionVariants:
        - VariantName: AllTraffic
          InstanceType: ml.m5.4xlarge
          InitialInstanceCount: 2
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointName: llm
      EndpointConfigName: !GetAtt Config.EndpointConfigName
  ModelComponent:
    Type: AWS::SageMaker::InferenceComponent
    Properties:
      InferenceComponentName: llm-ic
      EndpointName: !GetAtt Endpoint.EndpointName
      VariantName: AllTraffic
      Specification:
        ModelName: !GetAtt Model.ModelName
        ComputeResourceRequirements:
          MinMemoryRequiredInMb: 1024
      RuntimeConfig:
        CopyCount: 1
  ContainerComponent:
    Type: AWS::SageMaker::InferenceComponent
    Properties:
      InferenceComponentName: vllm-ic
      EndpointName: !GetAtt Endpoint.EndpointName
      VariantName: AllTraffic
      Specification:
        Container:
          Image: docker.io/vllm/vllm-openai:latest
        ComputeResourceRequirements:
          MinMemoryRequiredInMb: 1024
      RuntimeConfig:
        CopyCount: 1
`;

describe('Partner AI Apps and inference components in CloudFormation', () => {
  const inventory = mapToInventory(
    [parseCloudFormation(STACK, 'partner-and-components.yaml')!],
    env,
  );
  const findings = evaluateInventory(inventory, defaultChecks);
  const status = (resourceName: string, checkId: string) =>
    findings.find(f => f.resourceName === resourceName && f.checkId === checkId)
      ?.status;

  it('maps both types through their descriptors', () => {
    expect(
      inventory.resources.find(r => r.name === 'team-comet'),
    ).toMatchObject({
      type: 'partner-app',
      description: {
        Name: 'team-comet',
        ExecutionRoleArn: 'arn:aws:iam::000000000000:role/comet',
      },
    });
    expect(inventory.resources.find(r => r.name === 'llm-ic')).toMatchObject({
      type: 'inference-component',
      description: {
        InferenceComponentName: 'llm-ic',
        EndpointName: 'llm',
        Specification: { ModelName: 'llm' },
      },
    });
  });

  it('judges the Partner AI Apps before deploy (an omitted key is the AWS-owned key)', () => {
    const checks = [
      'partner-app-customer-managed-kms-key',
      'partner-app-iam-session-based-identity',
      'partner-app-admin-users-bounded',
      'partner-app-automatic-minor-version-upgrade',
    ];
    expect(checks.map(c => status('team-comet', c))).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(checks.map(c => status('sandbox-fiddler', c))).toEqual([
      'fail',
      'fail',
      'fail',
      'fail',
    ]);
  });

  it("judges each component through the template's endpoint, configuration and model", () => {
    expect([
      status('llm-ic', 'inference-component-network-isolation'),
      status('llm-ic', 'inference-component-endpoint-config-kms-key'),
      status('llm-ic', 'inference-component-container-image-own-registry'),
      status('vllm-ic', 'inference-component-network-isolation'),
      status('vllm-ic', 'inference-component-container-image-own-registry'),
    ]).toEqual(['pass', 'pass', 'not_applicable', 'fail', 'fail']);
  });
});
