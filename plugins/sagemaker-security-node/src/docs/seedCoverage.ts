/**
 * Every recommendation of the seed guidance ("Securing Amazon SageMaker AI:
 * Comprehensive security best practices") and the checks that implement it,
 * or why AWS APIs cannot show it.
 *
 * @public
 */
export interface SeedRecommendation {
  recommendation: string;
  checkIds: string[];
  /** What is not covered, and why. */
  note?: string;
}

/** @public */
export const SEED_COVERAGE: SeedRecommendation[] = [
  {
    recommendation:
      'Encrypt data at rest with KMS, preferring customer-managed keys over AWS-managed ones (control of key policy, rotation and audit)',
    checkIds: [
      'kms-keys-customer-managed',
      'kms-keys-rotation-enabled',
      'kms-keys-enabled',
      'kms-key-policies-not-public',
      's3-buckets-sse-kms',
    ],
  },
  {
    recommendation:
      'Encrypt storage volumes (EBS) of notebooks, training, processing and hosting instances',
    checkIds: [
      'notebook-volume-kms-key',
      'endpoint-config-volume-kms-key',
      'training-job-output-and-volume-kms-keys',
      'processing-job-output-and-volume-kms-keys',
      'transform-job-output-and-volume-kms-keys',
      'hpo-job-output-and-volume-kms-keys',
      'monitoring-job-output-and-volume-kms-keys',
      'domain-storage-kms-key',
      'inference-experiment-volume-kms-key',
    ],
    note: 'The account-level "EBS encryption by default" setting (ec2:GetEbsEncryptionByDefault) does not govern SageMaker-managed volumes, so it is not checked; instance types with local NVMe storage are encrypted in hardware and are not_applicable.',
  },
  {
    recommendation:
      'Encrypt training input and output data and model artifacts with KMS keys',
    checkIds: [
      'training-job-output-and-volume-kms-keys',
      'endpoint-config-data-capture-kms-key',
      'endpoint-config-async-output-kms-key',
      'feature-group-offline-store-kms-key',
      'feature-group-online-store-kms-key',
      'inference-experiment-data-storage-kms-key',
      'domain-notebook-sharing-kms-key',
    ],
  },
  {
    recommendation:
      'Enforce bucket policies that require SSL (aws:SecureTransport) and encrypt data in transit',
    checkIds: [
      's3-buckets-secure-transport',
      'training-job-inter-container-encryption',
      'processing-job-inter-container-encryption',
      'hpo-job-inter-container-encryption',
      'data-quality-job-inter-container-encryption',
      'model-quality-job-inter-container-encryption',
      'model-bias-job-inter-container-encryption',
      'model-explainability-job-inter-container-encryption',
      'monitoring-schedule-inter-container-encryption',
    ],
  },
  {
    recommendation:
      'Least privilege: scoped-down policies that grant access only to specific resources, such as a particular S3 bucket; restrict who may create or delete notebook instances',
    checkIds: [
      'execution-role-s3-access-scoped',
      'execution-role-no-wildcard-actions',
      'execution-role-no-full-access-policies',
      'execution-role-passrole-scoped',
      'execution-role-privilege-escalation',
      'execution-role-kms-not-full-access',
      'execution-role-permissions-boundary',
      'execution-role-trust-confused-deputy',
      'execution-role-trust-not-public',
      's3-buckets-public-access-blocked',
      'model-package-group-policy-not-public',
      'notebook-root-access-disabled',
    ],
    note: 'Checks judge the execution roles SageMaker resources run with. Which human users may create or delete notebook instances is a property of user, group and SSO permission-set policies, which the SageMaker inventory does not collect.',
  },
  {
    recommendation:
      'Enable multi-factor authentication (MFA) for sensitive operations',
    checkIds: [
      'execution-role-presigned-url-conditions',
      'domain-sso-authentication',
    ],
    note: 'MFA enrolment of people (IAM users, IAM Identity Center) is not visible from SageMaker APIs; the checks cover the SageMaker side: presigned notebook/Studio URLs gated by aws:MultiFactorAuthPresent or a network source, and Studio sign-in through IAM Identity Center, where MFA is enforced.',
  },
  {
    recommendation:
      'Run notebooks, training and endpoints inside a VPC, with notebooks having no direct internet access',
    checkIds: [
      'notebook-in-vpc',
      'notebook-direct-internet-access',
      'domain-vpc-only',
      'training-job-in-vpc',
      'processing-job-in-vpc',
      'hpo-job-in-vpc',
      'model-in-vpc',
      'subnets-private',
      'model-network-isolation',
      'training-job-network-isolation',
      'processing-job-network-isolation',
      'hpo-job-network-isolation',
    ],
  },
  {
    recommendation:
      'Use VPC endpoints for S3, KMS and ECR (no exposure to the public internet)',
    checkIds: [
      'vpc-endpoint-s3',
      'vpc-endpoint-kms',
      'vpc-endpoints-ecr',
      'vpc-endpoints-sagemaker',
      'vpc-endpoints-sts-logs',
      'model-primary-container-private-registry',
      'model-containers-private-registry',
    ],
  },
  {
    recommendation:
      'Restrict security groups (and network ACLs) to specific IP ranges, e.g. internal company ranges or application servers',
    checkIds: [
      'security-groups-no-public-ingress',
      'security-groups-egress-restricted',
    ],
    note: 'Network ACLs are not collected; only security groups attached to SageMaker resources are judged.',
  },
  {
    recommendation:
      'Audit SageMaker API activity with CloudTrail (model deployment, endpoint updates, training job submissions)',
    checkIds: [
      'cloudtrail-logging-in-region',
      'cloudtrail-log-file-validation',
      'cloudtrail-kms-encryption',
      'cloudtrail-s3-data-events',
      'domain-execution-role-source-identity',
    ],
  },
  {
    recommendation:
      'CloudWatch metrics, logs and alarms for endpoint latency, invocation counts and error rates',
    checkIds: [
      'endpoint-latency-alarms',
      'endpoint-error-alarms',
      'log-group-retention',
      'log-group-kms-encryption',
      'endpoint-data-capture-enabled',
      'endpoint-model-monitor-schedule',
      'monitoring-schedule-last-execution-healthy',
    ],
  },
  {
    recommendation:
      'CloudWatch alarm when a training job runs longer than expected',
    checkIds: [],
    note: 'Training job metrics live in the /aws/sagemaker/TrainingJobs namespace, which the alarm inventory (AWS/SageMaker metric alarms) does not cover, and jobs are short-lived; the API already bounds every job by StoppingCondition.MaxRuntimeInSeconds. No check.',
  },
  {
    recommendation:
      'Use Amazon Macie to classify and protect sensitive data in ML workflows',
    checkIds: [],
    note: 'Macie classification jobs and findings are Macie resources (macie2 APIs), not properties of SageMaker resources or their buckets as collected; not checked.',
  },
  {
    recommendation: 'Put AWS WAF in front of public inference',
    checkIds: [],
    note: 'SageMaker endpoints cannot be associated with WAF; WAF attaches to the API Gateway, ALB or CloudFront that fronts them, which SageMaker APIs do not reveal. Endpoint invocation itself is IAM-authenticated (SigV4). Not checked.',
  },
  {
    recommendation:
      'Review compliance against AWS Artifact reports and the Well-Architected Security pillar; keep platforms patched',
    checkIds: [
      'notebook-platform-supported',
      'endpoint-config-multiple-instances',
      'endpoint-models-approved-packages',
      'resource-ownership-tags',
    ],
    note: 'AWS Artifact reports and Well-Architected reviews are documents, not resource settings; the checks cover the resource-level parts (supported platforms, resilience, approval, ownership).',
  },
];
