import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { createValidateAction } from './validate';

const INSECURE_NOTEBOOK = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Subnet:
    Type: AWS::EC2::Subnet::Id
Resources:
  OpenGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from anywhere
      VpcId: vpc-0123456789abcdef0
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: sagemaker.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSageMakerFullAccess
  Lifecycle:
    Type: AWS::SageMaker::NotebookInstanceLifecycleConfig
    Properties:
      OnStart:
        - Content: !Base64 |
            #!/bin/bash
            export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
            export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      NotebookInstanceName: insecure-nb
      InstanceType: ml.t3.medium
      RoleArn: !GetAtt Role.Arn
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref OpenGroup]
      LifecycleConfigName: !GetAtt Lifecycle.NotebookInstanceLifecycleConfigName
`;

const INSECURE_ENDPOINT = `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - { Effect: Allow, Principal: '*', Action: 'kms:*', Resource: '*' }
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: capture-bucket
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::000000000000:role/model
      PrimaryContainer:
        Image: 000000000000.dkr.ecr.us-east-1.amazonaws.com/model:1
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: alias/aws/sagemaker
      ProductionVariants:
        - VariantName: v
          ModelName: !GetAtt Model.ModelName
          InstanceType: ml.m5.large
          InitialInstanceCount: 1
      DataCaptureConfig:
        EnableCapture: true
        InitialSamplingPercentage: 10
        DestinationS3Uri: s3://capture-bucket/capture
        KmsKeyId: !Ref Key
        CaptureOptions: [{ CaptureMode: Input }]
`;

const INSECURE_DOMAIN = JSON.stringify({
  Resources: {
    Domain: {
      Type: 'AWS::SageMaker::Domain',
      Properties: {
        DomainName: 'open-studio',
        AuthMode: 'IAM',
        VpcId: 'vpc-0123456789abcdef0',
        SubnetIds: ['subnet-0123456789abcdef0'],
        DefaultUserSettings: {
          ExecutionRole: 'arn:aws:iam::000000000000:role/studio',
        },
      },
    },
  },
});

describe('sagemaker-security:validate', () => {
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
    return { findings: get('findings'), summary: get('summary'), ctx };
  }

  function failing(findings: Array<{ checkId: string; status: string }>) {
    return [
      ...new Set(findings.filter(f => f.status === 'fail').map(f => f.checkId)),
    ].sort();
  }

  it('reports the failing checks of insecure CloudFormation, by check ID', async () => {
    mockDir.setContent({
      'infra/notebook.yaml': INSECURE_NOTEBOOK,
      'infra/endpoint.yml': INSECURE_ENDPOINT,
      'infra/domain.json': INSECURE_DOMAIN,
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\n',
    });
    const { findings, summary } = await outputsOf({ failOn: 'never' });
    expect(failing(findings)).toEqual(
      expect.arrayContaining([
        'notebook-volume-kms-key',
        'notebook-direct-internet-access',
        'notebook-imdsv2-required',
        'notebook-root-access-disabled',
        'notebook-lifecycle-no-secrets',
        'execution-role-trust-confused-deputy',
        'execution-role-permissions-boundary',
        'execution-role-no-full-access-policies',
        'security-groups-no-public-ingress',
        'model-network-isolation',
        'model-in-vpc',
        'model-primary-container-private-registry',
        'endpoint-config-multiple-instances',
        'kms-keys-customer-managed',
        'kms-keys-rotation-enabled',
        'kms-key-policies-not-public',
        's3-buckets-sse-kms',
        's3-buckets-secure-transport',
        'domain-vpc-only',
        'domain-storage-kms-key',
      ]),
    );
    const notebookFinding = findings.find(
      (f: any) => f.checkId === 'notebook-volume-kms-key',
    );
    expect(notebookFinding).toMatchObject({
      status: 'fail',
      severity: 'high',
      resourceName: 'insecure-nb',
      file: 'infra/notebook.yaml',
      logicalId: 'Notebook',
      remediation: { template: 'secure-sagemaker-notebook' },
    });
    expect(summary).toMatchObject({ files: 3, resources: 5, failOn: 'never' });
    expect(summary.fail).toBeGreaterThanOrEqual(14);
    expect(findings.every((f: any) => f.status !== 'pass')).toBe(true);
  });

  it('fails the step on failing checks at or above failOn, naming them', async () => {
    mockDir.setContent({ 'notebook.yaml': INSECURE_NOTEBOOK });
    const ctx = context({ failOn: 'high' });
    const run = action.handler(ctx as any);
    await expect(run).rejects.toThrow(
      /SageMaker security validation failed: .* at or above "high" severity fail: .*notebook-volume-kms-key/,
    );
    await expect(
      action.handler(context({ failOn: 'high' }) as any),
    ).rejects.toThrow(/notebook-volume-kms-key on notebook\.yaml#Notebook/);
    // The outputs are written before the step fails.
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.objectContaining({ failOn: 'high' }),
    );
  });

  it('uses the configured default threshold when the step sets none', async () => {
    mockDir.setContent({ 'endpoint.yaml': INSECURE_ENDPOINT });
    const critical = createValidateAction({
      checks: [...defaultChecks],
      defaultFailOn: 'critical',
    });
    // The only critical failure is the public key policy.
    await expect(critical.handler(context() as any)).rejects.toThrow(
      /fail: kms-key-policies-not-public\./,
    );
    await expect(
      critical.handler(
        context({ exclude: ['kms-key-policies-not-public'] }) as any,
      ),
    ).resolves.toBeUndefined();
  });

  it('only reports with failOn never, and skips excluded checks', async () => {
    mockDir.setContent({ 'notebook.yaml': INSECURE_NOTEBOOK });
    const { findings, summary } = await outputsOf({
      failOn: 'never',
      exclude: ['notebook-volume-kms-key'],
    });
    expect(findings.map((f: any) => f.checkId)).not.toContain(
      'notebook-volume-kms-key',
    );
    expect(failing(findings)).toContain('notebook-direct-internet-access');
    expect(summary.blocking).toBe(0);
  });

  it('never passes a check on a value known only at deploy', async () => {
    mockDir.setContent({
      'notebook.yaml': `
