/**
 * Verdicts of the checks that judge a related resource (role, key, bucket,
 * network, trail, log group), derived by hand from what the estate built
 * (see __testUtils__/estate) and the check logic (plugins/sagemaker-security-
 * node/src/checks, docs/checks.md). A resource's table spreads the blocks
 * of what it names; where several items are named, the worst verdict wins
 * (fail > unknown > warn > pass > not_applicable).
 */
import { MOTO_GAPS, MotoGap } from './motoGaps';

export type Verdict = 'pass' | 'fail' | 'warn' | 'unknown' | 'not_applicable';

/** A verdict that moto changes: what this test asserts, and what AWS would give. */
export interface GapVerdict {
  moto: Verdict;
  aws: Verdict;
  gap: MotoGap;
}

export type Expected = Verdict | GapVerdict;
export type Table = Record<string, Expected>;

export function onMoto(gap: MotoGap, moto: Verdict, aws: Verdict): GapVerdict {
  if (!MOTO_GAPS[gap]) throw new Error(`unknown moto gap ${gap}`);
  return { moto, aws, gap };
}

const NA = 'not_applicable' as const;

/**
 * The ten execution-role checks, per role (estate/security.ts):
 * - scoped: one inline policy naming bucket ml-secure, the good key and
 *   PassRole of itself to SageMaker only; trust with aws:SourceAccount; a
 *   permissions boundary. Everything passes.
 * - wildcard: `Allow * on *`, trust without a source condition, no boundary.
 *   `*` grants kms:*, s3 objects anywhere, PassRole without
 *   iam:PassedToService and every SageMaker action (escalation; presigned
 *   URLs without conditions warn). No managed policy, trust only SageMaker.
 * - fullAccess: AmazonSageMakerFullAccess (moto's copy, v29) and nothing
 *   else; trust with aws:SourceArn; no boundary. The policy's `sagemaker:*`
 *   is a wildcard action and, with PassRole to SageMaker (conditioned on
 *   iam:PassedToService, so passrole-scoped passes, but the condition cannot
 *   be decided, so the grant may apply), makes CreateNotebookInstance an
 *   escalation path; s3:GetObject on arn:aws:s3:::* under an object-tag
 *   condition may apply to any bucket; kms only DescribeKey/ListAliases.
 * - publicTrust: the scoped policy and boundary; trusted by SageMaker (with
 *   aws:SourceAccount) and by `{"AWS": "*"}` without a condition.
 * - crossAccount: the scoped policy and boundary; trusted only by account
 *   999999999999 (not by SageMaker: the confused-deputy check does not apply).
 */
export const ROLE = {
  scoped: roleVerdicts({}),
  wildcard: roleVerdicts({
    'execution-role-no-wildcard-actions': 'fail',
    'execution-role-s3-access-scoped': 'fail',
    'execution-role-passrole-scoped': 'fail',
    'execution-role-privilege-escalation': 'fail',
    'execution-role-kms-not-full-access': 'fail',
    'execution-role-presigned-url-conditions': 'warn',
    'execution-role-trust-confused-deputy': 'fail',
    'execution-role-permissions-boundary': 'fail',
  }),
  fullAccess: roleVerdicts({
    'execution-role-no-full-access-policies': 'fail',
    'execution-role-no-wildcard-actions': 'fail',
    'execution-role-s3-access-scoped': 'fail',
    'execution-role-privilege-escalation': 'fail',
    'execution-role-presigned-url-conditions': 'warn',
    'execution-role-permissions-boundary': 'fail',
  }),
  publicTrust: roleVerdicts({ 'execution-role-trust-not-public': 'fail' }),
  crossAccount: roleVerdicts({
    'execution-role-trust-confused-deputy': NA,
    'execution-role-trust-not-public': 'warn',
  }),
};

function roleVerdicts(differences: Table): Table {
  return {
    'execution-role-no-full-access-policies': 'pass',
    'execution-role-no-wildcard-actions': 'pass',
    'execution-role-s3-access-scoped': 'pass',
    'execution-role-passrole-scoped': 'pass',
    'execution-role-privilege-escalation': 'pass',
    'execution-role-kms-not-full-access': 'pass',
    'execution-role-presigned-url-conditions': 'pass',
    'execution-role-trust-confused-deputy': 'pass',
    'execution-role-trust-not-public': 'pass',
    'execution-role-permissions-boundary': 'pass',
    ...differences,
  };
}

const keyVerdicts = (
  customerManaged: Verdict,
  rotation: Verdict,
  enabled: Verdict,
  policy: Verdict,
): Table => ({
  'kms-keys-customer-managed': customerManaged,
  'kms-keys-rotation-enabled': rotation,
  'kms-keys-enabled': enabled,
  'kms-key-policies-not-public': policy,
});

/**
 * The four checks of the KMS keys a resource names (estate/security.ts).
 * moto has no AWS-managed keys: every key is customer-managed.
 */
export const KEYS = {
  none: keyVerdicts(NA, NA, NA, NA),
  /** Rotating, enabled, the account's own policy. */
  good: keyVerdicts('pass', 'pass', 'pass', 'pass'),
  /** Does not rotate (named by ARN or by alias/ml-no-rotation). */
  noRotation: keyVerdicts('pass', 'fail', 'pass', 'pass'),
  /** Its policy allows Principal "*" to decrypt, without a condition. */
  public: keyVerdicts('pass', 'pass', 'pass', 'fail'),
  /** Disabled (rotation status and policy still readable). */
  disabled: keyVerdicts('pass', 'pass', 'fail', 'pass'),
};

