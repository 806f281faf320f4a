/**
 * Expected verdicts of the AutoML and compilation jobs
 * (estate/automlAndNeo.ts). The role, key, bucket and network checks reach
 * them through their descriptors' links (RoleArn, the output and volume
 * keys, the input and output S3 locations, SecurityConfig.VpcConfig /
 * VpcConfig).
 */
import { BUCKETS, KEYS, NETWORK, ROLE, Table } from './blocks';

export const AUTOML_AND_COMPILATION_JOBS: Record<string, Table> = {
  'automl-job automl-secure': {
    ...ROLE.scoped,
    ...KEYS.good, // output and volume
    ...BUCKETS.secure,
    ...NETWORK.private,
    'automl-job-output-and-volume-kms-keys': 'pass',
    'automl-job-inter-container-encryption': 'pass',
    'automl-job-in-vpc': 'pass',
  },
  'automl-job automl-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...BUCKETS.plain, // ml-plain input; ml-sse-s3 output fails alike
    ...NETWORK.none,
    'automl-job-output-and-volume-kms-keys': 'fail',
    'automl-job-inter-container-encryption': 'fail', // absent: off
    'automl-job-in-vpc': 'fail',
  },
  'compilation-job compile-secure': {
    ...ROLE.scoped,
    ...KEYS.good,
    ...BUCKETS.secure,
    ...NETWORK.private,
    'compilation-job-output-kms-key': 'pass',
    'compilation-job-in-vpc': 'pass',
  },
  'compilation-job compile-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...BUCKETS.plain,
    ...NETWORK.none,
    'compilation-job-output-kms-key': 'fail',
    'compilation-job-in-vpc': 'fail',
  },
};
