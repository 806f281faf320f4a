/*
 * The demo estate's deliberate gaps (denied calls, unknown owners, missing
 * roles and buckets) and its generator (demo-estate/generate.js of this package).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ESTATE_FILE,
  GENERATOR,
  estate,
  resources,
  strings,
} from './__testUtils__/demoData';

describe('demo estate: deliberate gaps, and its generator', () => {
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
        account.accountId,
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
      'a region where GuardDuty is off',
      () =>
        all
          .regions()
          .some(r => !r.disabled && (r.guardDutyDetectors ?? []).length === 0),
    ],
    [
      'a GuardDuty detector without Runtime Monitoring',
      () =>
        all
          .regions()
          .flatMap(r => r.guardDutyDetectors ?? [])
          .some(d =>
            (d.Features as Array<{ Name: string; Status: string }>).some(
              f => f.Name === 'RUNTIME_MONITORING' && f.Status === 'DISABLED',
            ),
          ),
    ],
    [
      'a model package registered directly as Approved',
      () =>
        resources.some(
          r =>
            r.type === 'model-package' &&
            r.description.ModelApprovalStatus === 'Approved' &&
            !r.description.LastModifiedBy,
        ),
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
