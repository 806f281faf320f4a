import { ResourceType } from './resourceTypes';

/**
 * Why a call failed, as recorded against the resource or fact it was for:
 * `access_denied` (the IAM action was refused), `throttled` (after the SDK's
 * retries), `not_found` (including "not configured" answers such as S3's
 * `NoSuchBucketPolicy`), `region_disabled` (an opt-in region not enabled for
 * the account), `endpoint_unreachable` (DNS, connection refused or reset,
 * timeout, TLS), `credentials_unavailable` (no usable credentials for the
 * account: rejected keys, a refused role assumption), `invalid_response`
 * (an answer that could not be read) or `other`.
 *
 * @public
 */
export type CollectionErrorKind =
  | 'access_denied'
  | 'throttled'
  | 'not_found'
  | 'region_disabled'
  | 'endpoint_unreachable'
  | 'credentials_unavailable'
  | 'invalid_response'
  | 'other';

/**
 * A failed AWS call, recorded as a fact. Never carries credentials.
 *
 * @public
 */
export interface CollectionError {
  kind: CollectionErrorKind;
  /** The IAM action of the call, e.g. `iam:GetRolePolicy`. */
  action: string;
  /** The field of the resource or fact that could not be read, e.g. `keyRotation`. */
  field?: string;
  /** What the call was for (ARN, name or ID). */
  target?: string;
  /** AWS error code, e.g. `AccessDeniedException`, or a network error code, e.g. `ENOTFOUND`. */
  code?: string;
  /**
   * What happened, in words chosen per kind. AWS's own message is included
   * only in a known shape (e.g. AccessDenied's "User: arn… is not authorized
   * to perform: …"), never as sent: an endpoint may echo the request.
   */
  message: string;
}

/**
 * A SageMaker resource as collected. `description` is the Describe* response of the
 * resource, as AWS returns it (field names unchanged, dates as ISO strings), so that a
 * check reads the deciding field by its documented name.
 *
 * @public
 */
export interface SageMakerResource {
  arn: string;
  type: ResourceType;
  name: string;
  accountId: string;
  region: string;
  tags: Record<string, string>;
  /** AWS lifecycle status, e.g. `InService`, `Completed`. */
  status?: string;
  createdAt?: string;
  description: Record<string, unknown>;
  /** Calls that failed while collecting this resource (describe, tags, extra lookups). */
  errors: CollectionError[];
}

/**
 * Kinds of related facts, each fetched at most once per scan.
 *
 * @public
 */
export type FactKind =
  | 'iam-role'
  | 'kms-key'
  | 'kms-aliases'
  | 's3-bucket'
  | 'security-group'
  | 'subnet'
  | 'vpc-endpoints'
  | 'cloudtrail'
  | 'cloudwatch-alarms'
  | 'log-groups'
  | 'guardduty';

/**
 * A statement of an IAM, KMS key or S3 bucket policy, as AWS writes it.
 *
 * @public
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * A parsed IAM, KMS key or S3 bucket policy document.
 *
 * @public
 */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/**
 * An IAM role (`iam-role` fact): its trust policy and attached and inline policies.
 *
 * @public
 */
export interface IamRoleFact {
  arn: string;
  roleName: string;
  /** Parsed (URL-decoded) trust policy. */
  assumeRolePolicyDocument?: PolicyDocument;
  permissionsBoundaryArn?: string | null;
  attachedPolicies?: Array<{
    policyArn: string;
    policyName: string;
    /** The default version's document; absent when it could not be read (see errors). */
    document?: PolicyDocument;
  }>;
  inlinePolicies?: Array<{ policyName: string; document?: PolicyDocument }>;
  roleLastUsed?: { lastUsedDate?: string; region?: string } | null;
}

/**
 * A KMS key (`kms-key` fact): its state, rotation and key policy.
 *
 * @public
 */
export interface KmsKeyFact {
  keyId: string;
  arn: string;
  keyManager?: 'AWS' | 'CUSTOMER';
  keyState?: string;
  enabled?: boolean;
  origin?: string;
  keySpec?: string;
  /** Undefined when it could not be read; AWS-managed keys always rotate. */
  rotationEnabled?: boolean;
  keyPolicy?: PolicyDocument;
  aliases?: string[];
}

/**
 * Alias name (`alias/x`) → target key ID, per account and region.
 *
 * @public
 */
export interface KmsAliasesFact {
  aliases: Record<string, string>;
}

/**
 * An S3 bucket (`s3-bucket` fact): its default encryption, policy and public access block.
 *
 * @public
 */
export interface S3BucketFact {
  bucket: string;
  region?: string;
  /** `null`: the bucket has no default encryption configuration. */
  encryption?: {
    sseAlgorithm: string;
    kmsMasterKeyId?: string;
    bucketKeyEnabled?: boolean;
  } | null;
  /** `null`: the bucket has no bucket policy. */
  policy?: PolicyDocument | null;
  /** `null`: no public access block is configured on the bucket. */
  publicAccessBlock?: {
    blockPublicAcls?: boolean;
    ignorePublicAcls?: boolean;
    blockPublicPolicy?: boolean;
    restrictPublicBuckets?: boolean;
  } | null;
}