const bucketVerdicts = (
  tls: Verdict,
  sseKms: Verdict,
  blocked: Verdict,
): Table => ({
  's3-buckets-secure-transport': tls,
  's3-buckets-sse-kms': sseKms,
  's3-buckets-public-access-blocked': blocked,
});

/**
 * The three checks of the S3 buckets a resource names (estate/security.ts).
 * "Not configured" answers (NoSuchBucketPolicy,
 * ServerSideEncryptionConfigurationNotFoundError,
 * NoSuchPublicAccessBlockConfiguration) are a known absence: fail, never unknown.
 */
export const BUCKETS = {
  none: bucketVerdicts(NA, NA, NA),
  /** ml-secure: TLS-only policy, SSE-KMS, all public access blocked. */
  secure: bucketVerdicts('pass', 'pass', 'pass'),
  /** ml-sse-s3: a policy without a TLS deny, SSE-S3 (AES256), no block. */
  sseS3: bucketVerdicts('fail', 'fail', 'fail'),
  /** ml-plain: no policy, no default encryption, no block. */
  plain: bucketVerdicts('fail', 'fail', 'fail'),
};

const vpcVerdicts = (
  sagemaker: Verdict,
  s3: Verdict,
  kms: Verdict,
  ecr: Verdict,
  stsLogs: Verdict,
): Table => ({
  'vpc-endpoints-sagemaker': sagemaker,
  'vpc-endpoint-s3': s3,
  'vpc-endpoint-kms': kms,
  'vpc-endpoints-ecr': ecr,
  'vpc-endpoints-sts-logs': stsLogs,
});

const groupVerdicts = (ingress: Verdict, egress: Verdict): Table => ({
  'security-groups-no-public-ingress': ingress,
  'security-groups-egress-restricted': egress,
});

/**
 * The network checks of where a resource runs (estate/network.ts): its
 * VPC's endpoints, its security group and its subnet.
 */
export const NETWORK = {
  none: {
    ...vpcVerdicts(NA, NA, NA, NA, NA),
    ...groupVerdicts(NA, NA),
    'subnets-private': NA,
  } as Table,
  /** Private subnet of the private VPC (every endpoint), locked group. */
  private: {
    ...vpcVerdicts('pass', 'pass', 'pass', 'pass', 'pass'),
    ...groupVerdicts('pass', 'pass'),
    'subnets-private': 'pass',
  } as Table,
  /**
   * The private VPC's subnet that maps public IPs on launch (warn), with the
   * group that keeps AWS's allow-all egress (warn) and no ingress rule.
   */
  publicIp: {
    ...vpcVerdicts('pass', 'pass', 'pass', 'pass', 'pass'),
    ...groupVerdicts('pass', 'warn'),
    'subnets-private': 'warn',
  } as Table,
  /**
   * The public VPC: its main route table sends 0.0.0.0/0 to an internet
   * gateway; an S3 gateway endpoint, a KMS interface endpoint with private
   * DNS off (warn), nothing else; the group allows SSH from 0.0.0.0/0.
   */
  public: {
    ...vpcVerdicts('fail', 'pass', 'warn', 'fail', 'fail'),
    ...groupVerdicts('fail', 'warn'),
    'subnets-private': 'fail',
  } as Table,
};

/**
 * The region's trails and GuardDuty detector, for notebooks, domains and
 * endpoints. us-east-1: ml-audit logs management events (selectors put),
 * validates its files and encrypts with the good key; GuardDuty is enabled
 * with Runtime Monitoring. eu-west-1: ml-audit-eu logs, created without
 * selectors; no GuardDuty detector.
 */
export const TRAILS = {
  main: {
    'cloudtrail-logging-in-region': 'pass',
    'cloudtrail-log-file-validation': 'pass',
    'cloudtrail-kms-encryption': 'pass',
    'guardduty-enabled-in-region': 'pass',
  } as Table,
  second: {
    'cloudtrail-logging-in-region': onMoto(
      'trailWithoutSelectors',
      'fail',
      'pass',
    ),
    // With no logging trail these do not apply; on AWS the trail has no
    // validation and no key (CreateTrail's defaults): fail.
    'cloudtrail-log-file-validation': onMoto(
      'trailWithoutSelectors',
      NA,
      'fail',
    ),
    'cloudtrail-kms-encryption': onMoto('trailWithoutSelectors', NA, 'fail'),
    'guardduty-enabled-in-region': 'fail',
  } as Table,
};

const logVerdicts = (kms: Verdict, retention: Verdict): Table => ({
  'log-group-kms-encryption': kms,
  'log-group-retention': retention,
});

/** The log group SageMaker writes the resource's logs to (estate/index.ts). */
export const LOGS = {
  /** No such group yet: nothing logged. */
  absent: logVerdicts(NA, NA),
  /** /aws/sagemaker/Endpoints/ep-secure (365 days, good key) and /aws/sagemaker/studio (400 days, good key). */
  keptAndKeyed: logVerdicts('pass', 'pass'),
  /** /aws/sagemaker/TrainingJobs: 30 days, no key. */
  training: logVerdicts('fail', 'fail'),
  /** /aws/sagemaker/ProcessingJobs: never expires, no key. */
  processing: logVerdicts('fail', 'pass'),
};
