/**
 * Expected verdicts of the HyperPod clusters (estate/hyperpod.ts). The role,
 * key, bucket and network checks reach a cluster through its descriptor's
 * links (instance-group execution roles, volume keys, lifecycle script
 * bucket, cluster and per-group VPC configuration).
 */
import { BUCKETS, KEYS, LOGS, NETWORK, onMoto, ROLE, Table } from './blocks';

export const HYPERPOD_CLUSTERS: Record<string, Table> = {
  'hyperpod-cluster cluster-secure': {
    ...ROLE.scoped,
    ...KEYS.good,
    ...NETWORK.private,
    // The lifecycle script bucket sagemaker-ml-lifecycle: nothing configured.
    ...BUCKETS.plain,
    // No /aws/sagemaker/Clusters/cluster-secure/<id> group yet.
    ...LOGS.absent,
    'hyperpod-cluster-in-vpc': 'pass',
    'hyperpod-instance-groups-in-cluster-vpc': 'pass', // same subnet and group
    'hyperpod-cluster-volumes-customer-managed-keys': 'pass',
    'hyperpod-cluster-node-recovery-automatic': onMoto(
      'clusterNodeRecovery',
      'unknown',
      'pass',
    ),
    'resource-ownership-tags': 'pass',
  },
  'hyperpod-cluster cluster-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    // The cluster's private subnet and locked group, and the worker group's
    // public subnet and open group: the worst of both is the public VPC's.
    ...NETWORK.public,
    ...BUCKETS.plain,
    ...LOGS.absent,
    'hyperpod-cluster-in-vpc': 'pass',
    'hyperpod-instance-groups-in-cluster-vpc': 'fail', // workers in the public VPC
    // No root volume configuration, a data volume without a key.
    'hyperpod-cluster-volumes-customer-managed-keys': 'fail',
    'hyperpod-cluster-node-recovery-automatic': onMoto(
      'clusterNodeRecovery',
      'unknown',
      'fail',
    ),
    'resource-ownership-tags': 'fail', // team tag, no ml-service tag
  },
};
