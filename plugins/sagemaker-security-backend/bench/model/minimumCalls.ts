/**
 * The least AWS work a full scan of an estate needs, computed from the estate
 * alone (never from what a scanner did): every list page once, every
 * resource described and its tags read once, and every related fact (role,
 * managed policy, key, bucket, security group, subnet, trail...) read once.
 * From it, the rate-limit floor: no scanner can finish before its busiest
 * throttled API has served the calls it needs at the rate AWS allows.
 */
import {
  resourceTypeDescriptor,
  type ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { RESOURCE_SPECS } from '../../src/inventory/collectors';
import { References } from '../../src/inventory/facts';
import type {
  Estate,
  EstateAccount,
  EstateKmsKey,
  EstateRegion,
} from '../../src/inventory/simulator/estate';
import { bucketKey } from '../aws/SimulatedAws';
import { Add, addAccountDetails } from './accountDetails';
import { AwsProfile, rateOf } from '../options';

/** Largest page the simulated AWS returns (AWS's maximum for SageMaker lists). */
export const PAGE_SIZE = 100;
const DAY_MS = 86_400_000;

export interface MinimumCalls {
  /** Calls per rate-limit bucket (`account|region or global|action`). */
  byBucket: Map<string, { action: string; calls: number }>;
  byAction: Record<string, number>;
  total: number;
}

const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));

function findKey(
  region: EstateRegion | undefined,
  ref: string,
): EstateKmsKey | undefined {
  const alias = ref.includes(':alias/')
    ? `alias/${ref.split(':alias/')[1]}`
    : ref;
  return region?.kmsKeys?.find(
    k =>
      k.metadata.Arn === ref ||
      k.metadata.KeyId === ref ||
      (k.aliases ?? []).includes(alias),
  );
}

/**
 * How the SageMaker resources and execution roles are read: one call per
 * resource (List, Describe, ListTags; per-role IAM calls), or the best the
 * code can choose per account, region and type (`best`): SageMaker Search
 * where the type's descriptor declares it (records with their tags, 100 per
 * call; Describe still for the records lacking a field the checks read), the
 * Tagging API's GetResources for the tags of the types it serves (100 per
 * call), and IAM's account authorization details (1,000 roles and local
 * policies per page) when cheaper than per-role calls, each only where it
 * costs fewer calls. The `best` floor is the one issue 17 measures against.
 */
export type ReadStrategy = 'per-resource' | 'best';

const ENDED_JOB = ['Completed', 'Failed', 'Stopped', 'Deleted'];

