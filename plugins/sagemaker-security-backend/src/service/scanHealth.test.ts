import type { Entity } from '@backstage/catalog-model';
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import type { ScanRun, ScanTargetProgress } from '../inventory/InventoryStore';
import { InMemoryInventoryStore } from './__testUtils__/InMemoryInventoryStore';
import {
  entityLocations,
  lastFinishedScan,
  MAX_HEALTH_ERRORS,
  scanHealthOf,
} from './scanHealth';

const PROD = '111122223333';
const DEV = '444455556666';

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', namespace: 'default', annotations },
    spec: { type: 'ml-service', owner: 'team', lifecycle: 'production' },
  };
}

const denied = (action: string): CollectionError => ({
  kind: 'access_denied',
  action,
  message: `Not authorized to perform ${action}`,
});

function target(
  accountId: string,
  region: string,
  status: ScanTargetProgress['status'],
  errors: CollectionError[] = [],
): ScanTargetProgress {
  return {
    accountId,
    region,
    status,
    resourceCount: status === 'failed' ? 0 : 3,
    errorCount: errors.length,
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:01:00.000Z',
    errors,
    callCounts: { 'sagemaker:ListModels': 2 },
  };
}

function scan(targets: ScanTargetProgress[]): ScanRun {
  return {
    id: 'scan-9',
    trigger: 'schedule',
    status: 'partial',
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:02:00.000Z',
    targets,
  };
}

describe('entityLocations', () => {
  it('takes the accounts and regions of the resources, the own ARN and the AWS annotations', () => {
    const locations = entityLocations(
      component({
        'amazonaws.com/arn': `arn:aws:sagemaker:eu-west-1:${PROD}:endpoint/x`,
        'amazonaws.com/account-id': ` ${DEV} `,
        'amazonaws.com/region': 'us-east-1',
      }),
      [{ accountId: PROD, region: 'us-east-1' }],
    );
    expect(locations).toEqual([
      { accountId: PROD, region: 'us-east-1' },
      { accountId: PROD, region: 'eu-west-1' },
      { accountId: DEV, region: 'us-east-1' },
    ]);
  });

  it('takes a whole account when no region is named, and ignores malformed values', () => {
    expect(
      entityLocations(component({ 'amazonaws.com/account-id': DEV }), []),
    ).toEqual([{ accountId: DEV }]);
    expect(
      entityLocations(
        component({
          'amazonaws.com/account-id': '1234',
          'amazonaws.com/arn': 'not-an-arn',
        }),
        [],
      ),
    ).toEqual([]);
  });
});

describe('scanHealthOf', () => {
  const run = scan([
    target(PROD, 'us-east-1', 'succeeded'),
    target(PROD, 'eu-west-1', 'partial', [denied('iam:GetRolePolicy')]),
    target(DEV, 'us-east-1', 'failed', [
      {
        kind: 'credentials_unavailable',
        action: 'sts:AssumeRole',
        message: 'could not assume role',
      },
    ]),
    target(DEV, 'eu-west-1', 'failed'),
  ]);
  const key = (t: { accountId: string; region: string }) =>
    `${t.accountId}/${t.region}`;

  it('lists the failed and partial targets at the entity’s locations', () => {
    const health = scanHealthOf({
      scan: run,
      accountsConfigured: true,
      locations: [
        { accountId: PROD, region: 'us-east-1' },
        { accountId: DEV, region: 'us-east-1' },
      ],
    });
    expect(health.scope).toBe('entity');
    expect(health.targets.map(key)).toEqual([`${DEV}/us-east-1`]);
    expect(health.targets[0].errors[0]).toMatchObject({
      kind: 'credentials_unavailable',
      action: 'sts:AssumeRole',
    });
    expect(health.lastFinishedScan).toEqual({
      scanId: 'scan-9',
      status: 'partial',
      startedAt: '2026-11-27T10:00:00.000Z',
      finishedAt: '2026-11-27T10:02:00.000Z',
    });
  });

  it('matches every region of an account named without a region', () => {
    const health = scanHealthOf({
      scan: run,
      accountsConfigured: true,
      locations: [{ accountId: DEV }],
    });
    expect(health.targets.map(key)).toEqual([
      `${DEV}/us-east-1`,
      `${DEV}/eu-west-1`,
    ]);
  });

  it('lists every failed and partial target when no location is known', () => {
    const health = scanHealthOf({ scan: run, accountsConfigured: true });
    expect(health.scope).toBe('all');
    expect(health.targets.map(key)).toEqual([
      `${PROD}/eu-west-1`,
      `${DEV}/us-east-1`,
      `${DEV}/eu-west-1`,
    ]);
  });

  it('keeps the first errors of a target and its full count, without call counts', () => {
    const errors = Array.from({ length: 45 }, (_, i) =>
      denied(`kms:DescribeKey#${i}`),
    );
    const health = scanHealthOf({
      scan: scan([target(PROD, 'us-east-1', 'partial', errors)]),
      accountsConfigured: true,
    });
    expect(health.targets[0].errors).toHaveLength(MAX_HEALTH_ERRORS);
    expect(health.targets[0].errorCount).toBe(45);
    expect(health.targets[0]).not.toHaveProperty('callCounts');
  });

  it('says when no account is configured and no scan has finished', () => {
    expect(
      scanHealthOf({ scan: undefined, accountsConfigured: false }),
    ).toEqual({ accountsConfigured: false, scope: 'all', targets: [] });
  });
});

describe('lastFinishedScan', () => {
  it('is the scan before a running one', async () => {
    const inventory = new InMemoryInventoryStore();
    const first = await inventory.createScan({
      trigger: 'schedule',
      targets: [{ accountId: PROD, region: 'us-east-1' }],
    });
    await inventory.finishScan(first.id, 'failed');
    const running = await inventory.createScan({
      trigger: 'manual',
      targets: [{ accountId: PROD, region: 'us-east-1' }],
    });
    await inventory.updateScanTarget(
      running.id,
      { accountId: PROD, region: 'us-east-1' },
      { status: 'running' },
    );
    const latest = await inventory.getLatestScan();
    expect(latest?.id).toBe(running.id);
    expect((await lastFinishedScan(inventory, latest))?.id).toBe(first.id);
    expect((await lastFinishedScan(inventory))?.id).toBe(first.id);
  });
});
