/*
 * Consistency of the demo: the recorded estate (demo-estate/ of this package), the
 * catalog data that names its ML services, teams and systems (examples/*.yaml),
 * and the generator that writes the estate.
 */
import {
  RESOURCE_TYPES,
  ResourceType,
  isResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  UNKNOWN_OWNER,
  MISSING_ROLES,
  MISSING_BUCKETS,
  estate,
  services,
  groupNames,
  serviceByName,
  resources,
  strings,
  decodeIamDocument,
  kmsReferenceResolves,
  inUnreadableAccount,
} from './__testUtils__/demoData';

describe('demo estate', () => {
  it('spans two accounts, two regions and every resource type', () => {
    expect(estate.accounts.length).toBeGreaterThanOrEqual(2);
    const regions = new Set(
      estate.accounts.flatMap(a => a.regions.map(r => r.region)),
    );
    expect([...regions].sort()).toEqual(['eu-west-1', 'us-east-1']);
    for (const account of estate.accounts) {
      expect(account.accountId).toMatch(/^\d{12}$/);
      for (const region of account.regions) {
        for (const type of Object.keys(region.sagemaker)) {
          expect(isResourceType(type)).toBe(true);
        }
      }
    }
    expect(resources.length).toBeGreaterThanOrEqual(60);
    expect(new Set(resources.map(r => r.type))).toEqual(
      new Set(RESOURCE_TYPES),
    );
  });

  it('gives every resource a unique ARN of its own account and region', () => {
    for (const r of resources) {
      expect(r.arn).toMatch(
        new RegExp(
          `^arn:aws:sagemaker:${r.region.region}:${r.account.accountId}:`,
        ),
      );
    }
    expect(new Set(resources.map(r => r.arn)).size).toBe(resources.length);
  });

  it('tags every resource with its ML service, system and environment', () => {
    for (const r of resources) {
      expect({ arn: r.arn, tags: r.tags }).toEqual({
        arn: r.arn,
        tags: expect.objectContaining({
          'ml-service': expect.any(String),
          system: expect.any(String),
          env: expect.stringMatching(/^(prod|dev)$/),
        }),
      });
    }
  });

  it('names only catalog Components, in their own systems', () => {
    for (const r of resources) {
      const service = serviceByName.get(r.tags['ml-service']);
      expect({ arn: r.arn, service: service?.metadata.name }).toEqual({
        arn: r.arn,
        service: r.tags['ml-service'],
      });
      expect({ arn: r.arn, system: r.tags.system }).toEqual({
        arn: r.arn,
        system: service!.spec!.system,
      });
    }
    const tagged = new Set(resources.map(r => r.tags['ml-service']));
    expect(
      services
        .filter(s => !tagged.has(s.metadata.name))
        .map(s => ({
          name: s.metadata.name,
          unreadable: inUnreadableAccount(s),
        })),
    ).toEqual([{ name: 'marketing-propensity', unreadable: true }]);
  });

  it('names known teams as owners, in any case, except the deliberate gaps', () => {
    const owners = resources.map(r => r.tags.owner);
    const unknown = owners.filter(
      owner => owner !== undefined && !groupNames.has(owner.toLowerCase()),
    );
    expect(new Set(unknown)).toEqual(new Set([UNKNOWN_OWNER]));
    expect(owners).toContain(undefined);
    expect(
      owners.some(
        owner =>
          owner !== undefined &&
          owner !== owner.toLowerCase() &&
          groupNames.has(owner.toLowerCase()),
      ),
    ).toBe(true);
  });

  it('references only roles, keys, buckets, subnets and groups it records', () => {
    const problems: string[] = [];
    const referencedGaps = new Set<string>();
    for (const r of resources) {
      const roleArns = new Set((r.account.roles ?? []).map(x => x.role.Arn));
      const buckets = new Set((r.account.buckets ?? []).map(b => b.name));
      const subnets = new Map(
        (r.region.subnets ?? []).map(s => [s.SubnetId as string, s.VpcId]),
      );
      const groupVpcs = new Map(
        (r.region.securityGroups ?? []).map(g => [
          g.GroupId as string,
          g.VpcId,
        ]),
      );
      const vpcs = new Set<unknown>();
      for (const [field, value] of strings(r.description)) {
        if (/^arn:aws:iam::\d{12}:role\//.test(value)) {
          if (MISSING_ROLES.includes(value)) referencedGaps.add(value);
          else if (!roleArns.has(value))
            problems.push(`${r.arn}: role ${value}`);
        } else if (value.startsWith('s3://')) {
          const bucket = value.slice('s3://'.length).split('/')[0];
          if (MISSING_BUCKETS.includes(bucket)) referencedGaps.add(bucket);
          else if (!buckets.has(bucket))
            problems.push(`${r.arn}: bucket ${bucket}`);
        } else if (/Kms/.test(field)) {
          if (!kmsReferenceResolves(r.region, r.account.accountId, value)) {
            problems.push(`${r.arn}: ${field} ${value}`);
          }
        } else if (/^subnet-[0-9a-f]+$/.test(value)) {
          if (!subnets.has(value)) problems.push(`${r.arn}: subnet ${value}`);
          vpcs.add(subnets.get(value));
        } else if (/^sg-[0-9a-f]+$/.test(value)) {
          if (!groupVpcs.has(value)) problems.push(`${r.arn}: group ${value}`);
          vpcs.add(groupVpcs.get(value));
        }
      }
      if (vpcs.size > 1)
        problems.push(`${r.arn}: subnets and groups span VPCs`);
    }
    expect(problems).toEqual([]);
    // The documented gaps are really there, so the README stays true.
    expect(referencedGaps).toEqual(
      new Set([...MISSING_ROLES, ...MISSING_BUCKETS]),
    );
  });

  it('links SageMaker resources to each other within their region', () => {
    const problems: string[] = [];
    for (const account of estate.accounts) {
      for (const region of account.regions) {
        const names = (type: ResourceType, field: string) =>
          new Set(
            (region.sagemaker[type] ?? []).map(r => r.description[field]),
          );
        const endpoints = names('endpoint', 'EndpointName');
        const configs = names('endpoint-config', 'EndpointConfigName');
        const models = names('model', 'ModelName');
        const domainIds = names('domain', 'DomainId');
        const packageGroups = names(
          'model-package-group',
          'ModelPackageGroupName',
        );
        const expectIn = (set: Set<unknown>, value: unknown, what: string) => {
          if (!set.has(value))
            problems.push(`${region.region}: ${what} ${value}`);
        };
        for (const { description: d } of region.sagemaker.endpoint ?? []) {
          expectIn(configs, d.EndpointConfigName, 'endpoint config');
        }
        for (const { description: d } of region.sagemaker['endpoint-config'] ??
          []) {
          for (const variant of d.ProductionVariants as any[]) {
            expectIn(models, variant.ModelName, 'model');
          }
        }
        for (const type of ['monitoring-schedule'] as const) {
          for (const { description: d } of region.sagemaker[type] ?? []) {
            expectIn(endpoints, d.EndpointName, 'endpoint');
          }
        }
        for (const type of ['user-profile', 'space'] as const) {
          for (const { description: d } of region.sagemaker[type] ?? []) {
            expectIn(domainIds, d.DomainId, 'domain');
          }
        }
        for (const { description: d } of region.sagemaker['model-package'] ??
          []) {
          expectIn(packageGroups, d.ModelPackageGroupName, 'package group');
        }
        for (const alarm of region.alarms ?? []) {
          const dimension = (alarm.Dimensions as any[]).find(
            x => x.Name === 'EndpointName',
          );
          expectIn(endpoints, dimension?.Value, 'alarm endpoint');
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('records IAM documents URL-encoded and other policies as JSON', () => {
    for (const account of estate.accounts) {
      const policyArns = new Set(
        (account.managedPolicies ?? []).map(p => p.arn),
      );
      for (const policy of account.managedPolicies ?? []) {
        expect(decodeIamDocument(policy.document).Statement).toBeDefined();
      }
      for (const {
        role,
        attachedPolicyArns,
        inlinePolicies,
      } of account.roles ?? []) {
        const trust = decodeIamDocument(
          role.AssumeRolePolicyDocument as string,
        );
        expect(trust.Statement[0].Principal.Service).toBe(
          'sagemaker.amazonaws.com',
        );
        for (const document of Object.values(inlinePolicies ?? {})) {
          expect(decodeIamDocument(document).Statement).toBeDefined();
        }
        const boundary = (role.PermissionsBoundary as any)
          ?.PermissionsBoundaryArn;
        const referenced = [...(attachedPolicyArns ?? []), boundary].filter(
          Boolean,
        );
        expect(referenced.filter(arn => !policyArns.has(arn))).toEqual([]);
      }
      for (const bucket of account.buckets ?? []) {
        const policy = bucket.policy ? JSON.parse(bucket.policy) : null;
        expect(policy === null || Array.isArray(policy.Statement)).toBe(true);
      }
      for (const region of account.regions) {
        for (const key of region.kmsKeys ?? []) {
          expect(JSON.parse(key.policy!).Statement).toBeDefined();
        }
      }
    }
  });
});
