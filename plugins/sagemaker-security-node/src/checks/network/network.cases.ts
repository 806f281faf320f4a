import {
  collectionError,
  domain,
  fact,
  jobDefinition,
  model,
  monitoringSchedule,
  notebook,
  processingJob,
  securityGroup,
  subnet,
  trainingJob,
  tuningJob,
  userProfile,
  vpcEndpoints,
  resource,
} from '../../testing/fixtures';
import { domainSettingsNetworkCases } from '../domainSettings.cases';
import { CheckCase } from '../../testing/checkCases';
import { cluster } from '../hyperpodClusterFixture';
import { jobTypesNetworkCases } from './jobTypes.cases';
import { inferenceComponentNetworkCases } from '../inferenceComponent.cases';

const inVpc = {
  VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
};
const NETWORK_FACTS = [
  subnet('subnet-1'),
  vpcEndpoints('vpc-1'),
  securityGroup('sg-1'),
];

export const networkCases: CheckCase[] = [
  // notebook-direct-internet-access (DirectInternetAccess, not RootAccess)
  {
    check: 'notebook-direct-internet-access',
    name: 'Disabled',
    resource: notebook({
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Enabled',
    }),
    expect: 'pass',
  },
  {
    check: 'notebook-direct-internet-access',
    name: 'Enabled',
    resource: notebook({
      DirectInternetAccess: 'Enabled',
      RootAccess: 'Disabled',
    }),
    expect: 'fail',
  },
  {
    check: 'notebook-direct-internet-access',
    name: 'absent means Enabled',
    resource: notebook({ RootAccess: 'Disabled' }),
    expect: 'fail',
    message: /absent, so Enabled/,
  },
  {
    check: 'notebook-direct-internet-access',
    name: 'describe failed',
    resource: notebook(
      {},
      { errors: [collectionError('sagemaker:DescribeNotebookInstance')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeNotebookInstance'],
  },

  // notebook-in-vpc
  {
    check: 'notebook-in-vpc',
    name: 'subnet set',
    resource: notebook({ SubnetId: 'subnet-1' }),
    expect: 'pass',
  },
  {
    check: 'notebook-in-vpc',
    name: 'no subnet',
    resource: notebook(),
    expect: 'fail',
  },
  {
    check: 'notebook-in-vpc',
    name: 'subnet unreadable',
    resource: notebook(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeNotebookInstance', {
            field: 'SubnetId',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // notebook-imdsv2-required
  {
    check: 'notebook-imdsv2-required',
    name: 'IMDSv2 only',
    resource: notebook({
      InstanceMetadataServiceConfiguration: {
        MinimumInstanceMetadataServiceVersion: '2',
      },
    }),
    expect: 'pass',
  },
  {
    check: 'notebook-imdsv2-required',
    name: 'IMDSv1 allowed',
    resource: notebook({
      InstanceMetadataServiceConfiguration: {
        MinimumInstanceMetadataServiceVersion: '1',
      },
    }),
    expect: 'fail',
  },
  {
    check: 'notebook-imdsv2-required',
    name: 'absent means v1',
    resource: notebook(),
    expect: 'fail',
  },
  {
    check: 'notebook-imdsv2-required',
    name: 'field unreadable',
    resource: notebook(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeNotebookInstance', {
            field: 'InstanceMetadataServiceConfiguration',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // model checks
  {
    check: 'model-network-isolation',
    name: 'isolated',
    resource: model({ EnableNetworkIsolation: true }),
    expect: 'pass',
  },
  {
    check: 'model-network-isolation',
    name: 'not isolated',
    resource: model({ EnableNetworkIsolation: false }),
    expect: 'fail',
  },
  {
    check: 'model-network-isolation',
    name: 'absent means false',
    resource: model(),
    expect: 'fail',
  },
  {
    check: 'model-network-isolation',
    name: 'describe failed',
    resource: model(
      {},
      { errors: [collectionError('sagemaker:DescribeModel')] },
    ),
    expect: 'unknown',
  },
  {
    check: 'model-in-vpc',
    name: 'in VPC',
    resource: model(inVpc),
    expect: 'pass',
  },
  {
    check: 'model-in-vpc',
    name: 'empty subnet list',
    resource: model({ VpcConfig: { Subnets: [] } }),
    expect: 'fail',
  },
  { check: 'model-in-vpc', name: 'no VPC', resource: model(), expect: 'fail' },
  {
    check: 'model-in-vpc',
    name: 'VpcConfig unreadable',
    resource: model(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeModel', { field: 'VpcConfig' }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'model-primary-container-private-registry',
    name: 'Vpc mode',
    resource: model({
      PrimaryContainer: {
        Image: 'registry.internal/m:1',
        ImageConfig: { RepositoryAccessMode: 'Vpc' },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'model-primary-container-private-registry',
    name: 'Platform mode (ECR default)',
    resource: model({
      PrimaryContainer: { Image: '1.dkr.ecr.eu-west-1.amazonaws.com/m:1' },
    }),
    expect: 'fail',
  },
  {
    check: 'model-primary-container-private-registry',
    name: 'multi-container model',
    resource: model({ Containers: [{ Image: 'a' }] }),
    expect: 'not_applicable',
  },
  {
    check: 'model-primary-container-private-registry',
    name: 'container unreadable',
    resource: model(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeModel', {
            field: 'PrimaryContainer',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'model-containers-private-registry',
    name: 'all containers Vpc',
    resource: model({
      Containers: [
        { ImageConfig: { RepositoryAccessMode: 'Vpc' } },
        { ImageConfig: { RepositoryAccessMode: 'Vpc' } },
      ],
    }),
    expect: 'pass',
  },
  {
    check: 'model-containers-private-registry',
    name: 'second container Platform',
    resource: model({
      Containers: [
        { ImageConfig: { RepositoryAccessMode: 'Vpc' } },
        { ImageConfig: { RepositoryAccessMode: 'Platform' } },
      ],
    }),
    expect: 'fail',
    message: /Containers\.1/,
  },
  {
    check: 'model-containers-private-registry',
    name: 'single-container model',
    resource: model({ PrimaryContainer: { Image: 'a' } }),
    expect: 'not_applicable',
  },
  {
    check: 'model-containers-private-registry',
    name: 'containers unreadable',
    resource: model(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeModel', { field: 'Containers' }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // jobs
  {
    check: 'training-job-network-isolation',
    name: 'isolated',
    resource: trainingJob({ EnableNetworkIsolation: true }),
    expect: 'pass',
  },
  {
    check: 'training-job-network-isolation',
    name: 'not isolated',
    resource: trainingJob(),
    expect: 'fail',
  },
  {
    check: 'training-job-network-isolation',
    name: 'describe failed',
    resource: trainingJob(
      {},
      { errors: [collectionError('sagemaker:DescribeTrainingJob')] },
    ),
    expect: 'unknown',
  },
  {
    check: 'training-job-in-vpc',
    name: 'in VPC',
    resource: trainingJob(inVpc),
    expect: 'pass',
  },
  {
    check: 'training-job-in-vpc',
    name: 'no VPC',
    resource: trainingJob(),
    expect: 'fail',
  },
  {
    check: 'training-job-in-vpc',
    name: 'VpcConfig unreadable',
    resource: trainingJob(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeTrainingJob', {
            field: 'VpcConfig.Subnets',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'processing-job-network-isolation',
    name: 'isolated',
    resource: processingJob({
      NetworkConfig: { EnableNetworkIsolation: true },
    }),
    expect: 'pass',
  },
  {
    check: 'processing-job-network-isolation',
    name: 'not isolated',
    resource: processingJob(),
    expect: 'fail',
  },
  {
    check: 'processing-job-network-isolation',
    name: 'describe failed',
    resource: processingJob(
      {},
      { errors: [collectionError('sagemaker:DescribeProcessingJob')] },
    ),
    expect: 'unknown',
  },
  {
    check: 'processing-job-in-vpc',
    name: 'in VPC',
    resource: processingJob({ NetworkConfig: inVpc }),
    expect: 'pass',
  },
  {
    check: 'processing-job-in-vpc',
    name: 'no VPC',
    resource: processingJob(),
    expect: 'fail',
  },
  {
    check: 'processing-job-in-vpc',
    name: 'network unreadable',
    resource: processingJob(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeProcessingJob', {
            field: 'NetworkConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'hpo-job-network-isolation',
    name: 'isolated',
    resource: tuningJob({
      TrainingJobDefinition: { EnableNetworkIsolation: true },
    }),
    expect: 'pass',
  },
  {
    check: 'hpo-job-network-isolation',
    name: 'not isolated',
    resource: tuningJob(),
    expect: 'fail',
  },
  {
    check: 'hpo-job-network-isolation',
    name: 'no definition',
    resource: tuningJob({ TrainingJobDefinition: undefined }),
    expect: 'unknown',
  },
  {
    check: 'hpo-job-in-vpc',
    name: 'in VPC',
    resource: tuningJob({ TrainingJobDefinition: inVpc }),
    expect: 'pass',
  },
  {
    check: 'hpo-job-in-vpc',
    name: 'no VPC',
    resource: tuningJob(),
    expect: 'fail',
  },
  {
    check: 'hpo-job-in-vpc',
    name: 'no definition',
    resource: tuningJob({ TrainingJobDefinition: undefined }),
    expect: 'unknown',
  },

  // monitoring job definitions and schedules
  ...(
    [
      ['data-quality-job-network-isolation', 'data-quality-job-definition'],
      ['model-bias-job-network-isolation', 'model-bias-job-definition'],
      [
        'model-explainability-job-network-isolation',
        'model-explainability-job-definition',
      ],
      ['model-quality-job-network-isolation', 'model-quality-job-definition'],
    ] as const
  ).flatMap(([check, type]): CheckCase[] => [
    {
      check,
      name: 'isolated',
      resource: jobDefinition(type, {
        NetworkConfig: { EnableNetworkIsolation: true },
      }),
      expect: 'pass',
    },
    {
      check,
      name: 'no network config',
      resource: jobDefinition(type),
      expect: 'fail',
    },
    {
      check,
      name: 'network config unreadable',
      resource: jobDefinition(
        type,
        {},
        {
          errors: [
            collectionError('sagemaker:DescribeJobDefinition', {
              field: 'NetworkConfig',
            }),
          ],
        },
      ),
      expect: 'unknown',
    },
  ]),
  {
    check: 'monitoring-schedule-network-isolation',
    name: 'inline definition isolated',
    resource: monitoringSchedule({
      MonitoringScheduleConfig: {
        MonitoringJobDefinition: {
          NetworkConfig: { EnableNetworkIsolation: true },
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'monitoring-schedule-network-isolation',
    name: 'inline definition not isolated',
    resource: monitoringSchedule({
      MonitoringScheduleConfig: {
        MonitoringJobDefinition: { NetworkConfig: {} },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'monitoring-schedule-network-isolation',
    name: 'named job definition',
    resource: monitoringSchedule({
      MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'dq' },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'monitoring-schedule-network-isolation',
    name: 'describe failed',
    resource: monitoringSchedule(
      {},
      { errors: [collectionError('sagemaker:DescribeMonitoringSchedule')] },
    ),
    expect: 'unknown',
  },

  // domain-vpc-only
  {
    check: 'domain-vpc-only',
    name: 'VpcOnly',
    resource: domain({ AppNetworkAccessType: 'VpcOnly' }),
    expect: 'pass',
  },
  {
    check: 'domain-vpc-only',
    name: 'PublicInternetOnly',
    resource: domain({ AppNetworkAccessType: 'PublicInternetOnly' }),
    expect: 'fail',
  },
  {
    check: 'domain-vpc-only',
    name: 'absent means PublicInternetOnly',
    resource: domain(),
    expect: 'fail',
  },
  {
    check: 'domain-vpc-only',
    name: 'describe failed',
    resource: domain(
      {},
      { errors: [collectionError('sagemaker:DescribeDomain')] },
    ),
    expect: 'unknown',
  },

  // VPC endpoints
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'both endpoints',
    resource: model(inVpc),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'runtime endpoint missing',
    resource: model(inVpc),
    facts: [subnet('subnet-1'), vpcEndpoints('vpc-1', ['sagemaker.api', 's3'])],
    expect: 'fail',
    message: /sagemaker\.runtime/,
  },
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'private DNS disabled',
    resource: model(inVpc),
    facts: [
      subnet('subnet-1'),
      vpcEndpoints('vpc-1', ['sagemaker.api', 'sagemaker.runtime'], {
        privateDnsEnabled: false,
      }),
    ],
    expect: 'warn',
  },
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'endpoints not collected',
    resource: model(inVpc),
    facts: [subnet('subnet-1')],
    expect: 'unknown',
    missing: ['ec2:DescribeVpcEndpoints'],
  },
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'subnet not collected',
    resource: model(inVpc),
    expect: 'unknown',
    missing: ['ec2:DescribeSubnets'],
  },
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'not in a VPC',
    resource: model(),
    expect: 'not_applicable',
  },
  {
    check: 'vpc-endpoints-sagemaker',
    name: 'iac: subnet not declared',
    resource: model(inVpc),
    mode: 'iac',
    expect: 'not_applicable',
  },
  {
    check: 'vpc-endpoint-s3',
    name: 'gateway endpoint',
    resource: domain({ VpcId: 'vpc-1' }),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'vpc-endpoint-s3',
    name: 'no S3 endpoint',
    resource: domain({ VpcId: 'vpc-1' }),
    facts: [vpcEndpoints('vpc-1', ['kms'])],
    expect: 'fail',
  },
  {
    check: 'vpc-endpoint-s3',
    name: 'endpoint pending',
    resource: domain({ VpcId: 'vpc-1' }),
    facts: [vpcEndpoints('vpc-1', ['s3'], { state: 'pending' })],
    expect: 'fail',
  },
  {
    check: 'vpc-endpoint-s3',
    name: 'DescribeVpcEndpoints denied',
    resource: domain({ VpcId: 'vpc-1' }),
    facts: [
      fact('vpc-endpoints', 'vpc-1', undefined, {
        errors: [collectionError('ec2:DescribeVpcEndpoints')],
      }),
    ],
    expect: 'unknown',
    missing: ['ec2:DescribeVpcEndpoints'],
  },
  {
    check: 'vpc-endpoint-s3',
    name: 'not in a VPC',
    resource: notebook(),
    expect: 'not_applicable',
  },
  {
    check: 'vpc-endpoint-kms',
    name: 'present',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'vpc-endpoint-kms',
    name: 'missing',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: [subnet('subnet-1'), vpcEndpoints('vpc-1', ['s3'])],
    expect: 'fail',
  },
  {
    check: 'vpc-endpoint-kms',
    name: 'not collected',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: [subnet('subnet-1')],
    expect: 'unknown',
  },
  {
    check: 'vpc-endpoint-kms',
    name: 'not in a VPC',
    resource: notebook(),
    expect: 'not_applicable',
  },
  {
    check: 'vpc-endpoints-ecr',
    name: 'both present',
    resource: trainingJob(inVpc),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'vpc-endpoints-ecr',
    name: 'only ecr.api',
    resource: trainingJob(inVpc),
    facts: [subnet('subnet-1'), vpcEndpoints('vpc-1', ['ecr.api'])],
    expect: 'fail',
    message: /ecr\.dkr/,
  },
  {
    check: 'vpc-endpoints-ecr',
    name: 'not collected',
    resource: trainingJob(inVpc),
    facts: [subnet('subnet-1')],
    expect: 'unknown',
  },
  {
    check: 'vpc-endpoints-ecr',
    name: 'not in a VPC',
    resource: trainingJob(),
    expect: 'not_applicable',
  },
  {
    check: 'vpc-endpoints-sts-logs',
    name: 'both present',
    resource: processingJob({ NetworkConfig: inVpc }),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'vpc-endpoints-sts-logs',
    name: 'FIPS STS and logs',
    resource: processingJob({ NetworkConfig: inVpc }),
    facts: [subnet('subnet-1'), vpcEndpoints('vpc-1', ['sts-fips', 'logs'])],
    expect: 'pass',
  },
  {
    check: 'vpc-endpoints-sts-logs',
    name: 'missing',
    resource: processingJob({ NetworkConfig: inVpc }),
    facts: [subnet('subnet-1'), vpcEndpoints('vpc-1', [])],
    expect: 'fail',
  },
  {
    check: 'vpc-endpoints-sts-logs',
    name: 'not collected',
    resource: processingJob({ NetworkConfig: inVpc }),
    expect: 'unknown',
  },
  {
    check: 'vpc-endpoints-sts-logs',
    name: 'not in a VPC',
    resource: processingJob(),
    expect: 'not_applicable',
  },

  // security groups
  {
    check: 'security-groups-no-public-ingress',
    name: 'internal range only',
    resource: notebook({ SecurityGroups: ['sg-1'] }),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'security-groups-no-public-ingress',
    name: '0.0.0.0/0 on 443',
    resource: model(inVpc),
    facts: [
      securityGroup('sg-1', {
        ingress: [
          {
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            ipv4Ranges: ['0.0.0.0/0'],
            ipv6Ranges: [],
            prefixListIds: [],
            referencedGroupIds: [],
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /sg-1 allows tcp\/443 from 0\.0\.0\.0\/0/,
  },
  {
    check: 'security-groups-no-public-ingress',
    name: '::/0 on all traffic, on a user profile',
    resource: userProfile({ UserSettings: { SecurityGroups: ['sg-2'] } }),
    facts: [
      securityGroup('sg-2', {
        ingress: [
          {
            ipProtocol: '-1',
            ipv4Ranges: [],
            ipv6Ranges: ['::/0'],
            prefixListIds: [],
            referencedGroupIds: [],
          },
        ],
      }),
    ],
    expect: 'fail',
  },
  {
    check: 'security-groups-no-public-ingress',
    name: 'group not collected',
    resource: domain({ DomainSettings: { SecurityGroupIds: ['sg-9'] } }),
    expect: 'unknown',
    missing: ['ec2:DescribeSecurityGroups'],
  },
  {
    check: 'security-groups-no-public-ingress',
    name: 'no security groups',
    resource: notebook(),
    expect: 'not_applicable',
  },
  {
    check: 'security-groups-egress-restricted',
    name: 'restricted',
    resource: trainingJob(inVpc),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'security-groups-egress-restricted',
    name: 'default allow-all egress',
    resource: trainingJob(inVpc),
    facts: [
      securityGroup('sg-1', {
        egress: [
          {
            ipProtocol: '-1',
            ipv4Ranges: ['0.0.0.0/0'],
            ipv6Ranges: [],
            prefixListIds: [],
            referencedGroupIds: [],
          },
        ],
      }),
    ],
    expect: 'warn',
  },
  {
    check: 'security-groups-egress-restricted',
    name: 'group describe denied',
    resource: trainingJob(inVpc),
    facts: [
      fact('security-group', 'sg-1', undefined, {
        errors: [collectionError('ec2:DescribeSecurityGroups')],
      }),
    ],
    expect: 'unknown',
  },
  {
    check: 'security-groups-egress-restricted',
    name: 'no groups',
    resource: trainingJob(),
    expect: 'not_applicable',
  },
  // An unreadable group outweighs a warning on another one (only a failure is certain).
  {
    check: 'security-groups-egress-restricted',
    name: 'one failing and one unreadable group',
    resource: trainingJob({
      VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1', 'sg-x'] },
    }),
    facts: [
      securityGroup('sg-1', {
        egress: [
          {
            ipProtocol: '-1',
            ipv4Ranges: ['0.0.0.0/0'],
            ipv6Ranges: [],
            prefixListIds: [],
            referencedGroupIds: [],
          },
        ],
      }),
    ],
    expect: 'unknown',
  },

  // subnets-private
  {
    check: 'subnets-private',
    name: 'private subnet',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: NETWORK_FACTS,
    expect: 'pass',
  },
  {
    check: 'subnets-private',
    name: 'route to an internet gateway',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: [subnet('subnet-1', { routesToInternetGateway: true })],
    expect: 'fail',
  },
  {
    check: 'subnets-private',
    name: 'public IPs on launch',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: [subnet('subnet-1', { mapPublicIpOnLaunch: true })],
    expect: 'warn',
  },
  {
    check: 'subnets-private',
    name: 'route tables denied',
    resource: notebook({ SubnetId: 'subnet-1' }),
    facts: [subnet('subnet-1', { routesToInternetGateway: undefined })],
    expect: 'unknown',
    missing: ['ec2:DescribeRouteTables'],
  },
  {
    check: 'subnets-private',
    name: 'no subnet',
    resource: notebook(),
    expect: 'not_applicable',
  },

  // hyperpod-cluster-in-vpc
  {
    check: 'hyperpod-cluster-in-vpc',
    name: 'VpcConfig subnets',
    resource: cluster(),
    expect: 'pass',
  },
  {
    check: 'hyperpod-cluster-in-vpc',
    name: 'no VpcConfig: the service VPC',
    resource: cluster({ VpcConfig: undefined }),
    expect: 'fail',
  },
  {
    check: 'hyperpod-cluster-in-vpc',
    name: 'VpcConfig unreadable',
    resource: resource(
      'hyperpod-cluster',
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeCluster', { field: 'VpcConfig' }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // hyperpod-instance-groups-in-cluster-vpc
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'no override: every group uses the cluster VPC',
    resource: cluster(),
    expect: 'pass',
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'override within the cluster VPC',
    resource: cluster(
      {},
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-2'],
          Subnets: ['subnet-2'],
        },
      },
    ),
    facts: [
      subnet('subnet-1'),
      securityGroup('sg-1'),
      subnet('subnet-2'),
      securityGroup('sg-2'),
    ],
    expect: 'pass',
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'override subnet in another VPC',
    resource: cluster(
      {},
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-1'],
          Subnets: ['subnet-9'],
        },
      },
    ),
    facts: [
      subnet('subnet-1'),
      securityGroup('sg-1'),
      subnet('subnet-9', { vpcId: 'vpc-9' }),
    ],
    expect: 'fail',
    message:
      /instance group workers is outside the cluster VPC \(subnet subnet-9 in vpc-9\)/,
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'override security group of another VPC',
    resource: cluster(
      {},
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-9'],
          Subnets: ['subnet-1'],
        },
      },
    ),
    facts: [
      subnet('subnet-1'),
      securityGroup('sg-1'),
      securityGroup('sg-9', { vpcId: 'vpc-9' }),
    ],
    expect: 'fail',
    message: /security group sg-9 in vpc-9/,
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'restricted instance group in another VPC',
    resource: cluster({
      RestrictedInstanceGroups: [
        {
          InstanceGroupName: 'nova',
          OverrideVpcConfig: {
            SecurityGroupIds: ['sg-1'],
            Subnets: ['subnet-9'],
          },
        },
      ],
    }),
    facts: [
      subnet('subnet-1'),
      securityGroup('sg-1'),
      subnet('subnet-9', { vpcId: 'vpc-9' }),
    ],
    expect: 'fail',
    message: /instance group nova is outside the cluster VPC/,
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'override subnet not collected',
    resource: cluster(
      {},
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-1'],
          Subnets: ['subnet-2'],
        },
      },
    ),
    facts: [subnet('subnet-1'), securityGroup('sg-1')],
    expect: 'unknown',
    missing: ['ec2:DescribeSubnets'],
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'cluster subnet not collected',
    resource: cluster(
      {},
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-1'],
          Subnets: ['subnet-2'],
        },
      },
    ),
    facts: [subnet('subnet-2'), securityGroup('sg-1')],
    expect: 'unknown',
    missing: ['ec2:DescribeSubnets'],
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'no cluster VPC to compare with',
    resource: cluster(
      { VpcConfig: undefined },
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-1'],
          Subnets: ['subnet-1'],
        },
      },
    ),
    expect: 'not_applicable',
  },
  {
    check: 'hyperpod-instance-groups-in-cluster-vpc',
    name: 'no instance groups',
    resource: cluster({ InstanceGroups: [] }),
    expect: 'not_applicable',
  },
  // The network checks on subnets and security groups reach the override through the descriptor links.
  {
    check: 'subnets-private',
    name: 'HyperPod group override in a public subnet (through the descriptor links)',
    resource: cluster(
      {},
      {
        OverrideVpcConfig: {
          SecurityGroupIds: ['sg-1'],
          Subnets: ['subnet-2'],
        },
      },
    ),
    facts: [
      subnet('subnet-1'),
      subnet('subnet-2', { routesToInternetGateway: true }),
    ],
    expect: 'fail',
    message: /subnet-2 is public/,
  },
  ...domainSettingsNetworkCases,
  ...jobTypesNetworkCases,
  ...inferenceComponentNetworkCases,
];