/**
 * An ingress or egress rule of a security group.
 *
 * @public
 */
export interface SecurityGroupRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  referencedGroupIds: string[];
}

/**
 * A VPC security group (`security-group` fact) and its rules.
 *
 * @public
 */
export interface SecurityGroupFact {
  groupId: string;
  groupName?: string;
  vpcId?: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

/**
 * A VPC subnet (`subnet` fact) and whether it is public.
 *
 * @public
 */
export interface SubnetFact {
  subnetId: string;
  vpcId: string;
  availabilityZone?: string;
  mapPublicIpOnLaunch?: boolean;
  /** True when the subnet's route table has a 0.0.0.0/0 route to an internet gateway. */
  routesToInternetGateway?: boolean;
}

/**
 * The VPC endpoints of a VPC (`vpc-endpoints` fact).
 *
 * @public
 */
export interface VpcEndpointsFact {
  vpcId: string;
  endpoints: Array<{
    vpcEndpointId: string;
    serviceName: string;
    vpcEndpointType?: string;
    state?: string;
    privateDnsEnabled?: boolean;
    policyDocument?: PolicyDocument;
  }>;
}

/**
 * The CloudTrail trails of an account and region (`cloudtrail` fact).
 *
 * @public
 */
export interface CloudTrailFact {
  trails: Array<{
    name: string;
    arn: string;
    homeRegion?: string;
    isMultiRegionTrail?: boolean;
    isOrganizationTrail?: boolean;
    isLogging?: boolean;
    logFileValidationEnabled?: boolean;
    kmsKeyId?: string;
    includeManagementEvents?: boolean;
    /** S3 object-level data event ARNs selected (`arn:aws:s3` = all buckets). */
    s3DataEventArns?: string[];
  }>;
}

/**
 * The SageMaker CloudWatch alarms of an account and region (`cloudwatch-alarms` fact).
 *
 * @public
 */
export interface CloudWatchAlarmsFact {
  /** Metric alarms in the `AWS/SageMaker` namespace. */
  alarms: Array<{
    alarmName: string;
    alarmArn?: string;
    metricName?: string;
    namespace?: string;
    dimensions: Record<string, string>;
    actionsEnabled?: boolean;
    alarmActions: string[];
    stateValue?: string;
  }>;
}

/**
 * The SageMaker CloudWatch log groups of an account and region (`log-groups` fact).
 *
 * @public
 */
export interface LogGroupsFact {
  /** Log groups whose name starts with `/aws/sagemaker/`. */
  logGroups: Array<{
    logGroupName: string;
    arn?: string;
    retentionInDays?: number;
    kmsKeyId?: string;
  }>;
}

/**
 * The GuardDuty detectors of an account and region (`guardduty` fact):
 * `ListDetectors`, then `GetDetector` of each. A detector whose
 * `GetDetector` failed has no `status` (the fact's errors name the call).
 *
 * @public
 */
export interface GuardDutyFact {
  detectors: Array<{
    detectorId: string;
    /** `ENABLED` or `DISABLED`. */
    status?: string;
    /** `GetDetector.Features`: name (e.g. `RUNTIME_MONITORING`) and status. */
    features?: Array<{ name: string; status?: string }>;
  }>;
}

/**
 * The `data` type of a related fact, by fact kind.
 *
 * @public
 */
export interface FactDataByKind {
  'iam-role': IamRoleFact;
  'kms-key': KmsKeyFact;
  'kms-aliases': KmsAliasesFact;
  's3-bucket': S3BucketFact;
  'security-group': SecurityGroupFact;
  subnet: SubnetFact;
  'vpc-endpoints': VpcEndpointsFact;
  cloudtrail: CloudTrailFact;
  'cloudwatch-alarms': CloudWatchAlarmsFact;
  'log-groups': LogGroupsFact;
  guardduty: GuardDutyFact;
}

/**
 * A related fact. `key` is unique per kind within an account and region
 * (IAM roles and S3 buckets are account-wide: their region is `GLOBAL_REGION`):
 * role ARN, key ARN, bucket name, group/subnet/VPC ID, or `-` for per-region facts.
 * `data` is absent when the fact could not be read at all; `errors` names every
 * call that failed for it, including partial failures (e.g. the rotation status alone).
 *
 * @public
 */
export interface RelatedFact<K extends FactKind = FactKind> {
  kind: K;
  key: string;
  accountId: string;
  region: string;
  data?: FactDataByKind[K];
  errors: CollectionError[];
}

/**
 * Read access to the facts of one scan, used by checks.
 *
 * @public
 */
export interface FactLookup {
  get<K extends FactKind>(
    kind: K,
    accountId: string,
    region: string,
    key: string,
  ): RelatedFact<K> | undefined;
}

/**
 * Region used for account-wide facts (IAM roles, S3 buckets).
 *
 * @public
 */
export const GLOBAL_REGION = 'global';

/**
 * A page of the stored inventory, as served by `GET /inventory/resources`.
 *
 * @public
 */
export interface InventoryPage {
  items: Array<Omit<SageMakerResource, 'errors'> & { deletedAt?: string }>;
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
}
