/*
 * Consistency of the demo: the recorded estate (demo-estate/ of this package), the
 * catalog data that names its ML services, teams and systems (examples/*.yaml),
 * and the generator that writes the estate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  Entity,
  KindValidator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  entitySchemaValidator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  RESOURCE_TYPES,
  ResourceType,
  isResourceType,
  parseTagSelector,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Estate, EstateAccount, EstateRegion } from './estate';

const EXAMPLES = path.resolve(__dirname, '../../../../../examples');
const DEMO_ESTATE_DIR = path.resolve(__dirname, '../../../demo-estate');
const ESTATE_FILE = path.join(DEMO_ESTATE_DIR, 'estate.yaml');
const GENERATOR = path.join(DEMO_ESTATE_DIR, 'generate.js');

/** Gaps the estate keeps on purpose; examples/README.md lists them. */
const UNKNOWN_OWNER = 'growth-marketing';
const MISSING_ROLES = ['arn:aws:iam::444455556666:role/AcmeLegacyNotebookRole'];
const MISSING_BUCKETS = ['acme-data-lake-raw'];

/** The Describe* field holding each resource type's ARN. */
const ARN_FIELD: Record<ResourceType, string> = {
  'notebook-instance': 'NotebookInstanceArn',
  'notebook-instance-lifecycle-config': 'NotebookInstanceLifecycleConfigArn',
  domain: 'DomainArn',
  'user-profile': 'UserProfileArn',
  space: 'SpaceArn',
  model: 'ModelArn',
  'endpoint-config': 'EndpointConfigArn',
  endpoint: 'EndpointArn',
  'training-job': 'TrainingJobArn',
  'processing-job': 'ProcessingJobArn',
  'transform-job': 'TransformJobArn',
  'hyperparameter-tuning-job': 'HyperParameterTuningJobArn',
  pipeline: 'PipelineArn',
  'feature-group': 'FeatureGroupArn',
  'model-package-group': 'ModelPackageGroupArn',
  'model-package': 'ModelPackageArn',
  'monitoring-schedule': 'MonitoringScheduleArn',
  'data-quality-job-definition': 'JobDefinitionArn',
  'model-quality-job-definition': 'JobDefinitionArn',
  'model-bias-job-definition': 'JobDefinitionArn',
  'model-explainability-job-definition': 'JobDefinitionArn',
  'inference-experiment': 'Arn',
};

interface FlatResource {
  account: EstateAccount;
  region: EstateRegion;
  type: ResourceType;
  arn: string;
  description: Record<string, any>;
  tags: Record<string, string>;
}

const estate = parse(fs.readFileSync(ESTATE_FILE, 'utf8')) as Estate;

function loadEntities(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))
    .map(document => document.toJS())
    .filter(Boolean);
}
const org = loadEntities('org.yaml');
const systemsFile = loadEntities('systems.yaml');
const services = loadEntities('ml-services.yaml');
const groups = org.filter(entity => entity.kind === 'Group');
const groupNames = new Set(groups.map(group => group.metadata.name));
const systems = systemsFile.filter(entity => entity.kind === 'System');
const domains = systemsFile.filter(entity => entity.kind === 'Domain');
const serviceByName = new Map(services.map(s => [s.metadata.name, s]));
/** A service in an account whose role cannot be assumed: nothing of it is recorded. */
const unreadableAccounts = new Set(
  estate.accounts.filter(a => a.assumeRoleFails).map(a => a.accountId),
);
const inUnreadableAccount = (s: Entity) =>
  unreadableAccounts.has(
    s.metadata.annotations?.['amazonaws.com/account-id'] ?? '',
  );

const resources: FlatResource[] = estate.accounts.flatMap(account =>
  account.regions.flatMap(region =>
    Object.entries(region.sagemaker).flatMap(([type, list]) =>
      (list ?? []).map(resource => ({
        account,
        region,
        type: type as ResourceType,
        arn: resource.description[ARN_FIELD[type as ResourceType]] as string,
        description: resource.description as Record<string, any>,
        tags: resource.tags ?? {},
      })),
    ),
  ),
);

/** Every string in a value, with the name of the field holding it. */
function strings(value: unknown, field = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[field, value]];
  if (Array.isArray(value)) return value.flatMap(item => strings(item, field));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => strings(item, key));
  }
  return [];
}

function decodeIamDocument(encoded: string) {
  expect(encoded).not.toContain('{');
  return JSON.parse(decodeURIComponent(encoded));
}