export function minimumCalls(
  estate: Estate,
  options: {
    jobLookbackDays: number | 'all';
    now: number;
    strategy?: ReadStrategy;
  },
): MinimumCalls {
  const best = options.strategy === 'best';
  const byBucket = new Map<string, { action: string; calls: number }>();
  const byAction: Record<string, number> = {};
  const add = (
    accountId: string,
    region: string,
    service: string,
    action: string,
    calls: number,
  ) => {
    if (calls <= 0) return;
    const key = bucketKey(accountId, region, service, action);
    const entry = byBucket.get(key) ?? { action, calls: 0 };
    entry.calls += calls;
    byBucket.set(key, entry);
    byAction[action] = (byAction[action] ?? 0) + calls;
  };
  const after =
    options.jobLookbackDays === 'all'
      ? -Infinity
      : options.now - options.jobLookbackDays * DAY_MS;

  for (const account of estate.accounts) {
    const { accountId } = account;
    const roles = new Set<string>();
    const buckets = new Set<string>();
    const trails = new Set<string>();
    for (const region of account.regions) {
      const r = region.region;
      const refs = new References();
      for (const spec of RESOURCE_SPECS) {
        const all = region.sagemaker[spec.type as ResourceType] ?? [];
        const listed = spec.isJob
          ? all.filter(
              x => Date.parse(String(x.description.CreationTime)) > after,
            )
          : all;
        const tagCalls = listed.reduce(
          (n, x) => n + pages(Object.keys(x.tags ?? {}).length),
          0,
        );
        const perResource = pages(listed.length) + listed.length + tagCalls;
        // Search: one call per 100 records; Describe for those lacking a field.
        const described = !spec.search?.describeFields.length
          ? 0
          : listed.filter(
              x =>
                !spec.search!.describeWhileRunning ||
                !ENDED_JOB.includes(
                  String(x.description[spec.statusField ?? '']),
                ),
            ).length;
        const search = spec.search
          ? pages(listed.length) + described
          : Infinity;
        const tagged = listed.filter(x => Object.keys(x.tags ?? {}).length > 0);
        const tagging = spec.taggingApi
          ? pages(listed.length) + listed.length + pages(tagged.length)
          : Infinity;
        let choice: 'per-resource' | 'search' | 'tagging' = 'per-resource';
        if (best && search <= Math.min(tagging, perResource)) choice = 'search';
        else if (best && tagging < perResource) choice = 'tagging';
        if (choice === 'search') {
          add(
            accountId,
            r,
            'sagemaker',
            'sagemaker:Search',
            pages(listed.length),
          );
          add(accountId, r, 'sagemaker', spec.describeAction, described);
        } else {
          add(accountId, r, 'sagemaker', spec.listAction, pages(listed.length));
          add(accountId, r, 'sagemaker', spec.describeAction, listed.length);
          if (choice === 'tagging') {
            add(accountId, r, 'tag', 'tag:GetResources', pages(tagged.length));
          } else {
            add(accountId, r, 'sagemaker', 'sagemaker:ListTags', tagCalls);
          }
        }
        // Reads besides Describe (e.g. GetModelPackageGroupPolicy), one per resource.
        for (const read of resourceTypeDescriptor(spec.type).api.extraReads ??
          []) {
          add(
            accountId,
            r,
            'sagemaker',
            `sagemaker:${read.operation}`,
            listed.length,
          );
        }
        listed.forEach(x => refs.addFrom(x.description));
      }
      refs.roles.forEach(x => roles.add(x));
      refs.buckets.forEach(x => buckets.add(x));

      // KMS: the region's aliases, then each referenced key once.
      const aliases = (region.kmsKeys ?? []).flatMap(k => k.aliases ?? []);
      add(accountId, r, 'kms', 'kms:ListAliases', pages(aliases.length));
      const keys = new Set<EstateKmsKey>();
      refs.kmsKeys.forEach(ref => {
        const key = findKey(region, ref);
        if (key) keys.add(key);
      });
      for (const key of keys) {
        add(accountId, r, 'kms', 'kms:DescribeKey', 1);
        add(accountId, r, 'kms', 'kms:GetKeyPolicy', 1);
        if (key.metadata.KeyManager !== 'AWS') {
          add(accountId, r, 'kms', 'kms:GetKeyRotationStatus', 1);
        }
      }

      // EC2: referenced groups and subnets, their VPCs' route tables and endpoints.
      const groups = refs.securityGroups.size;
      if (groups) {
        add(accountId, r, 'ec2', 'ec2:DescribeSecurityGroups', pages(groups));
      }
      const subnetVpcs = new Set(
        (region.subnets ?? [])
          .filter(s => refs.subnets.has(String(s.SubnetId)))
          .map(s => String(s.VpcId)),
      );
      if (refs.subnets.size) {
        add(
          accountId,
          r,
          'ec2',
          'ec2:DescribeSubnets',
          pages(refs.subnets.size),
        );
      }
      if (subnetVpcs.size) {
        const tables = (region.routeTables ?? []).filter(t =>
          subnetVpcs.has(String(t.VpcId)),
        ).length;
        add(accountId, r, 'ec2', 'ec2:DescribeRouteTables', pages(tables));
      }
      const vpcs = new Set([...subnetVpcs, ...refs.vpcs]);
      if (vpcs.size) {
        const endpoints = (region.vpcEndpoints ?? []).filter(e =>
          vpcs.has(String(e.VpcId)),
        ).length;
        add(accountId, r, 'ec2', 'ec2:DescribeVpcEndpoints', pages(endpoints));
      }

      // Regional monitoring facts; trails visible here are read once per account.
      add(accountId, r, 'cloudtrail', 'cloudtrail:DescribeTrails', 1);
      for (const other of account.regions) {
        for (const t of other.trails ?? []) {
          if (t.trail.HomeRegion === r || t.trail.IsMultiRegionTrail) {
            trails.add(`${t.trail.TrailARN}|${t.trail.HomeRegion}`);
          }
        }
      }
      add(
        accountId,
        r,
        'cloudwatch',
        'cloudwatch:DescribeAlarms',
        pages((region.alarms ?? []).length),
      );
      add(
        accountId,
        r,
        'logs',
        'logs:DescribeLogGroups',
        pages(
          (region.logGroups ?? []).filter(g =>
            String(g.logGroupName).startsWith('/aws/sagemaker/'),
          ).length,
        ),
      );
      const detectors = (region.guardDutyDetectors ?? []).length;
      add(
        accountId,
        r,
        'guardduty',
        'guardduty:ListDetectors',
        pages(detectors),
      );
      add(accountId, r, 'guardduty', 'guardduty:GetDetector', detectors);
    }
    addAccountFacts(account, roles, buckets, trails, add, best);
  }
  const total = Object.values(byAction).reduce((a, b) => a + b, 0);
  return { byBucket, byAction, total };
}

