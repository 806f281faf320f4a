/**
 * The faults the moto fault test injects, and which (resource, check) pairs
 * each one makes unknown, derived by hand: a pair is listed when the call
 * is the only source of what the check judges; where another input already
 * proves a failure, the check stays fail ("proof wins") and is not listed.
 */
import type { FaultRule } from './faultProxy';
import type { BuiltEstate } from './estate';

/** Every connection dropped: unreachable. */
export const UNREACHABLE_REGION = 'ap-southeast-2';
/** Answered as an opt-in region that is not enabled for the account. */
export const NOT_ENABLED_REGION = 'me-south-1';

export interface Denial {
  rule: FaultRule & { action: string };
  /** Why these pairs, and no others, depend on the call. */
  why: string;
  /** `<resource key>` → the checks that become unknown, naming `rule.action`. */
  unknown: Record<string, string[]>;
}

const ROLE_POLICY_CHECKS = [
  'execution-role-no-wildcard-actions',
  'execution-role-s3-access-scoped',
  'execution-role-passrole-scoped',
  'execution-role-privilege-escalation',
  'execution-role-kms-not-full-access',
  'execution-role-presigned-url-conditions',
];
const TRAIL_CHECKS = [
  'cloudtrail-logging-in-region',
  'cloudtrail-log-file-validation',
  'cloudtrail-kms-encryption',
];
const ALARM_CHECKS = ['endpoint-error-alarms', 'endpoint-latency-alarms'];

/** The denied calls (one per protocol family), in the main region. */
export function denials(estate: BuiltEstate): Denial[] {
  return [
    {
      rule: {
        fault: 'AccessDenied',
        action: 'sagemaker:DescribeNotebookInstance',
        target: '"nb-open"',
      },
      why: 'Every check of a resource judges its description (AWS JSON 1.1).',
      unknown: { 'notebook-instance nb-open': ['*'] },
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 'iam:GetRolePolicy',
        target: 'RoleName=ml-role-wildcard',
      },
      why: "ml-role-wildcard's only permission policy is inline: the six checks of its permissions cannot be judged; its trust, boundary and managed policies still can (Query).",
      unknown: Object.fromEntries(
        [
          'domain studio-open',
          'model model-leaky',
          'training-job train-open',
          'processing-job proc-open',
          'data-quality-job-definition dq-open',
          'hyperpod-cluster cluster-open',
          'automl-job automl-open',
          'compilation-job compile-open',
        ].map(resource => [resource, ROLE_POLICY_CHECKS]),
      ),
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 's3:GetBucketPolicy',
        target: '/ml-sse-s3',
      },
      why: "Only resources whose sole bucket is ml-sse-s3 lose the TLS check; train-open's ml-plain still proves fail (REST-XML).",
      unknown: Object.fromEntries(
        [
          'model model-multi',
          'endpoint-config ec-async',
          'hyperparameter-tuning-job hpo-open',
        ].map(resource => [resource, ['s3-buckets-secure-transport']]),
      ),
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 'kms:GetKeyRotationStatus',
        target: estate.keys.noRotation,
      },
      why: 'The rotation of the key that does not rotate cannot be read; its state and policy can (AWS JSON 1.1).',
      unknown: {
        'notebook-instance nb-public': ['kms-keys-rotation-enabled'],
        'model-quality-job-definition mq-open': ['kms-keys-rotation-enabled'],
      },
    },
    {
      rule: { fault: 'AccessDenied', action: 'ec2:DescribeRouteTables' },
      why: "One call reads the route tables of every VPC used: no subnet's route to the internet is known; the subnets and their VPCs still are (EC2 Query).",
      unknown: Object.fromEntries(
        [
          'notebook-instance nb-secure',
          'notebook-instance nb-public',
          'domain studio-secure',
          'domain studio-open',
          'model model-secure',
          'model model-multi',
          'training-job train-secure',
          'training-job train-nvme',
          'processing-job proc-secure',
          'hyperparameter-tuning-job hpo-secure',
          'data-quality-job-definition dq-secure',
          'model-quality-job-definition mq-open',
          'model-bias-job-definition bias-secure',
          'model-explainability-job-definition expl-open',
          'hyperpod-cluster cluster-secure',
          'hyperpod-cluster cluster-open',
          'automl-job automl-secure',
          'compilation-job compile-secure',
        ].map(resource => [resource, ['subnets-private']]),
      ),
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 'cloudwatch:DescribeAlarms',
        region: 'us-east-1',
      },
      why: 'The alarms of the region cannot be read (AWS JSON 1.0, query-compatible).',
      unknown: Object.fromEntries(
        [
          'endpoint ep-secure',
          'endpoint ep-weak',
          'endpoint ep-serverless',
        ].map(resource => [resource, ALARM_CHECKS]),
      ),
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 'cloudtrail:GetEventSelectors',
        target: 'trail/ml-audit"',
      },
      why: "ml-audit logs, but without its selectors nobody knows whether it logs management or S3 data events: every trail check of the main region (AWS JSON 1.1). train-open's and the others' data-event failures were read from those selectors too.",
      unknown: {
        ...Object.fromEntries(
          [
            'notebook-instance nb-secure',
            'notebook-instance nb-public',
            'domain studio-secure',
            'domain studio-open',
            'endpoint ep-secure',
            'endpoint ep-weak',
            'endpoint ep-serverless',
          ].map(resource => [resource, TRAIL_CHECKS]),
        ),
        ...Object.fromEntries(
          [
            'training-job train-secure',
            'training-job train-open',
            'training-job train-nvme',
            'processing-job proc-secure',
            'processing-job proc-open',
            'transform-job tf-secure',
            'transform-job tf-open',
          ].map(resource => [resource, ['cloudtrail-s3-data-events']]),
        ),
      },
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 'guardduty:GetDetector',
        region: 'us-east-1',
      },
      why: "The main region's detector is listed but cannot be read: whether it is enabled, and with Runtime Monitoring, is unknown for every resource the GuardDuty check judges there (REST-JSON).",
      unknown: Object.fromEntries(
        [
          'notebook-instance nb-secure',
          'notebook-instance nb-public',
          'domain studio-secure',
          'domain studio-open',
          'endpoint ep-secure',
          'endpoint ep-weak',
          'endpoint ep-serverless',
        ].map(resource => [resource, ['guardduty-enabled-in-region']]),
      ),
    },
    {
      rule: {
        fault: 'AccessDenied',
        action: 'sagemaker:ListTags',
        target: 'endpoint/ep-secure"',
      },
      why: 'Only the ownership check reads tags.',
      unknown: { 'endpoint ep-secure': ['resource-ownership-tags'] },
    },
  ];
}

/** Throttling on 30% of every SageMaker request (seeded). */
export const THROTTLING: FaultRule = {
  fault: 'Throttling',
  service: 'sagemaker',
  rate: 0.3,
};

export const FAILING_REGIONS: FaultRule[] = [
  { fault: 'Reset', region: UNREACHABLE_REGION },
  { fault: 'RegionDisabled', region: NOT_ENABLED_REGION },
];
