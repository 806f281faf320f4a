/**
 * Bad configuration (issue 9, part 6; issue 14, item 6): the real plugin
 * refuses to start, and the start-up error names the offending key (and
 * leaks no credential written into a value). Keys no package of the suite
 * reads are errors, and numbers out of any sensible range too: both used to
 * start silently. (That the backend process then exits non-zero is shown by
 * packages/backend/src/__tests__/startupFailure.test.ts.)
 */
import type { JsonObject } from '@backstage/types';
import { sqliteMemory } from '../../inventory/__testUtils__/harness';
import { startPluginBackend } from './__testUtils__/pluginBackend';
import { DEMO_ESTATE } from './__testUtils__/stack';

jest.setTimeout(60_000);

const PROD = '111122223333';

/** `sagemakerSecurity` config, and the key its error must name. */
const BAD: Array<[string, JsonObject, string]> = [
  [
    'an account not in the estate',
    {
      demoEstate: DEMO_ESTATE,
      accounts: [{ accountId: '999999999999', regions: ['us-east-1'] }],
    },
    "'sagemakerSecurity.accounts'",
  ],
  [
    'a malformed account ID',
    { accounts: [{ accountId: '1234', regions: ['us-east-1'] }] },
    "'sagemakerSecurity.accounts[0].accountId'",
  ],
  [
    'an account ID given as a number',
    { accounts: [{ accountId: 111122223333, regions: ['us-east-1'] }] },
    "'sagemakerSecurity.accounts[0].accountId'",
  ],
  [
    'an account listed twice',
    {
      regions: ['us-east-1'],
      accounts: [{ accountId: PROD }, { accountId: PROD }],
    },
    "'sagemakerSecurity.accounts[1].accountId'",
  ],
  [
    'an account without regions',
    { accounts: [{ accountId: PROD }] },
    "'sagemakerSecurity.accounts[0].regions'",
  ],
  [
    'a malformed default region',
    { regions: ['us-east-1', 'US East'], accounts: [{ accountId: PROD }] },
    "'sagemakerSecurity.regions[1]'",
  ],
  [
    'a malformed account region',
    { accounts: [{ accountId: PROD, regions: ['mars-north-1x'] }] },
    "'sagemakerSecurity.accounts[0].regions[0]'",
  ],
  [
    'a schedule that is not a cron expression',
    {
      schedule: {
        frequency: { cron: 'every day at noon' },
        timeout: { minutes: 30 },
      },
    },
    "'sagemakerSecurity.schedule.frequency.cron'",
  ],
  [
    'a schedule without a timeout',
    { schedule: { frequency: { hours: 1 } } },
    "'sagemakerSecurity.schedule'",
  ],
  [
    'a schedule of the wrong type',
    { schedule: { frequency: { hours: 'often' }, timeout: { minutes: 5 } } },
    "'sagemakerSecurity.schedule'",
  ],
  [
    'an endpoint that is not a URL',
    { aws: { endpoints: { sagemaker: 'localhost 4566' } } },
    "'sagemakerSecurity.aws.endpoints.sagemaker'",
  ],
  [
    'an endpoint that is not http(s)',
    { aws: { endpoints: { s3: 'ftp://127.0.0.1:4566' } } },
    "'sagemakerSecurity.aws.endpoints.s3'",
  ],
  [
    'an endpoint of an unknown service',
    { aws: { endpoints: { spaceship: 'http://127.0.0.1:4566' } } },
    "'sagemakerSecurity.aws.endpoints.spaceship'",
  ],
  [
    'an endpoint URL with credentials in it',
    {
      aws: { endpoints: { kms: 'http://admin:hunter2-secret@127.0.0.1:4566' } },
    },
    "'sagemakerSecurity.aws.endpoints.kms'",
  ],
  [
    'a retry count of zero',
    { aws: { maxAttempts: 0 } },
    "'sagemakerSecurity.aws.maxAttempts'",
  ],
  [
    'a fractional concurrency',
    { concurrency: { regions: 1.5 } },
    "'sagemakerSecurity.concurrency.regions'",
  ],
  [
    'a negative look-back',
    { jobLookbackDays: -1 },
    "'sagemakerSecurity.jobLookbackDays'",
  ],
  [
    'a look-back that is neither days nor all',
    { jobLookbackDays: 'forever' },
    "'sagemakerSecurity.jobLookbackDays'",
  ],
  [
    'a demo estate that does not exist',
    { demoEstate: '/nonexistent/estate.yaml' },
    "'sagemakerSecurity.demoEstate'",
  ],
  [
    'an unknown-weight above one',
    { demoEstate: DEMO_ESTATE, scoring: { unknownWeight: 2 } },
    'sagemakerSecurity.scoring.unknownWeight',
  ],
  [
    'a negative waiver length',
    { demoEstate: DEMO_ESTATE, waivers: { maxDays: -1 } },
    'sagemakerSecurity.waivers.maxDays',
  ],
];

