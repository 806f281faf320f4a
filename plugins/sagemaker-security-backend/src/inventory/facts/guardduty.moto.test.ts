/**
 * The `guardduty` fact against moto through the GuardDuty SDK client
 * (REST-JSON 1, real HTTP): ListDetectors (paginator), then GetDetector of
 * each detector, with its status and Runtime Monitoring feature as moto
 * stored them; a region without a detector stores an empty list.
 */
import {
  CreateDetectorCommand,
  GuardDutyClient,
} from '@aws-sdk/client-guardduty';
import { sqliteMemory } from '../__testUtils__/harness';
import { useMoto } from '../__testUtils__/moto';
import { endpointsAt, scanOnce } from '../__testUtils__/scanOnce';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const moto = useMoto();

it('reads the detectors of each region, with their status and features', async () => {
  const guardduty = new GuardDutyClient({
    region: 'us-east-1',
    endpoint: moto().url,
    credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
  });
  const enabled = await guardduty.send(
    new CreateDetectorCommand({
      Enable: true,
      Features: [{ Name: 'RUNTIME_MONITORING', Status: 'ENABLED' }],
    }),
  );
  const suspended = await guardduty.send(
    new CreateDetectorCommand({ Enable: false }),
  );
  guardduty.destroy();

  const { scan, inventory } = await scanOnce({
    aws: {
      accounts: [
        { accountId: ACCOUNT, accessKeyId: 'k', secretAccessKey: 's' },
      ],
    },
    sagemakerSecurity: {
      accounts: [{ accountId: ACCOUNT, regions: ['us-east-1', 'eu-west-1'] }],
      aws: { maxAttempts: 2, endpoints: endpointsAt(moto().url) },
    },
    knex: sqliteMemory(),
  });
  expect(scan.targets.map(t => t.status)).not.toContain('failed');
  expect(scan.callCounts?.['guardduty:ListDetectors']).toBe(2);
  expect(scan.callCounts?.['guardduty:GetDetector']).toBe(2);

  const facts = await inventory.store.loadFacts([ACCOUNT]);
  const main = facts.get('guardduty', ACCOUNT, 'us-east-1', '-');
  expect(main?.errors).toEqual([]);
  expect(
    [...(main?.data?.detectors ?? [])].sort((a, b) =>
      a.detectorId.localeCompare(b.detectorId),
    ),
  ).toEqual(
    [
      {
        detectorId: enabled.DetectorId!,
        status: 'ENABLED',
        features: [{ name: 'RUNTIME_MONITORING', status: 'ENABLED' }],
      },
      { detectorId: suspended.DetectorId!, status: 'DISABLED', features: [] },
    ].sort((a, b) => a.detectorId.localeCompare(b.detectorId)),
  );
  expect(facts.get('guardduty', ACCOUNT, 'eu-west-1', '-')).toMatchObject({
    errors: [],
    data: { detectors: [] },
  });
});
