/**
 * Real SDK v3 clients, one call per IAM action, sent to a given endpoint:
 * what the classification tests send to a local AWS wire server.
 */
import {
  DescribeTrailsCommand,
  CloudTrailClient,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeModelCommand,
  ListModelsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import { attempt } from '../aws/errors';
import { startAwsWire, WireAnswer } from './awsWire';

export const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const DENIED = (action: string, resource?: string) =>
  `User: arn:aws:sts::123456789012:assumed-role/Scanner/backstage is not authorized to perform: ${action}${
    resource ? ` on resource: ${resource}` : ''
  } because no identity-based policy allows the ${action} action`;

type Send = (endpoint: string, maxAttempts: number) => Promise<unknown>;

export function config(endpoint: string, maxAttempts: number) {
  return {
    region: 'us-east-1',
    endpoint,
    maxAttempts,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
  };
}

export const calls: Record<string, Send> = {
  'sagemaker:ListModels': (e, n) =>
    new SageMakerClient(config(e, n)).send(new ListModelsCommand({})),
  'sagemaker:DescribeModel': (e, n) =>
    new SageMakerClient(config(e, n)).send(
      new DescribeModelCommand({ ModelName: 'churn' }),
    ),
  'kms:DescribeKey': (e, n) =>
    new KMSClient(config(e, n)).send(new DescribeKeyCommand({ KeyId: 'k' })),
  'cloudtrail:DescribeTrails': (e, n) =>
    new CloudTrailClient(config(e, n)).send(new DescribeTrailsCommand({})),
  'logs:DescribeLogGroups': (e, n) =>
    new CloudWatchLogsClient(config(e, n)).send(
      new DescribeLogGroupsCommand({}),
    ),
  'cloudwatch:DescribeAlarms': (e, n) =>
    new CloudWatchClient(config(e, n)).send(new DescribeAlarmsCommand({})),
  'guardduty:ListDetectors': (e, n) =>
    new GuardDutyClient(config(e, n)).send(new ListDetectorsCommand({})),
  'iam:GetRole': (e, n) =>
    new IAMClient(config(e, n)).send(new GetRoleCommand({ RoleName: 'r' })),
  'sts:AssumeRole': (e, n) =>
    new STSClient(config(e, n)).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/Scanner',
        RoleSessionName: 'backstage',
      }),
    ),
  'ec2:DescribeSubnets': (e, n) =>
    new EC2Client(config(e, n)).send(new DescribeSubnetsCommand({})),
  's3:GetBucketPolicy': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetBucketPolicyCommand({ Bucket: 'ml-artifacts' }),
    ),
  's3:GetEncryptionConfiguration': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetBucketEncryptionCommand({ Bucket: 'ml-artifacts' }),
    ),
  's3:GetBucketPublicAccessBlock': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetPublicAccessBlockCommand({ Bucket: 'ml-artifacts' }),
    ),
  's3:GetBucketTagging': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetBucketTaggingCommand({ Bucket: 'ml-artifacts' }),
    ),
};

/** Sends `action` to a server answering `answer` every time; the error as classified. */
export async function classifiedOnTheWire(
  action: string,
  answer: WireAnswer,
  maxAttempts = 1,
): Promise<CollectionError & { attempts: number }> {
  const wire = await startAwsWire(() => answer);
  try {
    const result = await attempt(action, { target: 'ml-artifacts' }, () =>
      calls[action](wire.url, maxAttempts),
    );
    if (result.ok) throw new Error(`${action} succeeded`);
    return { ...result.error, attempts: wire.requests.length };
  } finally {
    await wire.close();
  }
}
