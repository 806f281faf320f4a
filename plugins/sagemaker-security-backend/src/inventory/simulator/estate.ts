/**
 * The format of a recorded AWS estate, answered by the AWS simulator
 * (`AwsSimulator`, the SDK clients' HTTP request handler, which puts each answer
 * on the wire in the service's own protocol). The demo estate under
 * `demo-estate/` of this package and the benchmark's synthetic estate use it. Shapes are
 * the AWS API's own (SDK v3 output field names; fields the SDK model does not have
 * are left out of the answers, as AWS never sends them; dates as ISO strings);
 * policy documents are JSON strings exactly as AWS returns them (IAM: URL-encoded).
 * For hand-written estates a policy document may also be given as an object: the
 * simulator then answers with the string AWS would send (URL-encoded for IAM).
 */
import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';

export interface EstateSageMakerResource {
  /**
   * The Describe* response (e.g. DescribeNotebookInstanceOutput), dates as ISO strings.
   * A model package group's resource policy (GetModelPackageGroupPolicy) goes in
   * `ResourcePolicy`, as the collector stores it; absent means no policy.
   */
  description: Record<string, unknown>;
  tags?: Record<string, string>;
}

export interface EstateKmsKey {
  /** KMS DescribeKey `KeyMetadata` (KeyId, Arn, KeyManager, KeyState, Enabled, ...). */
  metadata: Record<string, unknown>;
  rotationEnabled?: boolean;
  /** Key policy JSON string. */
  policy?: string;
  /** Alias names pointing at this key, e.g. `alias/ml-data`. */
  aliases?: string[];
}

export interface EstateTrail {
  /** CloudTrail `Trail` (Name, TrailARN, HomeRegion, IsMultiRegionTrail, ...). */
  trail: Record<string, unknown>;
  /** GetTrailStatus output (IsLogging, ...). */
  status: Record<string, unknown>;
  /** GetEventSelectors output (EventSelectors / AdvancedEventSelectors). */
  eventSelectors?: Record<string, unknown>;
}

export interface EstateRegion {
  region: string;
  /** The region is not enabled for the account (every call fails with an opt-in error). */
  disabled?: boolean;
  sagemaker: Partial<Record<ResourceType, EstateSageMakerResource[]>>;
  /** EC2 `SecurityGroup`, `Subnet`, `RouteTable`, `VpcEndpoint` shapes. */
  securityGroups?: Array<Record<string, unknown>>;
  subnets?: Array<Record<string, unknown>>;
  routeTables?: Array<Record<string, unknown>>;
  vpcEndpoints?: Array<Record<string, unknown>>;
  kmsKeys?: EstateKmsKey[];
  trails?: EstateTrail[];
  /** CloudWatch `MetricAlarm` shapes. */
  alarms?: Array<Record<string, unknown>>;
  /** CloudWatch Logs `LogGroup` shapes. */
  logGroups?: Array<Record<string, unknown>>;
  /**
   * GuardDuty detectors: each the GetDetector output (Status, Features...)
   * with its `DetectorId`. Absent or empty: GuardDuty is off in the region.
   */
  guardDutyDetectors?: Array<Record<string, unknown> & { DetectorId: string }>;
  /**
   * AWS Security Hub findings (ASFF, as GetFindings returns them), read
   * with `sagemakerSecurity.findings.securityHub.enabled`. Absent: none.
   */
  securityHubFindings?: Array<Record<string, unknown>>;
  /**
   * CloudTrail event history of the region (LookupEvents), oldest first;
   * IAM's events are recorded in us-east-1. Absent: no events.
   */
  events?: EstateEvent[];
}

/** A CloudTrail `Event` as LookupEvents returns it (dates as ISO strings). */
export interface EstateEvent {
  EventId: string;
  EventName: string;
  EventSource: string;
  EventTime: string;
  /** `'true'` for reads, `'false'` for writes, as the ReadOnly filter compares it. */
  ReadOnly: 'true' | 'false';
  Username?: string;
  Resources?: Array<{ ResourceType?: string; ResourceName?: string }>;
  /** The whole event as CloudTrail wrote it (eventSource, eventName, requestParameters, resources...), JSON. */
  CloudTrailEvent: string;
}

export interface EstateRole {
  /** IAM `Role` (RoleName, Arn, AssumeRolePolicyDocument URL-encoded, PermissionsBoundary, RoleLastUsed...). */
  role: Record<string, unknown>;
  attachedPolicyArns?: string[];
  /** Inline policy name → URL-encoded policy document. */
  inlinePolicies?: Record<string, string>;
}

export interface EstateManagedPolicy {
  arn: string;
  name: string;
  defaultVersionId: string;
  /** URL-encoded policy document of the default version. */
  document: string;
}

export interface EstateBucket {
  name: string;
  region: string;
  /** GetBucketEncryption `ServerSideEncryptionConfiguration`; null = none configured. */
  encryption?: Record<string, unknown> | null;
  /** Bucket policy JSON string; null = no policy. */
  policy?: string | null;
  /** GetPublicAccessBlock `PublicAccessBlockConfiguration`; null = none. */
  publicAccessBlock?: Record<string, unknown> | null;
}

/** A call the simulator answers with an error instead of data. */
export interface EstateFault {
  /** IAM action of the call, e.g. `iam:GetRolePolicy`, `kms:GetKeyRotationStatus`. */
  action: string;
  /**
   * Only for this target (ARN, name or ID in the request); all targets when
   * absent or the account's own ID (for calls that name no resource).
   */
  target?: string;
  region?: string;
  error:
    | 'AccessDenied'
    | 'Throttling'
    | 'InternalError'
    | 'NotFound'
    | 'MalformedResponse'
    /**
     * A listing filtered by `LastModifiedTimeAfter` answers nothing (an
     * endpoint that misreads the filter); unfiltered ones answer as usual.
     */
    | 'MisreadsModifiedFilter';
  /** Fail only the first N matching calls (then answer normally); always when absent. */
  times?: number;
}

export interface EstateAccount {
  accountId: string;
  /** Role assumption into this account fails (credentials cannot be obtained). */
  assumeRoleFails?: boolean;
  regions: EstateRegion[];
  roles?: EstateRole[];
  /** Customer-managed and AWS-managed policies referenced by roles. */
  managedPolicies?: EstateManagedPolicy[];
  buckets?: EstateBucket[];
  faults?: EstateFault[];
}

export interface Estate {
  /** Free text shown in logs, e.g. `Acme ML demo estate`. */
  name: string;
  accounts: EstateAccount[];
  /**
   * How the simulator answers this estate. `latencyMs` delays every answer, so a
   * scan lasts long enough to be interrupted (the outside probe's `kill -9`
   * mid-scan); absent, answers are immediate.
   */
  simulator?: { latencyMs?: number };
}
