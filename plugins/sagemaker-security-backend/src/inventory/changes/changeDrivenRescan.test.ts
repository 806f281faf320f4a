/**
 * Change-driven rescans through the SDK and the simulator (its LookupEvents
 * serves the estate's event history): each kind of fact changed between two
 * scans together with its write event is read again, and only it; a rescan
 * without events reads no fact; when event history cannot be read every
 * fact is read and the reason recorded. On SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  FactKind,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ACCOUNT,
  CMK_ARN,
  CMK_ID,
  FULL_ACCESS,
  fullEstate,
  REGION,
  ROLE_ARN,
} from '../__testUtils__/fullEstate';
import { changeFact, RecordedWrite } from '../__testUtils__/changeFact';
import { encode } from '../__testUtils__/estateIds';
import { createHarness } from '../__testUtils__/harness';
import type { Estate } from '../simulator/estate';
import { isFactCall } from './factCalls';

jest.setTimeout(120_000);

const GLOBAL = 'global';
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`;
const SG = 'sg-0123456789abcdef0';
const SUBNET = 'subnet-0aaaaaaaaaaaaaaa1';
const VPC = 'vpc-0bbbbbbbbbbbbbbb1';
const MARKED = { Sid: 'changed', Effect: 'Deny', Action: '*', Resource: '*' };
const doc = (statement: object) => ({
  Version: '2012-10-17',
  Statement: [statement],
});

const region = (estate: Estate) => estate.accounts[0].regions[0];
const role = (estate: Estate) => estate.accounts[0].roles![0];
const bucket = (estate: Estate, name: string) =>
  estate.accounts[0].buckets!.find(b => b.name === name)!;

interface Case {
  name: string;
  write: RecordedWrite;
  change: (estate: Estate) => void;
  /** The fact-reading actions the rescan sends (LookupEvents apart). */
  reads: string[];
  fact: [FactKind, string, string];
  shows: (data: any) => void;
  /** A request field every fact read of the rescan names this value in (one fact of several). */
  only?: [string, string];
}

const s3Write = (eventName: string, extra: object = {}): RecordedWrite => ({
  eventSource: 's3.amazonaws.com',
  eventName,
  region: REGION,
  requestParameters: { bucketName: 'ml-capture', Host: 's3', ...extra },
});
const BUCKET_READS = [
  's3:GetBucketLocation',
  's3:GetBucketPolicy',
  's3:GetEncryptionConfiguration',
  's3:GetBucketPublicAccessBlock',
];
const ROLE_READS = [
  'iam:GetRole',
  'iam:ListAttachedRolePolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
];
const KEY_READS = [
  'kms:DescribeKey',
  'kms:GetKeyRotationStatus',
  'kms:GetKeyPolicy',
];
const NETWORK_READS = (...more: string[]) => [...more];

