/**
 * Malformed AWS answers: required fields missing, policy documents that are
 * not JSON, or URL-encoded where AWS sends plain JSON.
 */
import type { OutputCorruption } from './chaos';

const notJson = '{"Version": "2012-10-17", "Statement": [{"Effect": ';
const urlEncode = (text: unknown) =>
  typeof text === 'string' ? encodeURIComponent(text) : text;

export const CORRUPTIONS: Record<string, OutputCorruption> = {
  // Missing fields.
  'kms:DescribeKey': out => ({ ...out, KeyMetadata: undefined }),
  'iam:GetRole': out => ({
    ...out,
    Role: { ...out.Role, AssumeRolePolicyDocument: undefined },
  }),
  'ec2:DescribeSecurityGroups': out => ({
    ...out,
    SecurityGroups: (out.SecurityGroups ?? []).map((g: any) => ({
      ...g,
      IpPermissions: undefined,
    })),
  }),
  's3:GetEncryptionConfiguration': out => ({
    ...out,
    ServerSideEncryptionConfiguration: undefined,
  }),
  'cloudtrail:GetTrailStatus': out => ({ ...out, IsLogging: undefined }),
  'guardduty:GetDetector': out => ({ ...out, Status: undefined }),
  'kms:GetKeyRotationStatus': out => ({
    ...out,
    KeyRotationEnabled: undefined,
  }),
  // Invalid JSON.
  'iam:GetPolicyVersion': out => ({
    ...out,
    PolicyVersion: { ...out.PolicyVersion, Document: notJson },
  }),
  'iam:GetRolePolicy': out => ({ ...out, PolicyDocument: notJson }),
  // URL-encoded where AWS sends plain JSON.
  'kms:GetKeyPolicy': out => ({ ...out, Policy: urlEncode(out.Policy) }),
  's3:GetBucketPolicy': out => ({ ...out, Policy: urlEncode(out.Policy) }),
};
