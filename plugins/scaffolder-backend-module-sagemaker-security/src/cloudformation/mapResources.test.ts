import { FactKind, RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import { mapToInventory } from './mapResources';
import { parseCloudFormation } from './parse';
import { UNRESOLVED_MARKER_PREFIX } from './unresolvedMarkers';

const env = {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
};

function inventoryOf(yaml: string, file = 'stack.yaml') {
  return mapToInventory([parseCloudFormation(yaml, file)!], env);
}

function fact<K extends FactKind>(
  facts: RelatedFact[],
  kind: K,
  key?: string,
): RelatedFact<K> | undefined {
  return facts.find(
    f => f.kind === kind && (key === undefined || f.key === key),
  ) as RelatedFact<K> | undefined;
}

const NOTEBOOK_STACK = `
Parameters:
  Subnet:
    Type: AWS::EC2::Subnet::Id
  CreateExtra:
    Type: String
    Default: 'no'
Conditions:
  Extra: !Equals [!Ref CreateExtra, 'yes']
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  KeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/nb
      TargetKeyId: !Ref Key
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
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Statement: [{ Effect: Allow, Action: 's3:*', Resource: '*' }]
  ExtraPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: 'iam:PassRole', Resource: '*' }]
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      VpcId: vpc-123
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
  GroupIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Group.GroupId
      IpProtocol: -1
      CidrIpv6: ::/0
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      NotebookInstanceName: research
      InstanceType: ml.t3.medium
      RoleArn: !GetAtt Role.Arn
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref Group]
      KmsKeyId: !Ref Key
      LifecycleConfigName: !GetAtt Lifecycle.NotebookInstanceLifecycleConfigName
      Tags:
        - { Key: ml-service, Value: research }
  AwsManagedNotebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::000000000000:role/external
      KmsKeyId: alias/aws/sagemaker
      DirectInternetAccess: Disabled
  Lifecycle:
    Type: AWS::SageMaker::NotebookInstanceLifecycleConfig
    Properties:
      NotebookInstanceLifecycleConfigName: research-lc
      OnStart:
        - Content: !Base64 'export TOKEN=abc'
  ExtraNotebook:
    Type: AWS::SageMaker::NotebookInstance
    Condition: Extra
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: !GetAtt Role.Arn
`;

describe('mapToInventory', () => {
  const inventory = inventoryOf(NOTEBOOK_STACK);
  const notebook = inventory.resources.find(r => r.name === 'research')!;
  const keyArn = notebook.description.KmsKeyId as string;

  it('maps a notebook to the DescribeNotebookInstance shape with AWS defaults', () => {
    expect(notebook).toMatchObject({
      arn: 'arn:aws:sagemaker:us-east-1:000000000000:notebook-instance/research',
      type: 'notebook-instance',
      accountId: '000000000000',
      region: 'us-east-1',
      tags: { 'ml-service': 'research' },
    });
    expect(notebook.description).toMatchObject({
      NotebookInstanceName: 'research',
      InstanceType: 'ml.t3.medium',
      RoleArn: 'arn:aws:iam::000000000000:role/stack-Role',
      SecurityGroups: [expect.stringMatching(/^sg-[0-9a-f]{17}$/)],
      NotebookInstanceLifecycleConfigName: 'research-lc',
      // Omitted in the template: the values AWS applies.
      DirectInternetAccess: 'Enabled',
      RootAccess: 'Enabled',
      InstanceMetadataServiceConfiguration: {
        MinimumInstanceMetadataServiceVersion: '1',
      },
    });
    expect(notebook.description).not.toHaveProperty('SecurityGroupIds');
    expect(notebook.description).not.toHaveProperty('Tags');
    expect(keyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\//);
  });

  it('marks values known only at deploy, and records which field they are', () => {
    expect(notebook.description.SubnetId).toBe(
      `${UNRESOLVED_MARKER_PREFIX}!Ref Subnet (a parameter without a default)`,
    );
    expect(notebook.errors).toEqual([
      expect.objectContaining({
        field: 'SubnetId',
        target: 'stack.yaml#Notebook',
        code: 'UnresolvedBeforeDeploy',
      }),
    ]);
  });

  it('keeps AWS-managed key aliases as written', () => {
    const other = inventory.resources.find(
      r => r.name === 'AwsManagedNotebook',
    )!;
    expect(other.description.KmsKeyId).toBe('alias/aws/sagemaker');
    expect(other.description.DirectInternetAccess).toBe('Disabled');
  });

  it('leaves out resources whose condition is false', () => {
    expect(inventory.resources.map(r => r.name).sort()).toEqual([
      'AwsManagedNotebook',
      'research',
      'research-lc',
    ]);
    expect(inventory.sources[notebook.arn]).toEqual({
      file: 'stack.yaml',
      logicalId: 'Notebook',
      cfnType: 'AWS::SageMaker::NotebookInstance',
    });
  });

  it('base64-encodes lifecycle scripts like the Describe response', () => {
    const lifecycle = inventory.resources.find(r => r.name === 'research-lc')!;
    expect(lifecycle.description.OnStart).toEqual([
      { Content: Buffer.from('export TOKEN=abc').toString('base64') },
    ]);
  });

  it('records a customer-managed key fact with rotation as declared', () => {
    expect(fact(inventory.facts, 'kms-key', keyArn)).toMatchObject({
      accountId: '000000000000',
      region: 'us-east-1',
      data: {
        arn: keyArn,
        keyManager: 'CUSTOMER',
        keyState: 'Enabled',
        rotationEnabled: false,
        aliases: ['alias/nb'],
        keyPolicy: {
          Statement: [
            expect.objectContaining({
              Principal: { AWS: 'arn:aws:iam::000000000000:root' },
            }),
          ],
        },
      },
      errors: [],
    });
    expect(fact(inventory.facts, 'kms-aliases')?.data).toEqual({
      aliases: { 'alias/nb': keyArn.split('/').pop() },
    });
  });

  it('records the execution role with its managed, inline and attached policies', () => {
    const role = fact(
      inventory.facts,
      'iam-role',
      'arn:aws:iam::000000000000:role/stack-Role',
    )!;
    expect(role.region).toBe('global');
    expect(role.data).toMatchObject({
      roleName: 'stack-Role',
      permissionsBoundaryArn: null,
      assumeRolePolicyDocument: {
        Statement: [
          expect.objectContaining({
            Principal: { Service: 'sagemaker.amazonaws.com' },
          }),
        ],
      },
      attachedPolicies: [
        {
          policyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
          policyName: 'AmazonSageMakerFullAccess',
        },
      ],
      inlinePolicies: [
        expect.objectContaining({ policyName: 'inline' }),
        expect.objectContaining({ policyName: 'extra' }),
      ],
    });
  });

  it('records security group rules, inline and standalone, and the default egress', () => {
    const groupId = (notebook.description.SecurityGroups as string[])[0];
    expect(fact(inventory.facts, 'security-group', groupId)?.data).toEqual({
      groupId,
      groupName: 'Group',
      vpcId: 'vpc-123',
      ingress: [
        expect.objectContaining({
          ipProtocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipv4Ranges: ['0.0.0.0/0'],
        }),
        expect.objectContaining({ ipProtocol: '-1', ipv6Ranges: ['::/0'] }),
      ],
      egress: [
        expect.objectContaining({
          ipProtocol: '-1',
          ipv4Ranges: ['0.0.0.0/0'],
        }),
      ],
    });
  });

  it('declares no per-region facts the template does not declare', () => {
    for (const kind of [
      'cloudtrail',
      'cloudwatch-alarms',
      'log-groups',
      'vpc-endpoints',
    ] as const) {
      expect(fact(inventory.facts, kind)).toBeUndefined();
    }
  });
});

describe('mapToInventory: endpoint stacks', () => {
  const inventory = inventoryOf(`
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: capture
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn]
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - { VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 1 }
      DataCaptureConfig:
        EnableCapture: true
        InitialSamplingPercentage: 20
        DestinationS3Uri: !Sub 's3://\${Bucket}/capture'
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointName: scoring
      EndpointConfigName: !GetAtt Config.EndpointConfigName
  Latency:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SageMaker
      MetricName: ModelLatency
      Dimensions: [{ Name: EndpointName, Value: !GetAtt Endpoint.EndpointName }]
      AlarmActions: [arn:aws:sns:us-east-1:000000000000:pager]
  Unrelated:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/EC2
      MetricName: CPUUtilization
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/sagemaker/Endpoints/scoring
      RetentionInDays: 30
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: trail
      EventSelectors:
        - DataResources:
            - Type: AWS::S3::Object
              Values: [!Sub '\${Bucket.Arn}/']
`);

  it('reports the data capture of the endpoint config on the endpoint', () => {
    const endpoint = inventory.resources.find(r => r.type === 'endpoint')!;
    expect(endpoint.description).toMatchObject({
      EndpointName: 'scoring',
      EndpointConfigName: 'Config',
      DataCaptureConfig: {
        EnableCapture: true,
        CaptureStatus: 'Started',
        CurrentSamplingPercentage: 20,
        DestinationS3Uri: 's3://capture/capture',
      },
    });
  });

  it('records bucket, alarm, log group and trail facts', () => {
    expect(fact(inventory.facts, 's3-bucket', 'capture')?.data).toMatchObject({
      bucket: 'capture',
      encryption: { sseAlgorithm: 'AES256' },
      publicAccessBlock: { blockPublicAcls: true, restrictPublicBuckets: true },
      policy: {
        Statement: [
          expect.objectContaining({
            Effect: 'Deny',
            Resource: ['arn:aws:s3:::capture'],
          }),
        ],
      },
    });
    expect(fact(inventory.facts, 'cloudwatch-alarms', '-')?.data).toEqual({
      alarms: [
        {
          alarmName: 'stack-Latency',
          alarmArn:
            'arn:aws:cloudwatch:us-east-1:000000000000:alarm:stack-Latency',
          metricName: 'ModelLatency',
          namespace: 'AWS/SageMaker',
          dimensions: { EndpointName: 'scoring' },
          actionsEnabled: true,
          alarmActions: ['arn:aws:sns:us-east-1:000000000000:pager'],
        },
      ],
    });
    expect(fact(inventory.facts, 'log-groups', '-')?.data?.logGroups).toEqual([
      expect.objectContaining({
        logGroupName: '/aws/sagemaker/Endpoints/scoring',
        retentionInDays: 30,
      }),
    ]);
    expect(fact(inventory.facts, 'cloudtrail', '-')?.data).toMatchObject({
      trails: [
        {
          isLogging: true,
          isMultiRegionTrail: false,
          includeManagementEvents: true,
          s3DataEventArns: ['arn:aws:s3:::capture/'],
        },
      ],
    });
  });

  it('merges per-region facts of several files and keeps their resources apart', () => {
    const one = parseCloudFormation(
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties: { LogGroupName: /aws/sagemaker/a }\n',
      'a.yaml',
    )!;
    const two = parseCloudFormation(
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties: { LogGroupName: /aws/sagemaker/b }\n',
      'b.yaml',
    )!;
    const merged = mapToInventory([one, two], env);
    expect(merged.facts.filter(f => f.kind === 'kms-key')).toHaveLength(2);
    expect(
      fact(merged.facts, 'log-groups', '-')?.data?.logGroups.map(
        g => g.logGroupName,
      ),
    ).toEqual(['/aws/sagemaker/a', '/aws/sagemaker/b']);
  });
});
