/**
 * Fault injection on the wire (issue 9, part 1; issue 12): throttling on 30%
 * of attempts, bursts of 5xx, single denied calls, an unreachable region,
 * a failing role assumption and malformed answers. Every scan completes,
 * no result whose inputs failed is `pass` (checked over every stored result
 * by the oracle in __testUtils__/oracle.ts), the scan says what was partial, and
 * the previous good results of failed targets stay served, marked stale.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import type { Knex } from 'knex';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import type { StoredResult } from '../../checks/ResultStore';
import { sqliteMemory } from '../../inventory/__testUtils__/harness';
import { ChaosPlan, createChaos } from './__testUtils__/chaos';
import { CORRUPTIONS } from './__testUtils__/corruptions';
import { CleanInventory, judge, loadInventory } from './__testUtils__/oracle';
import { createStack, demoEntities, demoEstate } from './__testUtils__/stack';

jest.setTimeout(60_000);

const PROD = '111122223333';
const DEV = '444455556666';
const key = (r: { resourceArn: string; checkId: string }) =>
  `${r.resourceArn}|${r.checkId}`;

async function resultsOf(knex: Knex): Promise<Map<string, StoredResult>> {
  const results = await new DatabaseResultStore(knex).listResults({});
  return new Map(results.map(r => [key(r), r]));
}

/** Single calls answered AccessDenied: details, a listing, facts. */
const DENIED_ONCE: ChaosPlan['denyOnce'] = [
  { action: 'sagemaker:DescribeEndpoint', target: 'fraud-scoring' },
  { action: 'sagemaker:DescribeNotebookInstance' },
  { action: 'sagemaker:ListTags' },
  { action: 'sagemaker:ListMonitoringSchedules' },
  { action: 'iam:GetRolePolicy' },
  { action: 'iam:ListAttachedRolePolicies' },
  { action: 'kms:GetKeyPolicy' },
  { action: 's3:GetBucketPolicy' },
  { action: 's3:GetBucketPublicAccessBlock' },
  { action: 'ec2:DescribeSubnets' },
  { action: 'ec2:DescribeVpcEndpoints' },
  { action: 'cloudtrail:GetEventSelectors' },
  { action: 'cloudwatch:DescribeAlarms' },
  { action: 'logs:DescribeLogGroups' },
  { action: 'guardduty:GetDetector' },
];

function everyOther(): ChaosPlan['corrupt'] {
  return Object.fromEntries(
    Object.entries(CORRUPTIONS).map(([action, corruption]) => [
      action,
      { every: 2, corruption },
    ]),
  );
}

