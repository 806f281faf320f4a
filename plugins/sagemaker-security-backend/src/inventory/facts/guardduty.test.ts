/**
 * The `guardduty` fact, collected through the real GuardDuty SDK client
 * (REST-JSON 1) with the simulator as its HTTP transport, and the check
 * judging it: paging, an enabled detector, a denied list and a denied
 * detector read (fail closed: unknown naming the action).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { CheckEngine } from '../../checks/CheckEngine';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { DatabaseHistoryStore } from '../../history/DatabaseHistoryStore';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness } from '../__testUtils__/harness';
import type { Estate } from '../simulator/estate';

jest.setTimeout(60_000);

const CHECK = 'guardduty-enabled-in-region';

async function scanAndJudge(estate: Estate, pageSize?: number) {
  const h = await createHarness(estate, {
    ...(pageSize ? { simulator: { pageSize } } : {}),
  });
  const scan = await h.scan();
  const fact = (await h.store.loadFacts([ACCOUNT])).get(
    'guardduty',
    ACCOUNT,
    REGION,
    '-',
  );
  const results = new DatabaseResultStore(h.db);
  await new CheckEngine({
    inventory: h.store,
    checks: defaultChecks,
    results,
    history: new DatabaseHistoryStore(h.db),
    logger: mockServices.logger.mock(),
  }).evaluateNow();
  const judged = (await results.listResults({})).filter(
    r => r.checkId === CHECK,
  );
  return { h, scan, fact, judged };
}

const withDetectors = (
  detectors: NonNullable<
    Estate['accounts'][number]['regions'][number]['guardDutyDetectors']
  >,
) => {
  const estate = fullEstate();
  estate.accounts[0].regions[0].guardDutyDetectors = detectors;
  return estate;
};

describe('guardduty fact', () => {
  it('lists every detector page by page and reads each one', async () => {
    const { h, scan, fact, judged } = await scanAndJudge(
      withDetectors([
        { DetectorId: 'suspended', Status: 'DISABLED', Features: [] },
        {
          DetectorId: 'active',
          Status: 'ENABLED',
          Features: [
            { Name: 'RUNTIME_MONITORING', Status: 'ENABLED' },
            { Name: 'S3_DATA_EVENTS', Status: 'DISABLED' },
          ],
        },
      ]),
      1,
    );
    expect(scan.status).toBe('succeeded');
    expect(h.simulator.callCounts['guardduty:ListDetectors']).toBe(2);
    expect(h.simulator.callCounts['guardduty:GetDetector']).toBe(2);
    expect(fact).toMatchObject({ errors: [] });
    expect(fact?.data).toEqual({
      detectors: [
        { detectorId: 'suspended', status: 'DISABLED', features: [] },
        {
          detectorId: 'active',
          status: 'ENABLED',
          features: [
            { name: 'RUNTIME_MONITORING', status: 'ENABLED' },
            { name: 'S3_DATA_EVENTS', status: 'DISABLED' },
          ],
        },
      ],
    });
    expect(judged.length).toBeGreaterThan(0);
    expect(new Set(judged.map(r => r.status))).toEqual(new Set(['pass']));
  });

  it('stores an empty list when GuardDuty is off: the check fails', async () => {
    const { fact, judged } = await scanAndJudge(withDetectors([]));
    expect(fact?.data).toEqual({ detectors: [] });
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.every(r => r.status === 'fail')).toBe(true);
    expect(judged[0].message).toContain(`no detector in ${REGION}`);
  });

  it('ListDetectors denied: no data, the error names the action, the check is unknown', async () => {
    const estate = fullEstate();
    estate.accounts[0].faults = [
      { action: 'guardduty:ListDetectors', error: 'AccessDenied' },
    ];
    const { scan, fact, judged } = await scanAndJudge(estate);
    expect(scan.status).toBe('partial');
    expect(fact?.data).toBeUndefined();
    expect(fact?.errors).toEqual([
      expect.objectContaining({
        kind: 'access_denied',
        action: 'guardduty:ListDetectors',
        code: 'AccessDeniedException',
      }),
    ]);
    expect(judged.length).toBeGreaterThan(0);
    for (const result of judged) {
      expect(result).toMatchObject({
        status: 'unknown',
        missing: ['guardduty:ListDetectors'],
      });
    }
  });

  it('GetDetector denied: the detector is kept without a status, the check is unknown', async () => {
    const estate = fullEstate();
    estate.accounts[0].faults = [
      { action: 'guardduty:GetDetector', error: 'AccessDenied' },
    ];
    const { fact, judged } = await scanAndJudge(estate);
    expect(fact?.data?.detectors).toEqual([
      { detectorId: '12abc34d567e8fa901bc2d34e56789f0' },
    ]);
    expect(fact?.errors).toEqual([
      expect.objectContaining({
        kind: 'access_denied',
        action: 'guardduty:GetDetector',
      }),
    ]);
    for (const result of judged) {
      expect(result).toMatchObject({
        status: 'unknown',
        missing: ['guardduty:GetDetector'],
      });
    }
  });
});