const schedule = (
  frequency: JsonObject,
  timeout: JsonObject = { minutes: 30 },
) => ({
  frequency,
  timeout,
});

/** Bad configurations the plugin used to start with, silently. */
const ACCEPTED_BEFORE: Array<[string, JsonObject, string]> = [
  [
    'a misspelt top-level key',
    { acounts: [{ accountId: PROD }] },
    "'sagemakerSecurity.acounts'",
  ],
  [
    'an account with `region` for `regions` (the default regions were scanned instead)',
    {
      regions: ['us-east-1'],
      accounts: [{ accountId: PROD, region: 'eu-west-1' }],
    },
    "'sagemakerSecurity.accounts[0].region'",
  ],
  [
    'a misspelt concurrency key',
    { concurrency: { region: 8 } },
    "'sagemakerSecurity.concurrency.region'",
  ],
  [
    'a misspelt retry key',
    { aws: { maxAttempt: 2 } },
    "'sagemakerSecurity.aws.maxAttempt'",
  ],
  [
    'a misspelt scoring key',
    { scoring: { unknownWeigth: 1 } },
    "'sagemakerSecurity.scoring.unknownWeigth'",
  ],
  [
    'a misspelt lease key',
    { scanLease: { expireAftr: '1m' } },
    "'sagemakerSecurity.scanLease.expireAftr'",
  ],
  [
    'a negative schedule frequency',
    { schedule: schedule({ hours: -1 }) },
    "'sagemakerSecurity.schedule.frequency'",
  ],
  [
    'a zero schedule frequency',
    { schedule: schedule({ minutes: 0 }) },
    "'sagemakerSecurity.schedule.frequency'",
  ],
  [
    'a schedule frequency of one second',
    { schedule: schedule({ seconds: 1 }) },
    "'sagemakerSecurity.schedule.frequency'",
  ],
  [
    'a zero schedule timeout',
    { schedule: schedule({ hours: 1 }, { seconds: 0 }) },
    "'sagemakerSecurity.schedule.timeout'",
  ],
  [
    'a schedule timeout of 30 days',
    { schedule: schedule({ hours: 1 }, { days: 30 }) },
    "'sagemakerSecurity.schedule.timeout'",
  ],
  [
    'a negative initial delay',
    { schedule: { ...schedule({ hours: 1 }), initialDelay: { minutes: -5 } } },
    "'sagemakerSecurity.schedule.initialDelay'",
  ],
  [
    'a rate limit of 1e9 requests/s',
    { rateLimits: { sagemakerList: 1e9 } },
    "'sagemakerSecurity.rateLimits.sagemakerList'",
  ],
  [
    'a rate limit of 0.0000001 requests/s',
    { rateLimits: { iam: 0.0000001 } },
    "'sagemakerSecurity.rateLimits.iam'",
  ],
  [
    'a region concurrency of 10,000',
    { concurrency: { regions: 10_000 } },
    "'sagemakerSecurity.concurrency.regions'",
  ],
  [
    'a call concurrency of 10,000',
    { concurrency: { perServiceRegion: 10_000 } },
    "'sagemakerSecurity.concurrency.perServiceRegion'",
  ],
  [
    'a look-back of a million days',
    { jobLookbackDays: 1_000_000 },
    "'sagemakerSecurity.jobLookbackDays'",
  ],
  [
    'a thousand retry attempts',
    { aws: { maxAttempts: 1000 } },
    "'sagemakerSecurity.aws.maxAttempts'",
  ],
  [
    'a tag refresh window of 1e9 hours',
    { tagRefreshHours: 1e9 },
    "'sagemakerSecurity.tagRefreshHours'",
  ],
  [
    'a lease that expires before two heartbeats',
    { scanLease: { heartbeat: { minutes: 1 }, expireAfter: { seconds: 90 } } },
    "'sagemakerSecurity.scanLease.expireAfter'",
  ],
  [
    'a negative lease heartbeat',
    { scanLease: { heartbeat: { seconds: -30 } } },
    "'sagemakerSecurity.scanLease.heartbeat'",
  ],
  [
    'a lease heartbeat without a unit',
    { scanLease: { heartbeat: '30' } },
    "'sagemakerSecurity.scanLease.heartbeat'",
  ],
  [
    'a blank component tag key (links nothing)',
    { linking: { componentTagKey: ' ' } },
    "'sagemakerSecurity.linking.componentTagKey'",
  ],
  [
    'no owner tag keys',
    { linking: { ownerTagKeys: [] } },
    "'sagemakerSecurity.linking.ownerTagKeys'",
  ],
  [
    // The key named once (was: 'sagemakerSecurity.sagemakerSecurity.…').
    'a permission decision cache of a day',
    { permissions: { decisionCacheSeconds: 86400 } },
    "at 'sagemakerSecurity.permissions.decisionCacheSeconds'",
  ],
];