const CASES: Case[] = [
  {
    name: 'bucket policy',
    write: s3Write('PutBucketPolicy', { bucketPolicy: doc(MARKED) }),
    change: e => {
      bucket(e, 'ml-capture').policy = JSON.stringify(doc(MARKED));
    },
    reads: BUCKET_READS,
    fact: ['s3-bucket', GLOBAL, 'ml-capture'],
    shows: data =>
      expect(JSON.stringify(data.policy)).toContain('"Sid":"changed"'),
    only: ['Bucket', 'ml-capture'],
  },
  {
    name: 'bucket encryption',
    write: s3Write('PutBucketEncryption'),
    change: e => {
      bucket(e, 'ml-capture').encryption = {
        Rules: [
          { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      };
    },
    reads: BUCKET_READS,
    fact: ['s3-bucket', GLOBAL, 'ml-capture'],
    shows: data => expect(data.encryption.sseAlgorithm).toBe('AES256'),
    only: ['Bucket', 'ml-capture'],
  },
  {
    name: 'key rotation',
    write: {
      eventSource: 'kms.amazonaws.com',
      eventName: 'EnableKeyRotation',
      region: REGION,
      requestParameters: { keyId: CMK_ID },
    },
    change: e => {
      region(e).kmsKeys![0].rotationEnabled = true;
    },
    reads: KEY_READS,
    fact: ['kms-key', REGION, CMK_ARN],
    shows: data => expect(data.rotationEnabled).toBe(true),
    only: ['KeyId', CMK_ARN],
  },
  {
    name: 'key policy',
    write: {
      eventSource: 'kms.amazonaws.com',
      eventName: 'PutKeyPolicy',
      region: REGION,
      requestParameters: { keyId: CMK_ARN, policyName: 'default' },
    },
    change: e => {
      region(e).kmsKeys![0].policy = JSON.stringify(doc(MARKED));
    },
    reads: KEY_READS,
    fact: ['kms-key', REGION, CMK_ARN],
    shows: data =>
      expect(JSON.stringify(data.keyPolicy)).toContain('"Sid":"changed"'),
  },
  {
    name: 'role trust policy',
    write: {
      eventSource: 'iam.amazonaws.com',
      eventName: 'UpdateAssumeRolePolicy',
      // Recorded in us-east-1 whichever region the call went to.
      region: 'eu-west-1',
      requestParameters: { roleName: 'SageMakerExecution' },
    },
    change: e => {
      role(e).role.AssumeRolePolicyDocument = encode(doc(MARKED));
    },
    reads: ROLE_READS,
    fact: ['iam-role', GLOBAL, ROLE_ARN],
    shows: data =>
      expect(JSON.stringify(data.assumeRolePolicyDocument)).toContain(
        '"Sid":"changed"',
      ),
  },
  {
    name: 'role inline policy',
    write: {
      eventSource: 'iam.amazonaws.com',
      eventName: 'PutRolePolicy',
      region: REGION,
      requestParameters: { roleName: 'SageMakerExecution', policyName: 's3' },
    },
    change: e => {
      role(e).inlinePolicies!.s3 = encode(doc(MARKED));
    },
    reads: ROLE_READS,
    fact: ['iam-role', GLOBAL, ROLE_ARN],
    shows: data =>
      expect(JSON.stringify(data.inlinePolicies)).toContain('"Sid":"changed"'),
  },
  {
    name: 'managed policy version of an attached policy',
    write: {
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreatePolicyVersion',
      region: REGION,
      requestParameters: { policyArn: FULL_ACCESS, setAsDefault: true },
    },
    change: e => {
      const policy = e.accounts[0].managedPolicies![0];
      policy.defaultVersionId = 'v4';
      policy.document = encode(doc(MARKED));
    },
    reads: ROLE_READS,
    fact: ['iam-role', GLOBAL, ROLE_ARN],
    shows: data =>
      expect(JSON.stringify(data.attachedPolicies)).toContain(
        '"Sid":"changed"',
      ),
  },
  {
    name: 'security group rule',
    write: {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'RevokeSecurityGroupIngress',
      region: REGION,
      requestParameters: {
        groupId: SG,
        ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 443 }] },
      },
    },
    change: e => {
      region(e).securityGroups![0].IpPermissions = [];
    },
    reads: NETWORK_READS('ec2:DescribeSecurityGroups'),
    fact: ['security-group', REGION, SG],
    shows: data => expect(data.ingress).toEqual([]),
  },
  {
    name: 'subnet attribute',
    write: {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'ModifySubnetAttribute',
      region: REGION,
      requestParameters: {
        subnetId: SUBNET,
        mapPublicIpOnLaunch: { value: true },
      },
    },
    change: e => {
      region(e).subnets![0].MapPublicIpOnLaunch = true;
    },
    reads: NETWORK_READS('ec2:DescribeSubnets', 'ec2:DescribeRouteTables'),
    fact: ['subnet', REGION, SUBNET],
    shows: data => expect(data.mapPublicIpOnLaunch).toBe(true),
  },
  {
    name: 'VPC endpoint',
    write: {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'ModifyVpcEndpoint',
      region: REGION,
      requestParameters: {
        ModifyVpcEndpointRequest: {
          VpcEndpointId: 'vpce-1',
          ResetPolicy: true,
        },
      },
    },
    change: e => {
      delete region(e).vpcEndpoints![0].PolicyDocument;
    },
    reads: NETWORK_READS('ec2:DescribeVpcEndpoints'),
    fact: ['vpc-endpoints', REGION, VPC],
    shows: data => expect(data.endpoints[0].policyDocument).toBeUndefined(),
  },
  {
    name: 'trail status',
    write: {
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      region: REGION,
      requestParameters: { name: TRAIL_ARN },
    },
    change: e => {
      region(e).trails![0].status = { IsLogging: false };
    },
    reads: [
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetTrailStatus',
      'cloudtrail:GetEventSelectors',
    ],
    fact: ['cloudtrail', REGION, '-'],
    shows: data => expect(data.trails[0].isLogging).toBe(false),
  },
  {
    name: 'alarm',
    write: {
      eventSource: 'monitoring.amazonaws.com',
      eventName: 'DeleteAlarms',
      region: REGION,
      requestParameters: { alarmNames: ['fraud-5xx'] },
    },
    change: e => {
      region(e).alarms = region(e).alarms!.filter(
        a => a.AlarmName !== 'fraud-5xx',
      );
    },
    reads: ['cloudwatch:DescribeAlarms'],
    fact: ['cloudwatch-alarms', REGION, '-'],
    shows: data => expect(data.alarms).toEqual([]),
  },
  {
    name: 'log group retention',
    write: {
      eventSource: 'logs.amazonaws.com',
      eventName: 'PutRetentionPolicy',
      region: REGION,
      requestParameters: {
        logGroupName: '/aws/sagemaker/TrainingJobs',
        retentionInDays: 90,
      },
    },
    change: e => {
      region(e).logGroups![1].retentionInDays = 90;
    },
    reads: ['logs:DescribeLogGroups'],
    fact: ['log-groups', REGION, '-'],
    shows: data =>
      expect(
        data.logGroups.find(
          (g: any) => g.logGroupName === '/aws/sagemaker/TrainingJobs',
        ).retentionInDays,
      ).toBe(90),
  },
];

