import { collectionError, securityGroup } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';
import { automlJob, compilationJob } from '../jobTypesFixture';

/** AutoML and compilation jobs. */
export const jobTypesNetworkCases: CheckCase[] = [
  // automl-job-in-vpc
  {
    check: 'automl-job-in-vpc',
    name: 'in VPC',
    resource: automlJob(),
    expect: 'pass',
  },
  {
    check: 'automl-job-in-vpc',
    name: 'SecurityConfig without VpcConfig',
    resource: automlJob({
      SecurityConfig: { EnableInterContainerTrafficEncryption: true },
    }),
    expect: 'fail',
    message: /VPC subnets is not set/,
  },
  {
    check: 'automl-job-in-vpc',
    name: 'no SecurityConfig',
    resource: automlJob({ SecurityConfig: undefined }),
    expect: 'fail',
  },
  {
    check: 'automl-job-in-vpc',
    name: 'DescribeAutoMLJobV2 denied',
    resource: automlJob(
      {},
      { errors: [collectionError('sagemaker:DescribeAutoMLJobV2')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeAutoMLJobV2'],
  },

  // compilation-job-in-vpc
  {
    check: 'compilation-job-in-vpc',
    name: 'in VPC',
    resource: compilationJob(),
    expect: 'pass',
  },
  {
    check: 'compilation-job-in-vpc',
    name: 'no VpcConfig',
    resource: compilationJob({ VpcConfig: undefined }),
    expect: 'fail',
  },
  {
    check: 'compilation-job-in-vpc',
    name: 'DescribeCompilationJob denied',
    resource: compilationJob(
      {},
      { errors: [collectionError('sagemaker:DescribeCompilationJob')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeCompilationJob'],
  },

  // The security group checks reach the new jobs through their descriptor links.
  {
    check: 'security-groups-no-public-ingress',
    name: "AutoML job's group open to 0.0.0.0/0",
    resource: automlJob(),
    facts: [
      securityGroup('sg-1', {
        ingress: [
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
    expect: 'fail',
  },
  {
    check: 'security-groups-no-public-ingress',
    name: "compilation job's group internal only",
    resource: compilationJob(),
    facts: [securityGroup('sg-1')],
    expect: 'pass',
  },
];
