/**
 * The estate's HyperPod clusters (CreateCluster), good and bad, built through
 * the SDK. moto stores every instance-group field sent but drops NodeRecovery,
 * ClusterRole and Orchestrator; it requires ThreadsPerCore, ExecutionRole and a
 * LifeCycleConfig.SourceS3Uri starting with `s3://sagemaker-`.
 */
import {
  ClusterInstanceGroupSpecification,
  CreateClusterCommand,
} from '@aws-sdk/client-sagemaker';
import { EstateClients } from './clients';
import type { Estate } from './inference';
import { OWNED } from './inference';
import { BUCKETS } from './security';

const LIFECYCLE = {
  SourceS3Uri: `s3://${BUCKETS.lifecycle}/hyperpod/`,
  OnCreate: 'on_create.sh',
};

function group(
  name: string,
  role: string,
  extra: Partial<ClusterInstanceGroupSpecification> = {},
): ClusterInstanceGroupSpecification {
  return {
    InstanceGroupName: name,
    InstanceType: 'ml.g5.2xlarge',
    InstanceCount: 1,
    ExecutionRole: role,
    ThreadsPerCore: 1,
    LifeCycleConfig: LIFECYCLE,
    ...extra,
  };
}

export async function createHyperPodClusters(c: EstateClients, e: Estate) {
  const { sagemaker } = c;
  // In the private VPC; every root and data volume under the good key (by
  // ARN); one group overrides to the same subnet and group; scoped role;
  // node recovery Automatic (moto drops it).
  await sagemaker.send(
    new CreateClusterCommand({
      ClusterName: 'cluster-secure',
      VpcConfig: {
        Subnets: [e.network.privateSubnet],
        SecurityGroupIds: [e.network.lockedGroup],
      },
      NodeRecovery: 'Automatic',
      InstanceGroups: [
        group('controller', e.roles.scoped, {
          InstanceStorageConfigs: [
            {
              EbsVolumeConfig: {
                RootVolume: true,
                VolumeKmsKeyId: e.keys.good,
              },
            },
            {
              EbsVolumeConfig: {
                VolumeSizeInGB: 100,
                VolumeKmsKeyId: e.keys.good,
              },
            },
          ],
        }),
        group('workers', e.roles.scoped, {
          InstanceStorageConfigs: [
            {
              EbsVolumeConfig: {
                RootVolume: true,
                VolumeKmsKeyId: e.keys.good,
              },
            },
          ],
          OverrideVpcConfig: {
            Subnets: [e.network.privateSubnet],
            SecurityGroupIds: [e.network.lockedGroup],
          },
        }),
      ],
      Tags: OWNED,
    }),
  );
  // Its cluster VPC is the private one, but its worker group overrides to
  // the public VPC's subnet and open group; no volume key (AWS owned keys);
  // wildcard role; node recovery None (dropped by moto); a team tag only.
  await sagemaker.send(
    new CreateClusterCommand({
      ClusterName: 'cluster-open',
      VpcConfig: {
        Subnets: [e.network.privateSubnet],
        SecurityGroupIds: [e.network.lockedGroup],
      },
      NodeRecovery: 'None',
      InstanceGroups: [
        group('workers', e.roles.wildcard, {
          InstanceStorageConfigs: [
            { EbsVolumeConfig: { VolumeSizeInGB: 100 } },
          ],
          OverrideVpcConfig: {
            Subnets: [e.network.publicSubnet],
            SecurityGroupIds: [e.network.openGroup],
          },
        }),
      ],
      Tags: [{ Key: 'team', Value: 'group:default/fraud-ml' }],
    }),
  );
}
