/**
 * Bad configuration (issue 9, part 6): the real plugin refuses to start, and
 * the start-up error names the offending key (and leaks no credential
 * written into a value).
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

describe('bad configuration', () => {
  it.each(BAD)(
    'fails at start-up on %s, naming the key',
    async (_, bad, key) => {
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
      const text = `${error.message} ${
        (error as { cause?: Error }).cause?.message ?? ''
      }`;
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
          aws: { endpoints: { sagemaker: 'http://127.0.0.1:4566' } },
        },
      },
    });
    expect(server.listening).toBe(true);
  });
});