async function startupError(bad: JsonObject): Promise<string> {
  const started = startPluginBackend({
    knex: sqliteMemory(),
    config: { sagemakerSecurity: { scanOnStartup: false, ...bad } },
  });
  const error: Error = await started.then(
    () => {
      throw new Error('the backend started');
    },
    e => e,
  );
  return `${error.message} ${
    (error as { cause?: Error }).cause?.message ?? ''
  }`;
}

describe('bad configuration', () => {
  it.each(ACCEPTED_BEFORE)(
    'fails at start-up on %s, naming the key (was accepted)',
    async (_, bad, key) => {
      expect(await startupError(bad)).toContain(key);
    },
  );

  it.each(BAD)(
    'fails at start-up on %s, naming the key',
    async (_, bad, key) => {
      const text = await startupError(bad);
      expect(text).toContain(key);
      expect(text).not.toContain('hunter2');
    },
  );

  it('starts with a good configuration', async () => {
    const { server } = await startPluginBackend({
      knex: sqliteMemory(),
      config: {
        sagemakerSecurity: {
          demoEstate: DEMO_ESTATE,
          scanOnStartup: false,
          accounts: [{ accountId: PROD, regions: ['eu-west-1'] }],
          schedule: {
            frequency: { cron: '0 * * * *' },
            timeout: { minutes: 30 },
          },
          scanLease: { heartbeat: '10s', expireAfter: { minutes: 2 } },
          concurrency: { regions: 4, perServiceRegion: 8 },
          rateLimits: { sagemakerList: 2.5, iam: 'unlimited' },
          linking: { componentTagKey: 'ml-service', ownerTagKeys: ['team'] },
          // The scaffolder module's section, which it checks itself.
          validate: { failOn: 'high' },
          aws: { endpoints: { sagemaker: 'http://127.0.0.1:4566' } },
        },
      },
    });
    expect(server.listening).toBe(true);
  });
});
