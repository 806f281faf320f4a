/**
 * The estate's networks and monitoring, good and bad, built through the SDK:
 * a private VPC with every endpoint SageMaker needs, a public VPC with an
 * internet gateway and an open security group, trails, alarms, log groups.
 */
import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeRouteTablesCommand,
  ModifySubnetAttributeCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ACCOUNT, EstateClients } from './clients';
import { BUCKETS, Keys } from './security';

export interface Network {
  /** Private VPC (no internet gateway) with endpoints for every service. */
  privateVpc: string;
  /** Subnet of the private VPC. */
  privateSubnet: string;
  /** Subnet of the private VPC that maps public IPs on launch. */
  publicIpSubnet: string;
  /** VPC with an internet gateway on its main route table, S3 endpoint only. */
  publicVpc: string;
  /** Subnet of the public VPC (routes 0.0.0.0/0 to the gateway). */
  publicSubnet: string;
  /** Ingress 443 from the VPC only, egress 443 to the VPC only. */
  lockedGroup: string;
  /** No ingress, the default allow-all egress. */
  defaultEgressGroup: string;
  /** SSH from 0.0.0.0/0, the default allow-all egress. */
  openGroup: string;
}

export async function createNetwork(c: EstateClients): Promise<Network> {
  const { region } = c;
  const vpc = async (cidr: string) =>
    (await c.ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  const subnet = async (vpcId: string, cidr: string) =>
    (
      await c.ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: cidr,
          AvailabilityZone: `${region}a`,
        }),
      )
    ).Subnet!.SubnetId!;
  const group = async (vpcId: string, name: string) =>
    (
      await c.ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: vpcId,
          GroupName: name,
          Description: name,
        }),
      )
    ).GroupId!;

  const privateVpc = await vpc('10.10.0.0/16');
  const privateSubnet = await subnet(privateVpc, '10.10.1.0/24');
  const publicIpSubnet = await subnet(privateVpc, '10.10.2.0/24');
  await c.ec2.send(
    new ModifySubnetAttributeCommand({
      SubnetId: publicIpSubnet,
      MapPublicIpOnLaunch: { Value: true },
    }),
  );
  const publicVpc = await vpc('10.20.0.0/16');
  const publicSubnet = await subnet(publicVpc, '10.20.1.0/24');
  const gateway = (await c.ec2.send(new CreateInternetGatewayCommand({})))
    .InternetGateway!.InternetGatewayId!;
  await c.ec2.send(
    new AttachInternetGatewayCommand({
      InternetGatewayId: gateway,
      VpcId: publicVpc,
    }),
  );
  const mainTable = async (vpcId: string) =>
    (
      await c.ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'association.main', Values: ['true'] },
          ],
        }),
      )
    ).RouteTables![0].RouteTableId!;
  const publicTable = await mainTable(publicVpc);
  await c.ec2.send(
    new CreateRouteCommand({
      RouteTableId: publicTable,
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: gateway,
    }),
  );

  const lockedGroup = await group(privateVpc, 'ml-locked');
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: lockedGroup,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.10.0.0/16' }],
        },
      ],
    }),
  );
  await c.ec2.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId: lockedGroup,
      IpPermissions: [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    }),
  );
  await c.ec2.send(
    new AuthorizeSecurityGroupEgressCommand({
      GroupId: lockedGroup,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.10.0.0/16' }],
        },
      ],
    }),
  );
  const defaultEgressGroup = await group(privateVpc, 'ml-default-egress');
  const openGroup = await group(publicVpc, 'ml-open');
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: openGroup,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        },
      ],
    }),
  );

  const endpoint = async (
    vpcId: string,
    service: string,
    type: 'Interface' | 'Gateway',
    privateDns = true,
  ) =>
    c.ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        ServiceName: `com.amazonaws.${region}.${service}`,
        VpcEndpointType: type,
        ...(type === 'Gateway'
          ? { RouteTableIds: [await mainTable(vpcId)] }
          : {
              SubnetIds: [vpcId === privateVpc ? privateSubnet : publicSubnet],
              SecurityGroupIds: [
                vpcId === privateVpc ? lockedGroup : openGroup,
              ],
              PrivateDnsEnabled: privateDns,
            }),
      }),
    );
  await endpoint(privateVpc, 's3', 'Gateway');
  for (const service of [
    'sagemaker.api',
    'sagemaker.runtime',
    'kms',
    'ecr.api',
    'ecr.dkr',
    'sts',
    'logs',
  ]) {
    await endpoint(privateVpc, service, 'Interface');
  }
  await endpoint(publicVpc, 's3', 'Gateway');
  // Private DNS off: SDK calls in the VPC still resolve KMS's public name.
  await endpoint(publicVpc, 'kms', 'Interface', false);

  return {
    privateVpc,
    privateSubnet,
    publicIpSubnet,
    publicVpc,
    publicSubnet,
    lockedGroup,
    defaultEgressGroup,
    openGroup,
  };
}

/**
 * The main region's trail: logging, management events and S3 data events
 * of `ml-secure`, log file validation, a KMS key.
 */
export async function createMainTrail(c: EstateClients, keys: Keys) {
  await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: 'ml-audit',
      S3BucketName: BUCKETS.audit,
      EnableLogFileValidation: true,
      KmsKeyId: keys.good,
    }),
  );
  await c.cloudtrail.send(new StartLoggingCommand({ Name: 'ml-audit' }));
  await c.cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: 'ml-audit',
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [
            {
              Type: 'AWS::S3::Object',
              Values: [`arn:aws:s3:::${BUCKETS.secure}/`],
            },
          ],
        },
      ],
    }),
  );
}

/**
 * The second region's trail: logging, but created as AWS's console and CLI
 * create one, without event selectors. AWS then logs all management events;
 * moto stores no selector at all (a gap, see motoGaps.ts).
 */
export async function createSecondTrail(c: EstateClients) {
  await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: 'ml-audit-eu',
      S3BucketName: BUCKETS.audit,
    }),
  );
  await c.cloudtrail.send(new StartLoggingCommand({ Name: 'ml-audit-eu' }));
}

const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:ml-oncall`;

/** An alarm on an endpoint metric, with or without an action. */
export async function createAlarm(
  c: EstateClients,
  name: string,
  endpointName: string,
  metricName: string,
  notify: boolean,
) {
  await c.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/SageMaker',
      MetricName: metricName,
      Dimensions: [
        { Name: 'EndpointName', Value: endpointName },
        { Name: 'VariantName', Value: 'primary' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...(notify ? { AlarmActions: [TOPIC] } : {}),
    }),
  );
}

/** A SageMaker log group; no retention means logs never expire. */
export async function createLogGroup(
  c: EstateClients,
  name: string,
  options: { retentionDays?: number; kmsKeyId?: string },
) {
  await c.logs.send(
    new CreateLogGroupCommand({
      logGroupName: name,
      ...(options.kmsKeyId ? { kmsKeyId: options.kmsKeyId } : {}),
    }),
  );
  if (options.retentionDays) {
    await c.logs.send(
      new PutRetentionPolicyCommand({
        logGroupName: name,
        retentionInDays: options.retentionDays,
      }),
    );
  }
}