describe('fault injection at the SDK transport', () => {
  let clean: {
    results: Map<string, StoredResult>;
    inventory: CleanInventory;
  };

  beforeAll(async () => {
    const knex = sqliteMemory();
    const stack = await createStack({ knex, estate: await demoEstate() });
    const scan = await stack.scan();
    // The demo estate has two faults of its own.
    if (scan.status !== 'partial')
      throw new Error(`clean scan: ${scan.status}`);
    const loaded = await loadInventory(stack.inventory.store);
    const results = await resultsOf(knex);
    clean = {
      results,
      inventory: {
        facts: loaded.facts,
        resources: loaded.lookup,
        statuses: new Map([...results].map(([k, r]) => [k, r.status])),
      },
    };
    if (clean.results.size < 1000)
      throw new Error('clean scan: too few results');
  });

  it.each([2, 11, 23, 37, 59])(
    'seed %i: the scan completes and no result whose inputs failed is pass',
    async seed => {
      const knex = sqliteMemory();
      const chaos = createChaos({
        seed,
        throttleRate: 0.3,
        serverErrorBursts: { probability: 0.03, length: 4 },
        denyOnce: DENIED_ONCE,
        unreachable: [{ accountId: DEV, region: 'eu-west-1' }],
        corrupt: everyOther(),
      });
      const stack = await createStack({
        knex,
        estate: await demoEstate(),
        intercept: chaos.intercept,
      });
      const scan = await stack.scan();

      // Every fault kind really happened.
      const { log } = chaos;
      const reachedThrottle =
        log.attempts - log.unreachable - log.serverErrors - log.denied.length;
      // 30% of some 400 attempts; calls interleave, so the draws vary a little.
      expect(log.throttled / reachedThrottle).toBeGreaterThan(0.2);
      expect(log.throttled / reachedThrottle).toBeLessThan(0.4);
      expect(log.serverErrors).toBeGreaterThan(0);
      expect(log.unreachable).toBeGreaterThan(0);
      // A denied call may not be made at all when its listing failed first.
      expect(log.denied.length).toBeGreaterThanOrEqual(DENIED_ONCE!.length - 3);
      expect(Object.keys(log.corrupted).length).toBeGreaterThanOrEqual(7);

      // The scan completed and says what was partial.
      expect(scan.status).toBe('partial');
      expect(scan.finishedAt).toBeDefined();
      const down = scan.targets.find(
        t => t.accountId === DEV && t.region === 'eu-west-1',
      )!;
      expect(down.status).toBe('failed');
      expect(down.errors[0].message).toContain('ECONNREFUSED');
      const errors = scan.targets.flatMap(t => t.errors);
      for (const { action } of log.denied) {
        expect(errors).toContainEqual(
          expect.objectContaining({ kind: 'access_denied', action }),
        );
      }
      expect(errors).toContainEqual(
        expect.objectContaining({ kind: 'invalid_response' }),
      );
      // The other targets were collected, with what failed listed.
      const others = scan.targets.filter(t => t !== down);
      expect(others.map(t => t.status)).not.toContain('failed');
      expect(others.filter(t => t.status === 'partial').length).toBeGreaterThan(
        1,
      );

      // The oracle, over every stored result.
      const results = [...(await resultsOf(knex)).values()];
      const verdicts = new Map(
        (
          await judge(stack.inventory.store, defaultChecks, clean.inventory)
        ).map(v => [key(v), v]),
      );
      const taintedPasses: string[] = [];
      const changedNotUnknown: string[] = [];
      for (const result of results) {
        const verdict = verdicts.get(key(result));
        // The oracle judged exactly what the engine evaluated.
        expect({ key: key(result), status: verdict?.status }).toEqual({
          key: key(result),
          status: result.status,
        });
        if (result.status === 'pass' && verdict!.passRestsOnFailedData) {
          taintedPasses.push(`${key(result)}: ${verdict!.taint.join('; ')}`);
        }
        const before = clean.results.get(key(result))!;
        if (result.status !== before.status && result.status !== 'unknown') {
          changedNotUnknown.push(
            `${key(result)}: ${before.status} -> ${result.status} (${
              result.message
            })`,
          );
        }
      }
      expect(taintedPasses).toEqual([]);
      expect(changedNotUnknown).toEqual([]);

      // The assertions had something to bite on.
      const tainted = [...verdicts.values()].filter(v => v.taint.length > 0);
      expect(tainted.length).toBeGreaterThan(100);
      expect(results.filter(r => r.status === 'pass').length).toBeGreaterThan(
        150,
      );
      expect(
        results.filter(r => r.status === 'unknown').length,
      ).toBeGreaterThan(
        [...clean.results.values()].filter(r => r.status === 'unknown').length,
      );
      // Nothing of the unreachable region was invented.
      expect(
        results.filter(r => r.accountId === DEV && r.region === 'eu-west-1'),
      ).toEqual([]);
    },
  );

  it('keeps the last good results of failed targets, marked stale with their time', async () => {
    const knex = sqliteMemory();
    const good = await createStack({ knex, estate: await demoEstate() });
    await good.scan();
    const before = await resultsOf(knex);

    const estate = await demoEstate();
    estate.accounts.find(a => a.accountId === DEV)!.assumeRoleFails = true;
    const chaos = createChaos({
      seed: 5,
      throttleRate: 0.3,
      unreachable: [{ accountId: PROD, region: 'eu-west-1' }],
    });
    const faulty = await createStack({
      knex,
      estate,
      intercept: chaos.intercept,
    });
    const scan = await faulty.scan();

    expect(scan.status).toBe('partial');
    const byTarget = Object.fromEntries(
      scan.targets.map(t => [`${t.accountId}/${t.region}`, t]),
    );
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect(byTarget[`${DEV}/${region}`]).toMatchObject({
        status: 'failed',
        errors: [
          expect.objectContaining({
            // A refused role assumption: no credentials (issue 12, defect 2).
            kind: 'credentials_unavailable',
            action: 'sts:AssumeRole',
          }),
        ],
      });
    }
    expect(byTarget[`${PROD}/eu-west-1`].status).toBe('failed');
    expect(byTarget[`${PROD}/us-east-1`].status).not.toBe('failed');

    const after = await resultsOf(knex);
    const failed = (r: StoredResult) =>
      r.accountId === DEV || r.region === 'eu-west-1';
    const kept = [...before.values()].filter(failed);
    expect(kept.length).toBeGreaterThan(300);
    // Identical, evaluation time included: the time of the last good scan.
    expect([...after.values()].filter(failed)).toEqual(kept);
    const reevaluated = [...after.values()].filter(r => !failed(r));
    expect(reevaluated.length).toBeGreaterThan(300);
    for (const r of reevaluated) {
      expect(r.evaluatedAt > kept[0].evaluatedAt).toBe(true);
    }

    // The scorecard serves them, says they are stale and since when.
    const entity = demoEntities().find(
      e => e.metadata.name === 'mortgage-affordability',
    )!;
    const card = await faulty.scorecard.scorecards.entityScorecard(
      entity,
      mockCredentials.user(),
    );
    expect(card.stale).toBe(true);
    expect(card.lastScan).toMatchObject({ scanId: scan.id, status: 'partial' });
    const euResults = card.results.filter(r => r.region === 'eu-west-1');
    expect(euResults.length).toBeGreaterThan(10);
    for (const r of euResults) {
      expect(r.evaluatedAt).toBe(kept[0].evaluatedAt);
      expect(r.evaluatedAt < scan.startedAt).toBe(true);
    }
    // An entity whose resources were all collected again is current.
    const current = demoEntities().find(
      e => e.metadata.name === 'credit-risk-model',
    )!;
    const fresh = await faulty.scorecard.scorecards.entityScorecard(
      current,
      mockCredentials.user(),
    );
    expect(fresh.resources.length).toBeGreaterThan(0);
    expect(
      fresh.resources.every(
        r => r.accountId === PROD && r.region === 'us-east-1',
      ),
    ).toBe(true);
    expect(fresh.stale).toBe(false);
    expect(fresh.evaluatedAt! > scan.startedAt).toBe(true);
  });
});
