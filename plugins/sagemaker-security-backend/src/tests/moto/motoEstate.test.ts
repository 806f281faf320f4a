/**
 * End to end against moto (issue 12, items 2 and 6): an estate built through
 * the AWS SDK in moto, the real backend plugin configured with documented
 * config only (endpoint overrides and static keys for the account), a scan
 * triggered and read over the plugin's REST API, and the verdict of every
 * (resource, check) pair compared with a table derived by hand
 * (expectations/). moto's gaps that change a verdict are named in
 * expectations/motoGaps.ts. Then a rescan with no changes (same verdicts;
 * its calls ÷ the first scan's calls is the rescan ratio, printed and
 * recorded in docs/benchmarks.md) and a rescan whose second region fails
 * (its last good results stay).
 */
import { sqliteMemory } from '../../inventory/__testUtils__/harness';
import { ACCOUNT, MAIN, SECOND } from './__testUtils__/estate';
import { EXPECTED, expectedPairs, MOTO_GAPS } from './expectations';
import {
  ResourceKey,
  ScanRun,
  Scanner,
  startScanner,
} from './__testUtils__/scanner';
import {
  byService,
  MotoStack,
  startMotoStack,
  total,
} from './__testUtils__/stack';
import {
  mismatches,
  Results,
  statuses,
  uncovered,
} from './__testUtils__/verdicts';

jest.setTimeout(240_000);

/** Listings moto answers with HTTP 500 and an HTML body, in every region. */
const UNIMPLEMENTED_LISTINGS = [
  'sagemaker:ListNotebookInstanceLifecycleConfigs',
  'sagemaker:ListUserProfiles',
  'sagemaker:ListSpaces',
  'sagemaker:ListFeatureGroups',
  'sagemaker:ListMonitoringSchedules',
  'sagemaker:ListInferenceExperiments',
  // moto has no MLflow API at all (Create, Describe and List answer 500): the
  // mlflow-tracking-server and mlflow-app types are covered through the
  // wire-level simulator (the demo estate) instead.
  'sagemaker:ListMlflowTrackingServers',
  'sagemaker:ListMlflowApps',
  // Nor Studio lifecycle configurations (Create, Describe and List answer
  // 500, tried against moto 5.2.1): the studio-lifecycle-config type, like
  // spaces, is covered through the wire-level simulator (the demo estate).
  'sagemaker:ListStudioLifecycleConfigs',
  // No flow definition API (Create, Describe and List answer 500): human
  // review workflows are covered through the wire-level simulator (the demo
  // estate) instead. AutoML (V2) and compilation jobs are in the estate.
  'sagemaker:ListFlowDefinitions',
  // moto 5.2.1 has no Partner AI App or inference component API (List,
  // Create and Describe answer 500, "The list_partner_apps action has not
  // been implemented"): the partner-app and inference-component types are
  // covered through the wire-level simulator (the demo estate) instead.
  'sagemaker:ListPartnerApps',
  'sagemaker:ListInferenceComponents',
  // Nor images or app image configurations (List, Create and Describe answer
  // 500, "The list_images action has not been implemented", tried against
  // moto 5.2.1): the image and app-image-config types are covered through
  // the wire-level simulator (the demo estate) instead.
  'sagemaker:ListAppImageConfigs',
  'sagemaker:ListImages',
];

/** Actions whose count in the plugin's scan differs from the requests on the wire. */
function unmatchedCounts(run: ScanRun, wire: Record<string, number>) {
  const failed = new Set([
    ...run.targets.flatMap(target => target.errors.map(error => error.action)),
    // Event history moto cannot answer: the reason of the fallback.
    ...run.targets.flatMap(target =>
      target.changeSource?.mode === 'fallback' &&
      /cloudtrail:LookupEvents/.test(target.changeSource.reason ?? '')
        ? ['cloudtrail:LookupEvents']
        : [],
    ),
  ]);
  return Object.entries(run.callCounts ?? {})
    .filter(([action, count]) => !failed.has(action) && wire[action] !== count)
    .map(
      ([action, count]) => `${action}: ${count} counted, ${wire[action]} sent`,
    );
}

