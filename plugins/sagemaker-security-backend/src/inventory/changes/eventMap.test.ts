/**
 * Write events pinned to the stored facts they change; what cannot be
 * pinned marks the whole kind (fail closed); writes known to leave every
 * fact alone mark nothing.
 */
import type { FactKind } from '@mlsec/plugin-sagemaker-security-common';
import { ChangeLog } from './changeLog';
import { parseEvent, recordEvent } from './eventMap';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:111111111111:key/${KEY_ID}`;
const POLICY = 'arn:aws:iam::111111111111:policy/ml';

function logOf(
  eventSource: string,
  eventName: string,
  requestParameters?: Record<string, unknown>,
) {
  const log = new ChangeLog();
  recordEvent({ eventSource, eventName, requestParameters }, log);
  return log;
}

describe('write events to facts', () => {
  it.each<[string, ChangeLog, FactKind, string[], boolean]>([
    [
      'PutBucketPolicy names its bucket',
      logOf('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'a' }),
      's3-bucket',
      ['a'],
      true,
    ],
    [
      'not another bucket',
      logOf('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'a' }),
      's3-bucket',
      ['b'],
      false,
    ],
    [
      'an S3 write without a bucket: every bucket',
      logOf('s3.amazonaws.com', 'PutAccountPublicAccessBlock', {}),
      's3-bucket',
      ['b'],
      true,
    ],
    [
      'a key by its ARN, stored by ID',
      logOf('kms.amazonaws.com', 'DisableKeyRotation', { keyId: KEY_ARN }),
      'kms-key',
      [KEY_ID],
      true,
    ],
    [
      'an alias change: the key holding it',
      logOf('kms.amazonaws.com', 'DeleteAlias', { aliasName: 'alias/ml' }),
      'kms-key',
      ['other', 'alias:alias/ml'],
      true,
    ],
    [
      'an alias change: the region alias list',
      logOf('kms.amazonaws.com', 'UpdateAlias', { aliasName: 'alias/ml' }),
      'kms-aliases',
      ['-'],
      true,
    ],
    [
      'Decrypt changes no key',
      logOf('kms.amazonaws.com', 'Decrypt', { keyId: KEY_ARN }),
      'kms-key',
      [KEY_ARN, KEY_ID],
      false,
    ],
    [
      'a role by name',
      logOf('iam.amazonaws.com', 'DetachRolePolicy', {
        roleName: 'exec',
        policyArn: POLICY,
      }),
      'iam-role',
      ['role:exec'],
      true,
    ],
    [
      'a policy version: every role attaching the policy',
      logOf('iam.amazonaws.com', 'SetDefaultPolicyVersion', {
        policyArn: POLICY,
        versionId: 'v2',
      }),
      'iam-role',
      ['role:exec', `policy:${POLICY}`],
      true,
    ],
    [
      'a user policy changes no role',
      logOf('iam.amazonaws.com', 'AttachUserPolicy', {
        userName: 'u',
        policyArn: POLICY,
      }),
      'iam-role',
      [`policy:${POLICY}`],
      false,
    ],
    [
      'an unknown IAM write: every role',
      logOf('iam.amazonaws.com', 'SomethingNew', {}),
      'iam-role',
      ['role:x'],
      true,
    ],
    [
      'ModifySecurityGroupRules by its nested group ID',
      logOf('ec2.amazonaws.com', 'ModifySecurityGroupRules', {
        ModifySecurityGroupRulesRequest: { GroupId: 'sg-0123456789abcdef0' },
      }),
      'security-group',
      ['sg-0123456789abcdef0'],
      true,
    ],
    [
      'a route: every subnet',
      logOf('ec2.amazonaws.com', 'CreateRoute', {
        routeTableId: 'rtb-1',
      }),
      'subnet',
      ['subnet-0aaaaaaaaaaaaaaa1'],
      true,
    ],
    [
      'an instance changes no network fact',
      logOf('ec2.amazonaws.com', 'RunInstances', {
        subnetId: 'subnet-0aaaaaaaaaaaaaaa1',
      }),
      'subnet',
      ['subnet-0aaaaaaaaaaaaaaa1'],
      false,
    ],
    [
      'an unknown EC2 write: every security group',
      logOf('ec2.amazonaws.com', 'FrobnicateThing', {}),
      'security-group',
      ['sg-1'],
      true,
    ],
    [
      'a SageMaker log group retention',
      logOf('logs.amazonaws.com', 'PutRetentionPolicy', {
        logGroupName: '/aws/sagemaker/Endpoints/x',
      }),
      'log-groups',
      ['-'],
      true,
    ],
    [
      'another log group',
      logOf('logs.amazonaws.com', 'PutRetentionPolicy', {
        logGroupName: '/aws/lambda/x',
      }),
      'log-groups',
      ['-'],
      false,
    ],
    [
      'StopLogging',
      logOf('cloudtrail.amazonaws.com', 'StopLogging', { name: 't' }),
      'cloudtrail',
      ['-'],
      true,
    ],
    [
      'UpdateDetector',
      logOf('guardduty.amazonaws.com', 'UpdateDetector', {}),
      'guardduty',
      ['-'],
      true,
    ],
    [
      'ArchiveFindings changes no detector',
      logOf('guardduty.amazonaws.com', 'ArchiveFindings', {}),
      'guardduty',
      ['-'],
      false,
    ],
    [
      'PutMetricAlarm',
      logOf('monitoring.amazonaws.com', 'PutMetricAlarm', { alarmName: 'a' }),
      'cloudwatch-alarms',
      ['-'],
      true,
    ],
  ])('%s', (_name, log, kind, identifiers, touched) => {
    expect(log.touches(kind, identifiers)).toBe(touched);
  });

  it('reads the CloudTrailEvent JSON, with the summary as a fallback', () => {
    expect(
      parseEvent({
        EventName: 'PutBucketPolicy',
        EventSource: 's3.amazonaws.com',
        CloudTrailEvent: JSON.stringify({
          eventSource: 's3.amazonaws.com',
          eventName: 'PutBucketPolicy',
          requestParameters: { bucketName: 'a' },
        }),
      }),
    ).toEqual({
      eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketPolicy',
      requestParameters: { bucketName: 'a' },
    });
    // Unparsable detail: no parameters, so the whole kind (fail closed).
    const event = parseEvent({
      EventName: 'PutBucketPolicy',
      EventSource: 's3.amazonaws.com',
      CloudTrailEvent: '{not json',
    })!;
    const log = new ChangeLog();
    recordEvent(event, log);
    expect(log.touches('s3-bucket', ['any'])).toBe(true);
    expect(parseEvent({ CloudTrailEvent: '{}' })).toBeUndefined();
  });
});
