/**
 * Bulk reads end to end against moto (issue 17, item 1): the same estate
 * scanned by two backends, one with `inventory.bulkReads: false` (List,
 * Describe and ListTags) and one with the default (SageMaker Search and the
 * Tagging API where the cost model prefers them). The verdicts and the tags
 * (what links a resource to its ML service) must be the same; what moto
 * does not serve must fall back, recorded on the target, never becoming
 * wrong data. moto's Search serves training jobs, endpoints, feature
 * groups, pipelines and model packages and their groups; it compares a
 * CreationTime GreaterThanOrEqualTo filter as Equals (no job matches), and
 * answers ListFeatureGroups with HTTP 500, so a feature group can be read
 * only through Search.
 */
import { sqliteMemory } from '../../inventory/__testUtils__/harness';
import { MAIN, SECOND } from './__testUtils__/estate';
import { ScanRun, Scanner, startScanner } from './__testUtils__/scanner';
import { MotoStack, startMotoStack, total } from './__testUtils__/stack';
import { Results, statuses } from './__testUtils__/verdicts';

jest.setTimeout(300_000);

interface Side {
  scanner: Scanner;
  run: ScanRun;
  results: Results;
  tags: Record<string, Record<string, string>>;
  /** The demo ML service the estate's `ml-service` tags name, as its Security tab reads it. */
  service: {
    resources: Array<{ arn: string; grade: string; score: number }>;
    grade: string;
    counts: Record<string, number>;
  };
}

const SERVICE = 'component:default/fraud-scoring';

async function side(stack: MotoStack, bulkReads: boolean): Promise<Side> {
  const scanner = await startScanner({
    endpoint: stack.proxy.url,
    regions: [MAIN, SECOND],
    knex: sqliteMemory(),
    bulkReads,
  });
  const run = await scanner.scan();
  const results = await scanner.results();
  const page = await scanner.get('/inventory/resources?limit=500');
  const tags = Object.fromEntries(
    (page.items as Array<{ arn: string; tags: Record<string, string> }>).map(
      item => [item.arn, item.tags],
    ),
  );
  const card = await scanner.get(
    `/scorecards/entity?entityRef=${encodeURIComponent(SERVICE)}`,
  );
  const service = {
    resources: (
      card.resources as Array<{
        arn: string;
        score: { grade: string; score: number };
      }>
    )
      .map(r => ({ arn: r.arn, grade: r.score.grade, score: r.score.score }))
      .sort((a, b) => a.arn.localeCompare(b.arn)),
    grade: card.score.grade,
    counts: card.score.counts,
  };
  return { scanner, run, results, tags, service };
}

const bulkErrors = (run: ScanRun) =>
  run.targets.flatMap(t =>
    t.errors
      .filter(
        e => e.action === 'sagemaker:Search' || e.action.startsWith('tag:'),
      )
      .map(e => ({ region: t.region, ...e })),
  );

describe('bulk reads against moto: the same verdicts and tags as per-resource reads', () => {
  let stack: MotoStack;
  let off: Side;
  let on: Side;

  beforeAll(async () => {
    stack = await startMotoStack();
    off = await side(stack, false);
    on = await side(stack, true);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('gives every resource the same verdicts, and adds the feature group only Search can list', () => {
    const added = [...on.results.keys()].filter(k => !off.results.has(k));
    const lost = [...off.results.keys()].filter(k => !on.results.has(k));
    expect({ added, lost }).toEqual({
      added: ['feature-group fg-unlisted'],
      lost: [],
    });
    const onStatuses = statuses(on.results);
    const offStatuses = statuses(off.results);
    const differing = Object.keys(offStatuses).filter(
      pair => onStatuses[pair] !== offStatuses[pair],
    );
    expect(differing).toEqual([]);
    expect(Object.keys(offStatuses).length).toBeGreaterThan(900);
  });

  it('stores the same tags (what links a resource to its ML service)', () => {
    const common = Object.keys(off.tags).filter(arn => arn in on.tags);
    expect(common.length).toBe(Object.keys(off.tags).length);
    expect(Object.fromEntries(common.map(a => [a, on.tags[a]]))).toEqual(
      off.tags,
    );
    // The feature group's tags: moto serves them only through Search.
    const fg = Object.keys(on.tags).find(a => a.includes(':feature-group/'));
    expect(Object.keys(on.tags[fg!]).length).toBeGreaterThan(0);
  });

  it('links the same resources to the ML service, with the same grades', () => {
    // The catalog holds the demo ML services; the estate tags its
    // inference resources `ml-service=fraud-scoring`.
    // Only the feature group Search alone lists (see above) is added.
    expect(off.service.resources.length).toBeGreaterThan(2);
    expect(
      on.service.resources.filter(r => !r.arn.endsWith('/fg-unlisted')),
    ).toEqual(off.service.resources);
    expect(
      on.service.resources.filter(r => r.arn.endsWith('/fg-unlisted')),
    ).toHaveLength(1);
  });

  it('records what moto does not serve as a fallback, and reads it the per-resource way', () => {
    const errors = bulkErrors(on.run);
    console.info(
      `moto bulk-read fallbacks: ${JSON.stringify(
        errors.map(e => [e.region, e.action, e.target, e.message]),
      )}`,
    );
    // Every fallback says what was read instead (the tags compared above
    // show it was read right), e.g. GetResources(sagemaker:endpoint-config)
    // answering HTTP 500 in moto 5.2.1.
    for (const error of errors) {
      expect(error.message).toMatch(
        /read with (sagemaker:ListTags|List, Describe and ListTags) instead\.$/,
      );
    }
    // The CreationTime filter misread: List's first page is not in Search's
    // (the estate's training jobs are in the main region).
    expect(
      errors.filter(
        e =>
          e.region === MAIN &&
          e.action === 'sagemaker:Search' &&
          e.target?.startsWith('training-job'),
      ),
    ).toEqual([
      expect.objectContaining({
        kind: 'invalid_response',
        message: expect.stringMatching(
          /Search did not return \d+ of the \d+ resources.*read with List, Describe and ListTags instead\.$/,
        ),
      }),
    ]);
    // ListFeatureGroups still fails (a failed listing checks read), though
    // Search listed the feature group.
    for (const target of on.run.targets) {
      expect(target.errors.map(e => e.action)).toContain(
        'sagemaker:ListFeatureGroups',
      );
    }
  });

  it('reads with fewer per-resource calls', () => {
    const offCalls = off.run.callCounts ?? {};
    const onCalls = on.run.callCounts ?? {};
    console.info(
      `moto calls, bulk reads off: ${total(offCalls)} (ListTags ${
        offCalls['sagemaker:ListTags']
      }); on: ${total(onCalls)} (ListTags ${
        onCalls['sagemaker:ListTags'] ?? 0
      }, Search ${onCalls['sagemaker:Search']}, GetResources ${
        onCalls['tag:GetResources']
      })`,
    );
    expect(onCalls['sagemaker:Search']).toBeGreaterThan(0);
    expect(onCalls['tag:GetResources']).toBeGreaterThan(0);
    expect(onCalls['sagemaker:ListTags'] ?? 0).toBeLessThan(
      offCalls['sagemaker:ListTags'],
    );
  });
});
