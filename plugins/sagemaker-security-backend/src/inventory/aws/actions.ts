/** AWS services the collector calls; each has one SDK client per account and region. */
export const AWS_SERVICES = [
  'sagemaker',
  'iam',
  'kms',
  's3',
  'ec2',
  'cloudtrail',
  'cloudwatch',
  'logs',
  'guardduty',
  // The Resource Groups Tagging API (IAM prefix `tag`): bulk tag reads.
  'tag',
] as const;
/**
 * Services read for findings of other tools (findings/), not for the
 * inventory: built by the same factory (credentials, retries, pacing).
 */
export const FINDINGS_SERVICES = ['securityhub'] as const;
export type AwsService =
  | (typeof AWS_SERVICES)[number]
  | (typeof FINDINGS_SERVICES)[number];

/** Operations whose IAM action differs from the API operation name. */
const ACTION_OVERRIDES: Record<string, string> = {
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
};

/** The IAM action of an SDK command, e.g. (`iam`, `GetRoleCommand`) → `iam:GetRole`. */
export function iamActionOf(service: AwsService, commandName: string): string {
  const action = `${service}:${commandName.replace(/Command$/, '')}`;
  return ACTION_OVERRIDES[action] ?? action;
}