/** The fact-reading actions among the calls (event history apart). */
function factReads(calls: Array<{ action: string }>): string[] {
  return [
    ...new Set(
      calls
        .map(c => c.action)
        .filter(a => isFactCall(a) && a !== 'cloudtrail:LookupEvents'),
    ),
  ].sort();
}

async function getFact(
  h: Awaited<ReturnType<typeof createHarness>>,
  [kind, where, key]: Case['fact'],
): Promise<RelatedFact | undefined> {
  return h.store.getFact(kind, ACCOUNT, where, key);
}

describe('change-driven rescan', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it.each(CASES.map(c => [c.name, c] as const))(
      'reads again a changed %s, and only it',
      async (_name, c) => {
        const estate = fullEstate();
        const h = await createHarness(estate, {
          changeDriven: true,
          db: await databases.init(databaseId),
          // The exact per-fact reads (with bulk reads, a changed role of an
          // account whose details cost fewer calls comes from them instead).
          config: { inventory: { bulkReads: false } },
        });
        const first = await h.scan();
        expect(first.status).toBe('succeeded');
        expect(first.targets[0].changeSource?.mode).toBe('full');
        const before = await getFact(h, c.fact);
        expect(before?.data).toBeDefined();
        expect(() => c.shows(before!.data)).toThrow();

        changeFact(estate, c.write, c.change);
        h.calls.length = 0;
        const second = await h.scan();
        expect(second.status).toBe('succeeded');
        expect(second.targets[0].changeSource).toEqual({ mode: 'events' });
        expect(factReads(h.calls)).toEqual([...c.reads].sort());
        expect(
          h.calls.filter(x => x.action === 'cloudtrail:LookupEvents').length,
        ).toBeGreaterThan(0);
        c.shows((await getFact(h, c.fact))!.data);
        // Where several facts of the kind are stored, only the changed one.
        const [field, value] = c.only ?? [];
        const named = h.calls
          .filter(x => isFactCall(x.action))
          .filter(x => x.action !== 'cloudtrail:LookupEvents')
          .map(x => (field ? x.input[field] : value));
        expect(new Set(named)).toEqual(new Set([value]));
      },
    );
  });
});