function kmsReferenceResolves(
  region: EstateRegion,
  accountId: string,
  ref: string,
) {
  const aliasPrefix = `arn:aws:kms:${region.region}:${accountId}:`;
  return (region.kmsKeys ?? []).some(
    key =>
      key.metadata.KeyId === ref ||
      key.metadata.Arn === ref ||
      (key.aliases ?? []).some(
        alias => alias === ref || `${aliasPrefix}${alias}` === ref,
      ),
  );
}

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

  it('denies some calls, each aimed at something the estate records', () => {
    const faults = estate.accounts.flatMap(account =>
      (account.faults ?? []).map(fault => ({ account, fault })),
    );
    expect(faults.length).toBeGreaterThan(0);
    const denied = faults
      .filter(({ fault }) => fault.error === 'AccessDenied')
      .map(({ fault }) => fault.action);
    expect(denied).toEqual(
      expect.arrayContaining([
        'kms:GetKeyRotationStatus',
        'iam:GetRolePolicy',
        's3:GetBucketPolicy',
      ]),
    );
    for (const { account, fault } of faults) {
      const targets = new Set<unknown>([
        ...(account.roles ?? []).map(r => r.role.RoleName),
        ...(account.buckets ?? []).map(b => b.name),
        ...account.regions
          .filter(region => !fault.region || region.region === fault.region)
          .flatMap(region => [
            ...(region.kmsKeys ?? []).map(k => k.metadata.Arn),
            ...Object.values(region.sagemaker)
              .flat()
              .flatMap(r => strings(r!.description).map(([, v]) => v)),
          ]),
      ]);
      expect({ fault, found: targets.has(fault.target) }).toEqual({
        fault,
        found: true,
      });
    }
  });

  // Spot checks of the configurations examples/README.md promises.
  const all = {
    notebooks: () => resources.filter(r => r.type === 'notebook-instance'),
    endpoints: () => resources.filter(r => r.type === 'endpoint'),
    keys: () =>
      estate.accounts.flatMap(a => a.regions.flatMap(r => r.kmsKeys ?? [])),
    roles: () => estate.accounts.flatMap(a => a.roles ?? []),
    regions: () => estate.accounts.flatMap(a => a.regions),
    buckets: () => estate.accounts.flatMap(a => a.buckets ?? []),
  };
  it.each<[string, () => boolean]>([
    [
      'a notebook with direct internet access',
      () =>
        all
          .notebooks()
          .some(n => n.description.DirectInternetAccess === 'Enabled'),
    ],
    [
      'a notebook whose DirectInternetAccess field is absent',
      () =>
        all.notebooks().some(n => !('DirectInternetAccess' in n.description)),
    ],
    [
      'a notebook with root access',
      () => all.notebooks().some(n => n.description.RootAccess === 'Enabled'),
    ],
    [
      'a notebook outside any VPC',
      () => all.notebooks().some(n => !n.description.SubnetId),
    ],
    [
      'a customer key without rotation',
      () =>
        all
          .keys()
          .some(
            k => k.metadata.KeyManager === 'CUSTOMER' && !k.rotationEnabled,
          ),
    ],
    [
      'the AWS-managed aws/sagemaker key',
      () => all.keys().some(k => k.aliases?.includes('alias/aws/sagemaker')),
    ],
    [
      'a security group open to 0.0.0.0/0',
      () =>
        all
          .regions()
          .flatMap(r => r.securityGroups ?? [])
          .some(g =>
            (g.IpPermissions as any[]).some(p =>
              p.IpRanges.some((x: any) => x.CidrIp === '0.0.0.0/0'),
            ),
          ),
    ],
    [
      'a subnet routed to an internet gateway',
      () =>
        all
          .regions()
          .flatMap(r => r.routeTables ?? [])
          .some(t =>
            (t.Routes as any[]).some(x =>
              String(x.GatewayId).startsWith('igw-'),
            ),
          ),
    ],
    [
      'an execution role with AmazonSageMakerFullAccess',
      () =>
        all
          .roles()
          .some(r =>
            r.attachedPolicyArns?.includes(
              'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
            ),
          ),
    ],
    [
      'a role trusted without aws:SourceAccount',
      () =>
        all
          .roles()
          .some(
            r =>
              !decodeURIComponent(
                r.role.AssumeRolePolicyDocument as string,
              ).includes('aws:SourceAccount'),
          ),
    ],
    [
      'a role without a permissions boundary',
      () => all.roles().some(r => !r.role.PermissionsBoundary),
    ],
    [
      'a trail that is not logging',
      () =>
        all
          .regions()
          .flatMap(r => r.trails ?? [])
          .some(t => t.status.IsLogging === false),
    ],
    [
      'an alarm that notifies nobody',
      () =>
        all
          .regions()
          .flatMap(r => r.alarms ?? [])
          .some(a => (a.AlarmActions as string[]).length === 0),
    ],
    [
      'a log group without retention or key',
      () =>
        all
          .regions()
          .flatMap(r => r.logGroups ?? [])
          .some(g => !g.retentionInDays && !g.kmsKeyId),
    ],
    [
      'an endpoint without data capture',
      () => all.endpoints().some(e => !e.description.DataCaptureConfig),
    ],
    [
      'a bucket policy that denies plain HTTP with BoolIfExists',
      () => all.buckets().some(b => b.policy?.includes('"BoolIfExists"')),
    ],
  ])('contains %s', (_, present) => {
    expect(present()).toBe(true);
  });

  it('is in sync with its generator', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-estate-'));
    try {
      const output = path.join(directory, 'estate.yaml');
      execFileSync(process.execPath, [GENERATOR, output]);
      expect(fs.readFileSync(output, 'utf8')).toBe(
        fs.readFileSync(ESTATE_FILE, 'utf8'),
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('demo catalog', () => {
  const validators: Record<string, KindValidator> = {
    Component: componentEntityV1alpha1Validator,
    Domain: domainEntityV1alpha1Validator,
    Group: groupEntityV1alpha1Validator,
    Location: locationEntityV1alpha1Validator,
    System: systemEntityV1alpha1Validator,
    User: userEntityV1alpha1Validator,
  };
  const validateEnvelope = entitySchemaValidator();

  it('holds only valid entities', async () => {
    const entities = [...org, ...systemsFile, ...services];
    for (const entity of entities) {
      validateEnvelope(entity);
      await expect(validators[entity.kind].check(entity)).resolves.toBe(true);
    }
  });

  it('nests teams, with a security team and a guest who has a team', () => {
    const teams = groups.filter(g => g.spec!.type !== 'organization');
    expect(teams.length).toBeGreaterThanOrEqual(4);
    const byName = new Map(groups.map(g => [g.metadata.name, g]));
    for (const group of groups) {
      for (const child of group.spec!.children as string[]) {
        expect(byName.get(child)?.spec!.parent).toBe(group.metadata.name);
      }
    }
    const depth = (name: string): number => {
      const parent = byName.get(name)?.spec!.parent as string | undefined;
      return parent ? 1 + depth(parent) : 0;
    };
    expect(
      Math.max(...groups.map(g => depth(g.metadata.name))),
    ).toBeGreaterThanOrEqual(2);
    expect(groupNames.has('security')).toBe(true);

    const guest = org.find(
      e => e.kind === 'User' && e.metadata.name === 'guest',
    )!;
    // The guest sign-in provider's default identity.
    expect(stringifyEntityRef(guest)).toBe('user:development/guest');
    const teamsOfGuest = (guest.spec!.memberOf as string[]).map(
      ref => parseEntityRef(ref, { defaultKind: 'group' }).name,
    );
    expect(teamsOfGuest.length).toBeGreaterThan(0);
    for (const team of teamsOfGuest) expect(groupNames.has(team)).toBe(true);
  });

  it('has eleven ML services owned by teams, in systems of known domains', () => {
    expect(services).toHaveLength(11);
    const systemNames = new Set(systems.map(s => s.metadata.name));
    const domainNames = new Set(domains.map(d => d.metadata.name));
    for (const service of services) {
      expect(service.kind).toBe('Component');
      expect(service.spec!.type).toBe('ml-service');
      expect(service.metadata.description).toEqual(expect.any(String));
      expect(groupNames.has(service.spec!.owner as string)).toBe(true);
      expect(systemNames.has(service.spec!.system as string)).toBe(true);
    }
    for (const entity of [...systems, ...domains]) {
      expect(groupNames.has(entity.spec!.owner as string)).toBe(true);
    }
    for (const system of systems) {
      expect(domainNames.has(system.spec!.domain as string)).toBe(true);
    }
  });

  it('uses tag selectors that pick production resources of their service', () => {
    const selecting = services.filter(
      s => s.metadata.annotations?.[ANNOTATION_SAGEMAKER_TAG_SELECTOR],
    );
    expect(selecting.map(s => s.metadata.name).sort()).toEqual([
      'aml-transaction-monitor',
      'marketing-propensity',
      'mortgage-affordability',
    ]);
    // Only the service of the unreadable account names its account and region.
    const others = services.flatMap(service =>
      Object.keys(service.metadata.annotations ?? {})
        .filter(a => a !== ANNOTATION_SAGEMAKER_TAG_SELECTOR)
        .map(a => `${service.metadata.name} ${a}`),
    );
    expect(others).toEqual([
      'marketing-propensity amazonaws.com/account-id',
      'marketing-propensity amazonaws.com/region',
    ]);
    for (const service of selecting.filter(s => !inUnreadableAccount(s))) {
      const selector = parseTagSelector(
        service.metadata.annotations![ANNOTATION_SAGEMAKER_TAG_SELECTOR],
      );
      const matches = (r: FlatResource) =>
        selector.every(({ key, value }) => r.tags[key] === value);
      const own = resources.filter(
        r => r.tags['ml-service'] === service.metadata.name,
      );
      // The selector keeps production and leaves out development resources.
      expect(own.filter(matches).length).toBeGreaterThan(0);
      expect(own.filter(r => !matches(r)).map(r => r.tags.env)).toContain(
        'dev',
      );
      expect(own.filter(matches).every(r => r.tags.env === 'prod')).toBe(true);
    }
  });
});