Parameters:
  Key: { Type: String }
  Internet: { Type: String }
Resources:
  Nb:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::000000000000:role/nb
      KmsKeyId: !Ref Key
      DirectInternetAccess: !Ref Internet
`,
    });
    const { findings } = await outputsOf({ failOn: 'never' });
    for (const id of [
      'notebook-volume-kms-key',
      'notebook-direct-internet-access',
    ]) {
      const finding = findings.find((f: any) => f.checkId === id);
      expect(finding).toBeDefined();
      expect(['unknown', 'not_applicable']).toContain(finding.status);
    }
  });

  it('names the malformed file instead of crashing', async () => {
    mockDir.setContent({
      'good.yaml': INSECURE_NOTEBOOK,
      'infra/broken.yaml':
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n   bad: [\n",
      'infra/broken.json': '{"Resources": {"A": {"Type": "AWS::S3::Bucket"',
    });
    const ctx = context();
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /2 CloudFormation file\(s\) are malformed:\ninfra\/broken\.json: not valid CloudFormation: .*\ninfra\/broken\.yaml: not valid CloudFormation: line 5/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('rejects a path outside the workspace or that is not a folder', async () => {
    mockDir.setContent({ 'notebook.yaml': INSECURE_NOTEBOOK });
    await expect(
      action.handler(context({ path: '../..' }) as any),
    ).rejects.toThrow(/outside/i);
    await expect(
      action.handler(context({ path: 'notebook.yaml' }) as any),
    ).rejects.toThrow(
      'path "notebook.yaml" is not a folder of the task workspace',
    );
  });

  it('validates only the given folder, and succeeds with nothing to validate', async () => {
    mockDir.setContent({
      'bad/notebook.yaml': INSECURE_NOTEBOOK,
      'docs/readme.md': '# hi',
    });
    const { summary, ctx } = await outputsOf({ path: 'docs' });
    expect(summary).toMatchObject({ files: 0, resources: 0, fail: 0 });
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('No CloudFormation templates found under "docs"'),
    );
  });
});
