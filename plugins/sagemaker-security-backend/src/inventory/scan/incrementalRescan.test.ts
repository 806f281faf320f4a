/**
 * Rescans read again only what can have changed (collectors/incremental.ts):
 * immutable resources are described once, notebooks and endpoints again
 * only when their listing shows a change, and the tags of what is not
 * described again are re-read on a rolling basis within a window.
 */
import type { SageMakerResource } from '@mlsec/plugin-sagemaker-security-common';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness, PER_RESOURCE_READS } from '../__testUtils__/harness';
import { RESOURCE_SPECS } from '../collectors';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00.000Z');
const arn = (resource: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${resource}`;
const SPEC = new Map(RESOURCE_SPECS.map(s => [s.type, s]));
const TERMINAL = ['Completed', 'Failed', 'Stopped'];

/** Kept = not described again while unchanged; completed jobs apart. */
function kind(r: SageMakerResource): 'kept' | 'completed-job' | 'described' {
  const spec = SPEC.get(r.type)!;
  if (spec.immutable || spec.changeFields) return 'kept';
  if (spec.isJob && TERMINAL.includes(String(r.status))) return 'completed-job';
  return 'described';
}

// Only Date is faked: each scan runs at the time a test sets.
beforeEach(() => {
  jest.useFakeTimers({
    now: T0,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});
afterEach(() => jest.useRealTimers());

async function scannedEstate(config: Record<string, unknown> = {}) {
  const estate = fullEstate();
  const h = await createHarness(estate, {
    // Every rescan here is a full refresh: these tests change the estate
    // without the write events a change-driven rescan would go by (that
    // rescan: changes/). The listing itself is what they look at.
    config: { ...PER_RESOURCE_READS, ...config },
  });
  const first = await h.scan();
  expect(first.status).toBe('succeeded');
  const { items } = await h.store.listResources({ limit: 1000 });
  const arnsOf = (k: ReturnType<typeof kind>) =>
    items.filter(r => kind(r) === k).map(r => r.arn);
  const sagemaker = estate.accounts[0].regions[0].sagemaker;
  /** Calls of the next scan only. */
  const rescanAt = async (at: number) => {
    jest.setSystemTime(at);
    h.calls.length = 0;
    h.simulator.resetCallCounts();
    return h.scan();
  };
  const tagReads = () =>
    h.calls
      .filter(c => c.action === 'sagemaker:ListTags')
      .map(c => String(c.input.ResourceArn));
  return { estate, sagemaker, h, items, arnsOf, rescanAt, tagReads };
}

describe('incremental rescan', () => {
  it('describes models, endpoint configs and unchanged notebooks and endpoints once', async () => {
    const { h, arnsOf, rescanAt, tagReads, sagemaker, estate } =
      await scannedEstate();
    // A role only a model refers to: still read, from the stored description.
    estate.accounts[0].roles!.push({
      role: {
        RoleName: 'model-only',
        Arn: `arn:aws:iam::${ACCOUNT}:role/model-only`,
        AssumeRolePolicyDocument: encodeURIComponent('{"Statement":[]}'),
      },
    });
    sagemaker.model!.push({
      description: {
        ModelName: 'solo',
        ModelArn: arn('model/solo'),
        CreationTime: new Date(T0 - HOUR).toISOString(),
        ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/model-only`,
      },
    });
    await rescanAt(T0 + 60_000);
    const before = await h
      .db('inventory_resources')
      .orderBy('arn')
      .select('arn', 'content_hash', 'updated_at');

    const second = await rescanAt(T0 + 120_000);

    expect(second.status).toBe('succeeded');
    const counts = h.simulator.callCounts;
    for (const action of [
      'DescribeModel',
      'DescribeEndpointConfig',
      'DescribeNotebookInstance',
      'DescribeEndpoint',
      'DescribeDataQualityJobDefinition',
      'DescribeModelQualityJobDefinition',
      'DescribeModelBiasJobDefinition',
      'DescribeModelExplainabilityJobDefinition',
    ]) {
      expect({ action, calls: counts[`sagemaker:${action}`] }).toEqual({
        action,
        calls: undefined,
      });
    }
    // Listed all the same; their tags were not due a minute later.
    expect(counts['sagemaker:ListModels']).toBe(1);
    const kept = arnsOf('kept');
    expect(kept.length).toBeGreaterThanOrEqual(9);
    expect(tagReads().filter(a => kept.includes(a))).toEqual([]);
    // Other types are still described, with their tags.
    expect(counts['sagemaker:DescribeDomain']).toBe(1);
    expect(tagReads()).toContain(arn('domain/d-abc123'));
    // Rows unchanged, seen again, and their references' facts read again.
    const after = await h
      .db('inventory_resources')
      .orderBy('arn')
      .select('arn', 'content_hash', 'updated_at');
    expect(after).toEqual(before);
    for (const resourceArn of kept) {
      expect((await h.store.getResource(resourceArn))?.lastSeenAt).toBe(
        second.targets[0].startedAt,
      );
    }
    // The role only the model refers to, read again (a full refresh).
    expect(
      h.calls.filter(
        c => c.action === 'iam:GetRole' && c.input.RoleName === 'model-only',
      ),
    ).toHaveLength(1);
    const roleRow = await h
      .db('inventory_facts')
      .where({
        kind: 'iam-role',
        key: `arn:aws:iam::${ACCOUNT}:role/model-only`,
      })
      .first();
    expect(roleRow?.last_seen_at).toBe(second.targets[0].startedAt);
    expect(second.targets[0].changeSource?.mode).toBe('full');
  });

  it('describes a notebook or endpoint again when its listing shows a change, and a recreated model', async () => {
    const { h, sagemaker, rescanAt } = await scannedEstate();
    const [, nb2] = sagemaker['notebook-instance']!;
    nb2.description.LastModifiedTime = new Date(T0 + 30_000).toISOString();
    nb2.description.RootAccess = 'Disabled';
    const [endpoint] = sagemaker.endpoint!;
    endpoint.description.EndpointStatus = 'Updating';
    const [model] = sagemaker.model!;
    model.description.CreationTime = new Date(T0 + 30_000).toISOString();
    model.description.EnableNetworkIsolation = false;

    const second = await rescanAt(T0 + 60_000);

    expect(second.status).toBe('succeeded');
    const described = (action: string) =>
      h.calls.filter(c => c.action === action).map(c => c.input);
    expect(described('sagemaker:DescribeNotebookInstance')).toEqual([
      { NotebookInstanceName: 'nb-2' },
    ]);
    expect(described('sagemaker:DescribeEndpoint')).toEqual([
      { EndpointName: 'fraud' },
    ]);
    expect(described('sagemaker:DescribeModel')).toEqual([
      { ModelName: 'fraud-v1' },
    ]);
    expect(described('sagemaker:DescribeEndpointConfig')).toEqual([]);
    expect(
      (await h.store.getResource(arn('notebook-instance/nb-2')))?.description
        .RootAccess,
    ).toBe('Disabled');
    expect((await h.store.getResource(arn('endpoint/fraud')))?.status).toBe(
      'Updating',
    );
    expect(
      (await h.store.getResource(arn('model/fraud-v1')))?.description
        .EnableNetworkIsolation,
    ).toBe(false);
  });

  it('re-reads the tags of every resource not described again once per window', async () => {
    const { h, estate, items, arnsOf, rescanAt, tagReads } =
      await scannedEstate({
        tagRefreshHours: 24,
        completedJobTagRefreshHours: 48,
      });
    const kept = arnsOf('kept');
    const jobs = arnsOf('completed-job');
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    // Tags change on AWS without LastModifiedTime moving.
    for (const region of estate.accounts[0].regions) {
      for (const list of Object.values(region.sagemaker)) {
        for (const r of list ?? []) r.tags = { ...r.tags, owner: 'team-b' };
      }
    }

    const readsPerScan: string[][] = [];
    const statuses = new Set<string>();
    const ownersAfterOneWindow: Record<string, string | undefined> = {};
    for (let hour = 1; hour <= 48; hour++) {
      statuses.add((await rescanAt(T0 + hour * HOUR)).status);
      readsPerScan.push(tagReads());
      for (const resourceArn of hour === 24 ? kept : []) {
        ownersAfterOneWindow[resourceArn] = (
          await h.store.getResource(resourceArn)
        )?.tags.owner;
      }
    }
    expect([...statuses]).toEqual(['succeeded']);
    // Within the window every resource kept has its new tags.
    expect(ownersAfterOneWindow).toEqual(
      Object.fromEntries(kept.map(a => [a, 'team-b'])),
    );
    const times = (resourceArn: string, from: number, to: number) =>
      readsPerScan
        .slice(from, to)
        .flat()
        .filter(a => a === resourceArn).length;
    for (const resourceArn of kept) {
      // Exactly once in each window of hourly scans: spread, not all at once.
      expect({ resourceArn, reads: times(resourceArn, 0, 24) }).toEqual({
        resourceArn,
        reads: 1,
      });
      expect(times(resourceArn, 24, 48)).toBe(1);
    }
    for (const resourceArn of jobs) {
      expect({ resourceArn, reads: times(resourceArn, 0, 48) }).toEqual({
        resourceArn,
        reads: 1,
      });
      expect((await h.store.getResource(resourceArn))?.tags.owner).toBe(
        'team-b',
      );
    }
    // Nothing kept was described again.
    const describedAgain = h.calls.filter(c =>
      /^sagemaker:Describe(Model|EndpointConfig|NotebookInstance|Endpoint)$/.test(
        c.action,
      ),
    );
    expect(describedAgain).toEqual([]);
    expect(items.length).toBeGreaterThan(kept.length + jobs.length);
  }, 60_000);

  it('refreshes everything due after a long pause, and fails closed when a tag read fails', async () => {
    const { h, estate, sagemaker, rescanAt } = await scannedEstate();
    sagemaker.model![0].tags = { 'ml-service': 'renamed' };
    estate.accounts[0].faults = [
      {
        action: 'sagemaker:ListTags',
        target: arn('model/fraud-v1'),
        error: 'AccessDenied',
      },
    ];
    // More than a window later: every kept resource's tags are due.
    const second = await rescanAt(T0 + 25 * HOUR);

    expect(second.status).toBe('partial');
    const model = await h.store.getResource(arn('model/fraud-v1'));
    // The stored tags stay (never erased), the failure is recorded.
    expect(model?.tags['ml-service']).toBe('fraud-model');
    expect(model?.deletedAt).toBeUndefined();
    expect(model?.errors).toEqual([
      expect.objectContaining({
        kind: 'access_denied',
        action: 'sagemaker:ListTags',
        field: 'tags',
      }),
    ]);
    expect(second.targets[0].errors).toContainEqual(
      expect.objectContaining({ action: 'sagemaker:ListTags' }),
    );
    expect(
      h.calls.filter(c => c.action === 'sagemaker:ListTags').length,
    ).toBeGreaterThanOrEqual(9);

    // Once AWS answers again, the resource is read in full.
    estate.accounts[0].faults = [];
    const third = await rescanAt(T0 + 26 * HOUR);
    expect(third.status).toBe('succeeded');
    expect(h.simulator.callCounts['sagemaker:DescribeModel']).toBe(1);
    const healed = await h.store.getResource(arn('model/fraud-v1'));
    expect(healed?.errors).toEqual([]);
    expect(healed?.tags['ml-service']).toBe('renamed');
  });

  it('still marks a resource that left its listing deleted', async () => {
    const { h, sagemaker, rescanAt } = await scannedEstate();
    sagemaker.model = [];
    sagemaker['endpoint-config'] = [];
    sagemaker['training-job'] = sagemaker['training-job']!.filter(
      j => j.description.TrainingJobName !== 'train-done',
    );

    const second = await rescanAt(T0 + 60_000);

    expect(second.status).toBe('succeeded');
    for (const gone of [
      'model/fraud-v1',
      'endpoint-config/fraud-config',
      'training-job/train-done',
    ]) {
      expect((await h.store.getResource(arn(gone)))?.deletedAt).toBe(
        second.targets[0].startedAt,
      );
    }
    const notebook = await h.store.getResource(arn('notebook-instance/nb-1'));
    expect(notebook?.deletedAt).toBeUndefined();
  });

  it('reads related facts while resources are still being listed', async () => {
    const { h, rescanAt } = await scannedEstate();
    await rescanAt(T0 + 25 * HOUR);
    const actions = h.calls.map(c => c.action);
    // Roles one by one, or (a rescan knowing them) the account's details.
    const roleRead = actions.findIndex(
      a => a === 'iam:GetRole' || a === 'iam:GetAccountAuthorizationDetails',
    );
    expect(roleRead).toBeGreaterThanOrEqual(0);
    expect(roleRead).toBeLessThan(actions.lastIndexOf('sagemaker:ListTags'));
    expect(actions.indexOf('cloudtrail:DescribeTrails')).toBeLessThan(
      actions.lastIndexOf('sagemaker:ListTags'),
    );
  });
});