function addAccountFacts(
  account: EstateAccount,
  roles: Set<string>,
  buckets: Set<string>,
  trails: Set<string>,
  add: (
    accountId: string,
    region: string,
    service: string,
    action: string,
    calls: number,
  ) => void,
  best: boolean,
) {
  const { accountId } = account;
  const policies = new Set<string>();
  if (best && addAccountDetails(account, roles, add)) {
    addBucketsAndTrails(accountId, buckets, trails, add);
    return;
  }
  for (const arn of roles) {
    const name = arn.split('/').pop();
    const role = account.roles?.find(x => x.role.RoleName === name);
    add(accountId, 'global', 'iam', 'iam:GetRole', 1);
    if (!role) continue; // GetRole answers NoSuchEntity; nothing more to read.
    add(accountId, 'global', 'iam', 'iam:ListAttachedRolePolicies', 1);
    add(accountId, 'global', 'iam', 'iam:ListRolePolicies', 1);
    add(
      accountId,
      'global',
      'iam',
      'iam:GetRolePolicy',
      Object.keys(role.inlinePolicies ?? {}).length,
    );
    (role.attachedPolicyArns ?? []).forEach(p => policies.add(p));
  }
  add(accountId, 'global', 'iam', 'iam:GetPolicy', policies.size);
  add(accountId, 'global', 'iam', 'iam:GetPolicyVersion', policies.size);
  addBucketsAndTrails(accountId, buckets, trails, add);
}

function addBucketsAndTrails(
  accountId: string,
  buckets: Set<string>,
  trails: Set<string>,
  add: Add,
) {
  for (const action of [
    's3:GetBucketLocation',
    's3:GetEncryptionConfiguration',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
  ]) {
    add(accountId, 'global', 's3', action, buckets.size);
  }
  for (const trail of trails) {
    const home = trail.split('|')[1];
    add(accountId, home, 'cloudtrail', 'cloudtrail:GetTrailStatus', 1);
    add(accountId, home, 'cloudtrail', 'cloudtrail:GetEventSelectors', 1);
  }
}

/**
 * Seconds the busiest throttled bucket needs: its calls beyond the burst,
 * at its rate. `bucket` names it.
 */
export function rateLimitFloor(
  minimum: MinimumCalls,
  profile: AwsProfile,
): { seconds: number; bucket: string; calls: number; rate: number } {
  let best = { seconds: 0, bucket: '-', calls: 0, rate: 0 };
  for (const [key, { action, calls }] of minimum.byBucket) {
    const rate = rateOf(profile.rates, action);
    if (rate === undefined) continue;
    const burst = Math.max(1, rate * profile.burstSeconds);
    const seconds = Math.max(0, calls - burst) / rate;
    if (seconds > best.seconds) best = { seconds, bucket: key, calls, rate };
  }
  return best;
}