describe('a scan of an estate in moto, through the real plugin', () => {
  let stack: MotoStack;
  let scanner: Scanner;
  let first: ScanRun;
  let results: Results;

  beforeAll(async () => {
    stack = await startMotoStack();
    scanner = await startScanner({
      endpoint: stack.proxy.url,
      regions: [MAIN, SECOND],
      knex: sqliteMemory(),
      // The hand-derived table is of List, Describe and ListTags; the same
      // verdicts with bulk reads: motoBulkReads.test.ts.
      bulkReads: false,
    });
    first = await scanner.scan();
    results = await scanner.results();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('collects both regions and records what moto cannot answer as errors, never as "none"', () => {
    expect(first.targets.map(t => [t.accountId, t.region]).sort()).toEqual([
      [ACCOUNT, SECOND],
      [ACCOUNT, MAIN],
    ]);
    for (const target of first.targets) {
      // Partial, not succeeded: the listings above could not be read.
      expect(target.status).toBe('partial');
      const failedListings = target.errors
        .filter(e => e.kind === 'invalid_response')
        .map(e => e.action);
      expect(failedListings).toEqual(
        expect.arrayContaining(UNIMPLEMENTED_LISTINGS),
      );
      // Nothing was denied or throttled: the proxy forwarded everything.
      expect(target.errors.map(e => e.kind)).not.toContain('access_denied');
      expect(target.errors.map(e => e.kind)).not.toContain('throttled');
    }
    expect(stack.proxy.log.faults).toEqual([]);
    expect(unmatchedCounts(first, stack.proxy.log.forwarded)).toEqual([]);
    // The first scan reads every fact; event history is not asked.
    expect(first.targets.map(t => t.changeSource?.mode)).toEqual([
      'full',
      'full',
    ]);
    expect(first.callCounts?.['cloudtrail:LookupEvents']).toBeUndefined();
  });

  it('collects every resource of the estate it can list, and nothing else', () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives the hand-derived verdict of every (resource, check) pair', () => {
    const pairs = expectedPairs();
    const gaps = pairs.filter(p => typeof p.expected !== 'string');
    console.info(
      `moto ${stack.moto.version}: ${pairs.length} (resource, check) pairs asserted ` +
        `(${gaps.length} of them changed by ${
          Object.keys(MOTO_GAPS).length
        } documented moto gaps); ` +
        `${uncovered(results).length} served pairs not in the table.`,
    );
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(mismatches(results)).toEqual([]);
  });

  it('records GetModelPackageGroupPolicy (HTTP 500 in moto) as an error, and the policy checks say unknown naming it', () => {
    const action = 'sagemaker:GetModelPackageGroupPolicy';
    const recorded = first.targets
      .flatMap(target => target.errors)
      .filter(error => error.action === action);
    expect(
      recorded.map(error => [error.target?.split('/').pop(), error.field]),
    ).toEqual(
      expect.arrayContaining([
        ['mpg-fraud', 'ResourcePolicy'],
        ['mpg-untagged', 'ResourcePolicy'],
      ]),
    );
    // A server error is not "no policy".
    expect(recorded.map(error => error.kind)).not.toContain('not_found');
    for (const group of ['mpg-fraud', 'mpg-untagged']) {
      for (const check of [
        'model-package-group-policy-not-public',
        'model-package-group-policy-no-external-accounts',
        'model-package-group-policy-no-wildcard-actions',
      ]) {
        const result = results.get(`model-package-group ${group}`)?.get(check);
        expect([group, check, result?.status, result?.missing]).toEqual([
          group,
          check,
          'unknown',
          expect.arrayContaining([action]),
        ]);
      }
    }
  });

  it('rescans with no changes to the same verdicts, with fewer calls (the rescan ratio)', async () => {
    const wireBefore = { ...stack.proxy.log.forwarded };
    const rescan = await scanner.scan();
    const wire = Object.fromEntries(
      Object.entries(stack.proxy.log.forwarded).map(([action, count]) => [
        action,
        count - (wireBefore[action] ?? 0),
      ]),
    );
    const again = await scanner.results();
    expect(statuses(again)).toEqual(statuses(results));
    expect(rescan.targets.map(t => t.status)).toEqual(
      first.targets.map(t => t.status),
    );
    // moto has no LookupEvents: the rescan falls back to reading every
    // fact, says why, and the scan is not failed for it.
    for (const target of rescan.targets) {
      expect(target.changeSource?.mode).toBe('fallback');
      expect(target.changeSource?.reason).toMatch(
        /^cloudtrail:LookupEvents in [\w-]+ failed/,
      );
      expect(target.errors.map(e => e.action)).not.toContain(
        'cloudtrail:LookupEvents',
      );
    }
    expect(rescan.callCounts?.['cloudtrail:LookupEvents']).toBeGreaterThan(0);

    // The plugin's own call counts are what reached the wire: the proxy
    // forwarded exactly those requests, but for the calls that failed (the
    // SDK retries moto's HTTP 500s).
    expect(unmatchedCounts(rescan, wire)).toEqual([]);
    const firstCalls = total(first.callCounts);
    const rescanCalls = total(rescan.callCounts);
    const ratio = rescanCalls / firstCalls;
    const firstBy = byService(first.callCounts);
    const rescanBy = byService(rescan.callCounts);
    const perService = Object.keys(firstBy)
      .sort()
      .map(s => `${s} ${rescanBy[s] ?? 0}/${firstBy[s]}`)
      .join(', ');
    console.info(
      `rescan ratio ${ratio.toFixed(
        3,
      )} (${rescanCalls} calls ÷ ${firstCalls}; by service: ${perService}); ` +
        `HTTP requests with the SDK's retries: ${total(wire)} ÷ ${total(
          wireBefore,
        )}`,
    );
    expect(firstCalls).toBeGreaterThan(100);
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(1);
    // Immutable resources and completed jobs are not described again.
    expect(rescan.callCounts?.['sagemaker:DescribeModel']).toBeUndefined();
    expect(
      rescan.callCounts?.['sagemaker:DescribeTrainingJob'],
    ).toBeUndefined();
    // Compilation jobs spell their terminal status in capitals (COMPLETED).
    expect(
      rescan.callCounts?.['sagemaker:DescribeCompilationJob'],
    ).toBeUndefined();
  });

  it('keeps the last good results of a region whose scan fails, and says it failed', async () => {
    const before = statuses(await scanner.results());
    stack.proxy.setRules([{ fault: 'Reset', region: SECOND }]);
    try {
      const run = await scanner.scan();
      const down = run.targets.find(t => t.region === SECOND)!;
      expect(down.status).toBe('failed');
      expect(down.errors.length).toBeGreaterThan(0);
      expect(down.errors[0].message).toMatch(/ECONNRESET|socket hang up/);
      expect(down.errors.map(e => e.kind)).not.toContain('access_denied');
      expect(run.targets.find(t => t.region === MAIN)!.status).toBe('partial');
      expect(run.status).toBe('partial');
      const after = statuses(await scanner.results());
      const eu: ResourceKey = `notebook-instance nb-eu (${SECOND})`;
      const ofEu = (all: Record<string, string>) =>
        Object.entries(all).filter(([key]) => key.startsWith(eu));
      expect(ofEu(after).length).toBe(Object.keys(EXPECTED[eu]).length);
      expect(ofEu(after)).toEqual(ofEu(before));
      expect(after).toEqual(before);
    } finally {
      stack.proxy.setRules([]);
    }
  });
});
