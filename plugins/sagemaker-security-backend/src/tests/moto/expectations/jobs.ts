/**
 * Expected verdicts of the training, processing, transform and tuning jobs
 * and the monitoring job definitions (estate/jobs.ts).
 */
import { BUCKETS, KEYS, LOGS, NETWORK, onMoto, ROLE, Table } from './blocks';

const NA = 'not_applicable' as const;

/** ml-audit records S3 data events of ml-secure only. */
const DATA_EVENTS_LOGGED: Table = { 'cloudtrail-s3-data-events': 'pass' };
const DATA_EVENTS_MISSING: Table = { 'cloudtrail-s3-data-events': 'fail' };

export const TRAINING_JOBS: Record<string, Table> = {
  'training-job train-secure': {
    ...ROLE.scoped,
    ...KEYS.good, // output and volume
    ...BUCKETS.secure,
    ...NETWORK.private,
    ...LOGS.training,
    ...DATA_EVENTS_LOGGED,
    'training-job-output-and-volume-kms-keys': 'pass',
    'training-job-inter-container-encryption': 'pass', // 2 instances, on
    'training-job-network-isolation': 'pass',
    'training-job-in-vpc': 'pass',
    'training-job-remote-debug-disabled': NA, // moto's jobs are Completed at once
    'job-environment-no-secrets': 'pass', // epochs=10
  },
  'training-job train-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...BUCKETS.plain, // ml-plain input; ml-sse-s3 output fails alike
    ...NETWORK.none,
    ...LOGS.training,
    ...DATA_EVENTS_MISSING,
    'training-job-output-and-volume-kms-keys': 'fail',
    'training-job-inter-container-encryption': 'fail', // 2 instances, off
    'training-job-network-isolation': 'fail',
    'training-job-in-vpc': 'fail',
    'training-job-remote-debug-disabled': NA, // moto's jobs are Completed at once
    'job-environment-no-secrets': 'fail', // wandb_api_key hyperparameter
  },
  'training-job train-nvme': {
    ...ROLE.scoped,
    ...KEYS.disabled, // the output key; no volume key
    ...BUCKETS.secure,
    ...NETWORK.publicIp,
    ...LOGS.training,
    ...DATA_EVENTS_LOGGED,
    // Output key set; ml.p4d has local NVMe storage: no volume key needed.
    'training-job-output-and-volume-kms-keys': 'pass',
    'training-job-inter-container-encryption': NA, // one instance
    'training-job-network-isolation': 'pass',
    'training-job-in-vpc': 'pass',
    'training-job-remote-debug-disabled': NA, // moto's jobs are Completed at once
    'job-environment-no-secrets': 'pass',
  },
};

export const PROCESSING_JOBS: Record<string, Table> = {
  'processing-job proc-secure': {
    ...ROLE.scoped,
    ...KEYS.good, // the output key (moto drops the volume key)
    ...BUCKETS.secure,
    ...NETWORK.private,
    ...LOGS.processing,
    ...DATA_EVENTS_LOGGED,
    'processing-job-output-and-volume-kms-keys': onMoto(
      'processingResources',
      'fail',
      'pass',
    ),
    'processing-job-inter-container-encryption': 'pass',
    'processing-job-network-isolation': 'pass',
    'processing-job-in-vpc': 'pass',
    'job-environment-no-secrets': 'pass',
  },
  'processing-job proc-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...BUCKETS.plain,
    ...NETWORK.none,
    ...LOGS.processing,
    ...DATA_EVENTS_MISSING,
    'processing-job-output-and-volume-kms-keys': 'fail',
    'processing-job-inter-container-encryption': 'fail', // 2 instances, off
    'processing-job-network-isolation': 'fail',
    'processing-job-in-vpc': 'fail',
    'job-environment-no-secrets': 'pass',
  },
};

export const TRANSFORM_JOBS: Record<string, Table> = {
  'transform-job tf-secure': {
    ...KEYS.good,
    ...BUCKETS.secure,
    ...LOGS.absent,
    ...DATA_EVENTS_LOGGED,
    'transform-job-output-and-volume-kms-keys': 'pass',
    'job-environment-no-secrets': 'pass',
  },
  'transform-job tf-open': {
    ...KEYS.none,
    ...BUCKETS.plain,
    ...LOGS.absent,
    ...DATA_EVENTS_MISSING,
    'transform-job-output-and-volume-kms-keys': 'fail',
    'job-environment-no-secrets': 'fail', // GITHUB_TOKEN
  },
};

export const TUNING_JOBS: Record<string, Table> = {
  'hyperparameter-tuning-job hpo-secure': {
    ...ROLE.scoped,
    ...KEYS.good,
    ...BUCKETS.secure,
    ...NETWORK.private,
    ...LOGS.training,
    'hpo-job-output-and-volume-kms-keys': 'pass',
    'hpo-job-inter-container-encryption': 'pass',
    'hpo-job-network-isolation': 'pass',
    'hpo-job-in-vpc': 'pass',
    'job-environment-no-secrets': 'pass',
  },
  'hyperparameter-tuning-job hpo-open': {
    ...ROLE.fullAccess,
    ...KEYS.none,
    ...BUCKETS.sseS3,
    ...NETWORK.none,
    ...LOGS.training,
    'hpo-job-output-and-volume-kms-keys': 'fail',
    'hpo-job-inter-container-encryption': 'fail', // 2 instances, off
    'hpo-job-network-isolation': 'fail',
    'hpo-job-in-vpc': 'fail',
    'job-environment-no-secrets': 'fail', // db_password
  },
};

export const MONITORING_JOB_DEFINITIONS: Record<string, Table> = {
  'data-quality-job-definition dq-secure': {
    ...ROLE.scoped,
    ...KEYS.good,
    ...NETWORK.private,
    'monitoring-job-output-and-volume-kms-keys': 'pass',
    'data-quality-job-inter-container-encryption': 'pass',
    'data-quality-job-network-isolation': 'pass',
  },
  'data-quality-job-definition dq-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...NETWORK.none,
    'monitoring-job-output-and-volume-kms-keys': 'fail',
    // No NetworkConfig: both default to off (2 instances).
    'data-quality-job-inter-container-encryption': 'fail',
    'data-quality-job-network-isolation': 'fail',
  },
  'model-quality-job-definition mq-open': {
    ...ROLE.fullAccess,
    ...KEYS.noRotation, // the report key; no volume key
    ...NETWORK.public,
    'monitoring-job-output-and-volume-kms-keys': 'fail',
    'model-quality-job-inter-container-encryption': 'fail',
    'model-quality-job-network-isolation': 'fail',
  },
  'model-bias-job-definition bias-secure': {
    ...ROLE.scoped,
    ...KEYS.good,
    ...NETWORK.private,
    'monitoring-job-output-and-volume-kms-keys': 'pass',
    'model-bias-job-inter-container-encryption': NA, // one instance
    'model-bias-job-network-isolation': 'pass',
  },
  'model-explainability-job-definition expl-open': {
    ...ROLE.publicTrust,
    ...KEYS.public, // the volume key; no report key
    ...NETWORK.public,
    'monitoring-job-output-and-volume-kms-keys': 'fail',
    'model-explainability-job-inter-container-encryption': 'fail', // off
    'model-explainability-job-network-isolation': 'fail',
  },
};
