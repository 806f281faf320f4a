/**
 * Bulk reads through the SDK and the wire-level simulator: SageMaker Search
 * and the Tagging API's GetResources cut the calls, and what is stored is
 * what List, Describe and ListTags store; a bulk read that fails (on a
 * later page too) falls back to the per-resource calls, says so on the
 * target, and never marks a resource deleted from a partial listing.
 */
import type { SageMakerResource } from '@mlsec/plugin-sagemaker-security-common';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness, PER_RESOURCE_READS } from '../__testUtils__/harness';
import { internalError } from '../simulator/awsErrors';
import type { Estate } from '../simulator/estate';

// Scans of 500 more resources, twice: seconds on a loaded machine.
jest.setTimeout(60_000);

const arn = (resource: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${resource}`;

/** The full estate plus `n` more models and completed training jobs, half of them tagged. */
function biggerEstate(n: number): Estate {
  const estate = fullEstate();
  const sm = estate.accounts[0].regions[0].sagemaker;
  const [model] = sm.model!;
  const [job] = sm['training-job']!;
  for (let i = 0; i < n; i++) {
    const tags: Record<string, string> =
      i % 2 === 0 ? { 'ml-service': `svc-${i % 7}` } : {};
    sm.model!.push({
      description: {
        ...model.description,
        ModelName: `m-${i}`,
        ModelArn: arn(`model/m-${i}`),
      },
      tags,
    });
    sm['training-job']!.push({
      description: {
        ...job.description,
        TrainingJobName: `t-${i}`,
        TrainingJobArn: arn(`training-job/t-${i}`),
        CreationTime: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      },
      tags,
    });
  }
  return estate;
}

type Stored = Pick<
  SageMakerResource,
  'arn' | 'type' | 'name' | 'status' | 'createdAt' | 'tags' | 'description'
>;

async function scanned(estate: Estate, bulkReads: boolean) {
  const h = await createHarness(estate, {
    simulator: { pageSize: 100 },
    config: bulkReads ? {} : PER_RESOURCE_READS,
  });
  const scan = await h.scan();
  const { items } = await h.store.listResources({ limit: 5000 });
  const stored: Stored[] = items
    .map(({ arn: a, type, name, status, createdAt, tags, description }) => ({
      arn: a,
      type,
      name,
      status,
      createdAt,
      tags,
      description,
    }))
    .sort((a, b) => a.arn.localeCompare(b.arn));
  const facts = await h
    .db('inventory_facts')
    .select('kind', 'account_id', 'region', 'key', 'data', 'errors')
    .orderBy(['kind', 'account_id', 'region', 'key']);
  return { h, scan, stored, facts };
}

const total = (counts: Record<string, number> = {}) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

describe('bulk reads (Search, the Tagging API)', () => {
  it('store the same descriptions, tags and facts as List, Describe and ListTags, with far fewer calls', async () => {
    // One estate (its times are relative to when it is built), two stores.
    const estate = biggerEstate(250);
    const off = await scanned(estate, false);
    const on = await scanned(estate, true);
    expect([off.scan.status, on.scan.status]).toEqual([
      'succeeded',
      'succeeded',
    ]);
    expect(on.stored.length).toBeGreaterThan(500);
    expect(on.stored).toEqual(off.stored);
    expect(on.facts).toEqual(off.facts);

    const offCalls = off.scan.callCounts!;
    const onCalls = on.scan.callCounts!;
    console.info(
      `bulk reads off: ${total(offCalls)} calls, on: ${total(onCalls)} ` +
        `(Search ${onCalls['sagemaker:Search']}, GetResources ${onCalls['tag:GetResources']}, ` +
        `ListTags ${onCalls['sagemaker:ListTags'] ?? 0} vs ${
          offCalls['sagemaker:ListTags']
        })`,
    );
    // 500 more models and jobs: one ListTags each without bulk reads.
    expect(offCalls['sagemaker:ListTags']).toBeGreaterThan(500);
    // Models' tags come 100 per GetResources page (3 pages: 125 tagged + the estate's).
    expect(onCalls['tag:GetResources']).toBeLessThan(20);
    // Training jobs come 100 per Search page, with their tags...
    // (one List page, the witness Search must cover)
    expect(onCalls['sagemaker:ListTrainingJobs']).toBe(1);
    expect(onCalls['sagemaker:Search']).toBeGreaterThanOrEqual(3);
    // ...described only while running (their record lacks RemoteDebugConfig,
    // which the checks read only then), never ListTags'd.
    const running = estate.accounts
      .flatMap(a => a.regions)
      .flatMap(r => r.sagemaker['training-job'] ?? [])
      .filter(
        j =>
          !['Completed', 'Failed', 'Stopped'].includes(
            String(j.description.TrainingJobStatus),
          ),
      ).length;
    expect(running).toBeGreaterThan(0);
    expect(offCalls['sagemaker:DescribeTrainingJob']).toBeGreaterThan(250);
    expect(onCalls['sagemaker:DescribeTrainingJob']).toBe(running);
    expect(onCalls['sagemaker:ListTags']).toBeLessThan(50);
    // At least the 500 added resources' ListTags are gone.
    expect(total(onCalls)).toBeLessThan(total(offCalls) - 500);
  });

  it('fall back to ListTags when GetResources fails on a later page, and say so', async () => {
    const estate = biggerEstate(250);
    const reference = await scanned(estate, false);
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    h.simulator.intercept(async (call, answer) => {
      if (call.action === 'tag:GetResources' && call.input.PaginationToken) {
        throw internalError('tag');
      }
      return answer();
    });
    const scan = await h.scan();
    const { items } = await h.store.listResources({
      types: ['model'],
      limit: 5000,
    });
    const tags = Object.fromEntries(items.map(i => [i.arn, i.tags]));
    const expected = Object.fromEntries(
      reference.stored
        .filter(r => r.type === 'model')
        .map(r => [r.arn, r.tags]),
    );
    // An emulator gap never becomes wrong tags.
    expect(tags).toEqual(expected);
    expect(scan.callCounts!['sagemaker:ListTags']).toBeGreaterThan(250);
    const [target] = scan.targets;
    expect(target.status).toBe('partial');
    expect(target.errors.filter(e => e.action === 'tag:GetResources')).toEqual([
      expect.objectContaining({
        target: `sagemaker:model in ${ACCOUNT}/${REGION}`,
        message: expect.stringContaining(
          'read with sagemaker:ListTags instead',
        ),
      }),
    ]);
  });

  it('fall back to ListTags when GetResources answers an empty list for a type it does not serve', async () => {
    const estate = biggerEstate(20);
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    h.simulator.intercept(async (call, answer) =>
      call.action === 'tag:GetResources'
        ? { ResourceTagMappingList: [] }
        : answer(),
    );
    const scan = await h.scan();
    const tagged = await h.store.getResource(arn('model/m-0'));
    expect(tagged?.tags).toEqual({ 'ml-service': 'svc-0' });
    expect(
      scan.targets[0].errors.filter(
        e =>
          e.action === 'tag:GetResources' &&
          e.target === `sagemaker:model in ${ACCOUNT}/${REGION}`,
      ),
    ).toEqual([
      expect.objectContaining({
        kind: 'invalid_response',
        message: expect.stringContaining(
          'did not give the tags ListTags gives',
        ),
      }),
    ]);
  });

  it('fall back to List when Search fails part-way, marking deleted only what the complete listing lacks', async () => {
    const estate = biggerEstate(250);
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    expect((await h.scan()).status).toBe('succeeded');
    const sm = estate.accounts[0].regions[0].sagemaker;
    sm['training-job'] = sm['training-job']!.filter(
      j => j.description.TrainingJobName !== 't-3',
    );
    let searchPages = 0;
    h.simulator.intercept(async (call, answer) => {
      if (call.action === 'sagemaker:Search' && call.input.NextToken) {
        searchPages += 1;
        throw internalError('sagemaker');
      }
      return answer();
    });
    const scan = await h.scan();
    expect(searchPages).toBeGreaterThan(0);
    expect(scan.callCounts!['sagemaker:ListTrainingJobs']).toBeGreaterThan(0);
    expect(
      scan.targets[0].errors.filter(e => e.action === 'sagemaker:Search'),
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'read with List, Describe and ListTags instead',
        ),
      }),
    ]);
    const gone = await h.store.getResource(arn('training-job/t-3'));
    expect(gone?.deletedAt).toBeDefined();
    const { items } = await h.store.listResources({
      types: ['training-job'],
      limit: 5000,
    });
    expect(items.length).toBe(251);
  });

  it('fall back to List when Search answers less than List (a filter misread, as moto does)', async () => {
    const estate = biggerEstate(20);
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    // moto 5.2.1 compares a CreationTime GreaterThanOrEqualTo filter as
    // Equals: no job matches, and the answer is a well-formed empty page.
    h.simulator.intercept(async (call, answer) =>
      call.action === 'sagemaker:Search' && call.input.SearchExpression
        ? { Results: [] }
        : answer(),
    );
    const scan = await h.scan();
    const { items } = await h.store.listResources({
      types: ['training-job'],
      limit: 5000,
    });
    expect(items.length).toBe(22);
    expect(
      scan.targets[0].errors.filter(e => e.action === 'sagemaker:Search'),
    ).toEqual([
      expect.objectContaining({
        target: `training-job in ${ACCOUNT}/${REGION}`,
        message: expect.stringContaining(
          'Search did not return 22 of the 22 resources',
        ),
      }),
    ]);
  });

  it('store what Search lists when List cannot witness it, but mark nothing deleted from it', async () => {
    const estate = biggerEstate(5);
    estate.accounts[0].faults = [
      { action: 'sagemaker:ListEndpoints', error: 'AccessDenied' },
    ];
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    const first = await h.scan();
    expect(
      (await h.store.getResource(arn('endpoint/fraud')))?.description
        .EndpointConfigName,
    ).toBe('fraud-config');
    // The List failure stays a failed listing (checks read it).
    expect(
      first.targets[0].errors.filter(
        e => e.action === 'sagemaker:ListEndpoints',
      ),
    ).toEqual([expect.objectContaining({ kind: 'access_denied' })]);
    estate.accounts[0].regions[0].sagemaker.endpoint = [];
    await h.scan();
    expect(
      (await h.store.getResource(arn('endpoint/fraud')))?.deletedAt,
    ).toBeUndefined();
  });

  it('mark nothing deleted when Search and then List fail', async () => {
    const estate = biggerEstate(10);
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    await h.scan();
    estate.accounts[0].regions[0].sagemaker.endpoint = [];
    estate.accounts[0].faults = [
      { action: 'sagemaker:Search', error: 'InternalError' },
      { action: 'sagemaker:ListEndpoints', error: 'AccessDenied' },
    ];
    const scan = await h.scan();
    const endpoint = await h.store.getResource(arn('endpoint/fraud'));
    expect(endpoint?.deletedAt).toBeUndefined();
    expect(endpoint?.description.EndpointStatus).toBe('InService');
    const listing = scan.targets[0].errors.filter(
      e => e.action === 'sagemaker:ListEndpoints',
    );
    expect(listing).toEqual([
      expect.objectContaining({ kind: 'access_denied' }),
    ]);
  });

  it('keep the job look-back window: Search filters on CreationTime as List does', async () => {
    const estate = biggerEstate(5);
    const sm = estate.accounts[0].regions[0].sagemaker;
    const [job] = sm['training-job']!;
    sm['training-job']!.push({
      description: {
        ...job.description,
        TrainingJobName: 'old',
        TrainingJobArn: arn('training-job/old'),
        CreationTime: new Date(Date.now() - 90 * 86_400_000).toISOString(),
      },
      tags: {},
    });
    const h = await createHarness(estate, { simulator: { pageSize: 100 } });
    await h.scan();
    const searches = h.calls.filter(c => c.action === 'sagemaker:Search');
    expect(
      searches.find(c => c.input.Resource === 'TrainingJob')?.input
        .SearchExpression.Filters,
    ).toEqual([
      expect.objectContaining({
        Name: 'CreationTime',
        Operator: 'GreaterThanOrEqualTo',
      }),
    ]);
    expect(await h.store.getResource(arn('training-job/old'))).toBeUndefined();
    expect(await h.store.getResource(arn('training-job/t-4'))).toBeDefined();
  });

  it('rescan: completed jobs are not described again, their tags read with their records', async () => {
    const h = await createHarness(biggerEstate(50), {
      simulator: { pageSize: 100 },
    });
    await h.scan();
    h.simulator.resetCallCounts();
    const second = await h.scan();
    expect(second.status).toBe('succeeded');
    expect(h.simulator.callCounts['sagemaker:DescribeTrainingJob']).toBe(1);
    expect(h.simulator.callCounts['sagemaker:ListTags'] ?? 0).toBeLessThan(20);
  });
});
