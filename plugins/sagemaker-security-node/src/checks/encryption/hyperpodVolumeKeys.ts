import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { resolveKmsKey } from '../../kms';
import { CheckContext } from '../../types';
import {
  combineItems,
  defineCheck,
  describePath,
  DOCS,
  factFieldUnknown,
  fail,
  fieldFailure,
  getPath,
  instanceGroups,
  nonEmptyString,
  notApplicable,
  pass,
  SEED,
  unknown,
} from '../support';

/**
 * The verdict on one named volume key: customer-managed only when KMS says
 * `KeyManager: CUSTOMER`. An `alias/aws/...` name or an AWS-managed key
 * fails (the AWS sample passed AWS-managed keys as customer-managed); a key
 * whose manager could not be read is unknown.
 */
function judgeVolumeKey(
  context: CheckContext,
  path: string,
  reference: string,
): CheckOutcome {
  const { resource } = context;
  const where = describePath(resource, path);
  const evidence = (observed: unknown, relatedArn?: string) => [
    { path: where, observed: reference },
    {
      path: 'kms:DescribeKey.KeyMetadata.KeyManager',
      observed,
      expected: 'CUSTOMER',
      relatedArn,
    },
  ];
  const resolved = resolveKmsKey(reference, resource, context.facts);
  if (resolved.status === 'aws-managed-alias') {
    return fail(
      `${where} uses ${resolved.alias}, an AWS-managed key.`,
      evidence('AWS'),
    );
  }
  if (resolved.status === 'unresolved') {
    return resolved.notCollected && context.mode === 'iac'
      ? notApplicable(
          `${resource.name}: key ${reference} is not declared in the infrastructure code; the live scan checks it.`,
        )
      : unknown(
          `${where} = ${reference} could not be resolved: ${resolved.reason}.`,
          resolved.missing,
        );
  }
  const manager = resolved.key.keyManager;
  if (manager === undefined) {
    return factFieldUnknown(
      resolved,
      'keyManager',
      'kms:DescribeKey',
      `Key manager of ${resolved.keyArn}`,
    );
  }
  return manager === 'CUSTOMER'
    ? pass(
        `${where} uses customer-managed key ${resolved.keyArn}.`,
        evidence(manager, resolved.keyArn),
      )
    : fail(
        `${where} uses AWS-managed key ${resolved.keyArn}.`,
        evidence(manager, resolved.keyArn),
      );
}

/** Every EBS volume of one instance group: the root volume and each secondary one. */
function judgeGroup(
  context: CheckContext,
  { group, path: groupPath, name }: ReturnType<typeof instanceGroups>[number],
): CheckOutcome[] {
  const { resource } = context;
  const configs = getPath(group, 'InstanceStorageConfigs');
  const outcomes: CheckOutcome[] = [];
  let root = false;
  (Array.isArray(configs) ? configs : []).forEach((config, at) => {
    const ebs = getPath(config, 'EbsVolumeConfig');
    if (ebs === undefined || ebs === null) return; // FSx: not an EBS volume.
    const isRoot = getPath(ebs, 'RootVolume') === true;
    root ||= isRoot;
    const path = `${groupPath}.InstanceStorageConfigs.${at}.EbsVolumeConfig.VolumeKmsKeyId`;
    const key = nonEmptyString(getPath(ebs, 'VolumeKmsKeyId'));
    if (key === undefined) {
      outcomes.push(
        fail(
          `${resource.name}: the ${
            isRoot ? 'root' : 'secondary'
          } EBS volume of instance group ${name} names no KMS key, so an AWS owned key encrypts it.`,
          [{ path: describePath(resource, path), observed: undefined }],
        ),
      );
    } else {
      outcomes.push(judgeVolumeKey(context, path, key));
    }
  });
  if (!root) {
    outcomes.push(
      fail(
        `${resource.name}: instance group ${name} has no root volume configuration (RootVolume = true with VolumeKmsKeyId), so an AWS owned key encrypts its root volumes.`,
        [
          {
            path: describePath(resource, `${groupPath}.InstanceStorageConfigs`),
            observed: configs,
            expected: 'an EbsVolumeConfig with RootVolume = true',
          },
        ],
      ),
    );
  }
  return outcomes;
}

function judgeClusterVolumes(context: CheckContext): CheckOutcome {
  const { resource } = context;
  const failure = fieldFailure(resource, 'InstanceGroups');
  if (failure) return failure;
  const groups = getPath(resource.description, 'InstanceGroups');
  if (groups === undefined || groups === null) {
    // DescribeCluster always returns InstanceGroups (a required member).
    return unknown(
      `${resource.name}: DescribeCluster returned no InstanceGroups, which AWS always sends; the volume keys cannot be judged.`,
      ['sagemaker:DescribeCluster'],
    );
  }
  const all = instanceGroups(resource.description);
  if (all.length === 0) {
    return notApplicable(`${resource.name} has no instance groups.`);
  }
  return combineItems(all.flatMap(group => judgeGroup(context, group)));
}

export const hyperpodVolumesCustomerManagedKeys = defineCheck(
  {
    id: 'hyperpod-cluster-volumes-customer-managed-keys',
    pillar: 'encryption',
    title:
      'HyperPod cluster root and data volumes are encrypted with customer-managed KMS keys',
    severity: 'high',
    resourceTypes: ['hyperpod-cluster'],
    rationale:
      'Without VolumeKmsKeyId a HyperPod node volume is encrypted with an AWS owned key, and without a RootVolume configuration so is every root volume: datasets, checkpoints and credentials on the nodes then sit under a key you cannot restrict, audit or revoke. An AWS-managed key (alias/aws/...) is not customer-managed either.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['training'] },
    },
    remediation: {
      text: 'Give every instance group an EbsVolumeConfig with RootVolume = true and a customer-managed VolumeKmsKeyId, and a customer-managed VolumeKmsKeyId on its secondary volume (new instance groups, or recreate the cluster).',
      docsUrl: DOCS.keyManagement,
    },
  },
  judgeClusterVolumes,
);
