import type { Estate, EstateRegion } from '../simulator/estate';
import {
  ACCOUNT,
  AWS_KEY_ID,
  CMK_ARN,
  CMK_ID,
  daysAgo,
  encode,
  FULL_ACCESS,
  REGION,
  ROLE_ARN,
  trust,
} from './estateIds';
import { fullSageMaker } from './fullEstateSageMaker';

export {
  ACCOUNT,
  AWS_KEY_ID,
  CMK_ARN,
  CMK_ID,
  FULL_ACCESS,
  REGION,
  ROLE_ARN,
} from './estateIds';

function usEast1(): EstateRegion {
  return {
    region: REGION,
    sagemaker: fullSageMaker(),
    securityGroups: [
      {
        GroupId: 'sg-0123456789abcdef0',
        GroupName: 'ml',
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          },
        ],
        IpPermissionsEgress: [
          { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      },
    ],
    subnets: [
      {
        SubnetId: 'subnet-0aaaaaaaaaaaaaaa1',
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        AvailabilityZone: 'us-east-1a',
        MapPublicIpOnLaunch: false,
      },
      {
        SubnetId: 'subnet-0aaaaaaaaaaaaaaa2',
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        AvailabilityZone: 'us-east-1b',
        MapPublicIpOnLaunch: true,
      },
    ],
    routeTables: [
      {
        RouteTableId: 'rtb-public',
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        Associations: [{ SubnetId: 'subnet-0aaaaaaaaaaaaaaa2', Main: false }],
        Routes: [
          {
            DestinationCidrBlock: '0.0.0.0/0',
            GatewayId: 'igw-0123',
            State: 'active',
          },
        ],
      },
      {
        RouteTableId: 'rtb-main',
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        Associations: [{ Main: true }],
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            State: 'active',
          },
        ],
      },
    ],
    vpcEndpoints: [
      {
        VpcEndpointId: 'vpce-1',
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        ServiceName: 'com.amazonaws.us-east-1.sagemaker.api',
        VpcEndpointType: 'Interface',
        State: 'available',
        PrivateDnsEnabled: true,
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          ],
        },
      },
    ],
    kmsKeys: [
      {
        metadata: {
          KeyId: CMK_ID,
          Arn: CMK_ARN,
          KeyManager: 'CUSTOMER',
          KeyState: 'Enabled',
          Enabled: true,
          Origin: 'AWS_KMS',
          KeySpec: 'SYMMETRIC_DEFAULT',
        },
        rotationEnabled: false,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        }),
        aliases: ['alias/ml-data'],
      },
      {
        metadata: {
          KeyId: AWS_KEY_ID,
          Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${AWS_KEY_ID}`,
          KeyManager: 'AWS',
          KeyState: 'Enabled',
          Enabled: true,
        },
        aliases: ['alias/aws/sagemaker'],
      },
    ],
    trails: [
      {
        trail: {
          Name: 'org-trail',
          TrailARN: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
          HomeRegion: REGION,
          IsMultiRegionTrail: true,
          LogFileValidationEnabled: true,
        },
        status: { IsLogging: true },
        eventSelectors: {
          AdvancedEventSelectors: [
            {
              Name: 'mgmt',
              FieldSelectors: [
                { Field: 'eventCategory', Equals: ['Management'] },
              ],
            },
            {
              Name: 's3',
              FieldSelectors: [
                { Field: 'eventCategory', Equals: ['Data'] },
                { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
                {
                  Field: 'resources.ARN',
                  StartsWith: ['arn:aws:s3:::ml-artifacts/'],
                },
              ],
            },
          ],
        },
      },
    ],
    alarms: [
      {
        AlarmName: 'fraud-5xx',
        AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:fraud-5xx`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: [
          { Name: 'EndpointName', Value: 'fraud' },
          { Name: 'VariantName', Value: 'AllTraffic' },
        ],
        ActionsEnabled: true,
        AlarmActions: ['arn:aws:sns:us-east-1:111111111111:oncall'],
        StateValue: 'OK',
      },
      {
        AlarmName: 'cpu',
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [],
        ActionsEnabled: true,
        AlarmActions: [],
      },
    ],
    logGroups: [
      {
        logGroupName: '/aws/sagemaker/Endpoints/fraud',
        arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/Endpoints/fraud`,
        retentionInDays: 30,
      },
      { logGroupName: '/aws/sagemaker/TrainingJobs', kmsKeyId: CMK_ARN },
      { logGroupName: '/aws/lambda/other' },
    ],
    guardDutyDetectors: [
      {
        DetectorId: '12abc34d567e8fa901bc2d34e56789f0',
        Status: 'ENABLED',
        ServiceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        FindingPublishingFrequency: 'SIX_HOURS',
        Features: [
          { Name: 'CLOUD_TRAIL', Status: 'ENABLED' },
          { Name: 'RUNTIME_MONITORING', Status: 'ENABLED' },
        ],
      },
    ],
  };
}

/** The estate most tests start from; tests mutate their own copy. */
export function fullEstate(): Estate {
  return {
    name: 'test estate',
    accounts: [
      {
        accountId: ACCOUNT,
        regions: [usEast1()],
        roles: [
          {
            role: {
              RoleName: 'SageMakerExecution',
              Arn: ROLE_ARN,
              Path: '/service-role/',
              AssumeRolePolicyDocument: encode(trust),
              RoleLastUsed: { LastUsedDate: daysAgo(1), Region: REGION },
            },
            attachedPolicyArns: [FULL_ACCESS],
            inlinePolicies: {
              s3: encode({
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
              }),
            },
          },
        ],
        managedPolicies: [
          {
            arn: FULL_ACCESS,
            name: 'AmazonSageMakerFullAccess',
            defaultVersionId: 'v3',
            document: encode({
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
              ],
            }),
          },
        ],
        buckets: [
          {
            name: 'ml-artifacts',
            region: 'eu-west-1',
            encryption: {
              Rules: [
                {
                  ApplyServerSideEncryptionByDefault: {
                    SSEAlgorithm: 'aws:kms',
                    KMSMasterKeyID: CMK_ARN,
                  },
                  BucketKeyEnabled: true,
                },
              ],
            },
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: '*',
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            }),
            publicAccessBlock: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            },
          },
          {
            name: 'ml-capture',
            region: REGION,
            encryption: null,
            policy: null,
            publicAccessBlock: null,
          },
          { name: 'ml-features', region: REGION },
          { name: 'ml-pipeline', region: REGION },
        ],
      },
    ],
  };
}
