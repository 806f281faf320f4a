import { ConfigReader } from '@backstage/config';
import { assertAccountsKnown, readInventoryConfig } from './inventoryConfig';

const read = (sagemakerSecurity: object) =>
  readInventoryConfig(new ConfigReader({ sagemakerSecurity }));

describe('readInventoryConfig', () => {
  it('reads targets, defaults and overrides', () => {
    const config = read({
      regions: ['us-east-1', 'eu-west-1'],
      accounts: [
        { accountId: '111111111111' },
        { accountId: '222222222222', regions: ['us-gov-west-1'] },
      ],
      jobLookbackDays: 'all',
      concurrency: { perServiceRegion: 2 },
      aws: { maxAttempts: 5, endpoints: { s3: 'http://localhost:4566' } },
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
    });
    expect(config.targets).toEqual([
      { accountId: '111111111111', region: 'us-east-1' },
      { accountId: '111111111111', region: 'eu-west-1' },
      { accountId: '222222222222', region: 'us-gov-west-1' },
    ]);
    expect(config).toMatchObject({
      jobLookbackDays: 'all',
      concurrency: { perServiceRegion: 2, regions: 2 },
      aws: { maxAttempts: 5, endpoints: { s3: 'http://localhost:4566' } },
      schedule: { frequency: { minutes: 30 } },
    });
    expect(readInventoryConfig(new ConfigReader({}))).toMatchObject({
      targets: [],
      jobLookbackDays: 30,
      aws: { maxAttempts: 8 },
      schedule: { frequency: { hours: 1 } },
    });
  });

  it('reads rate limits and tag refresh windows, with AWS-sized defaults', () => {
    const defaults = {
      rateLimits: {
        sagemakerList: 4,
        sagemakerListTags: 10,
        sagemakerDescribe: 10,
        sagemakerGet: 10,
        iam: 20,
        ec2Describe: 100,
        cloudtrailLookupEvents: 2,
      },
      tagRefreshHours: 24,
      completedJobTagRefreshHours: 168,
      fullRefreshHours: 24,
    };
    expect(readInventoryConfig(new ConfigReader({}))).toMatchObject(defaults);
    expect(read({ regions: ['us-east-1'] })).toMatchObject(defaults);
    expect(
      read({
        rateLimits: { sagemakerDescribe: 2.5, iam: 'unlimited' },
        tagRefreshHours: 12,
        completedJobTagRefreshHours: 0.5,
        fullRefreshHours: 6,
      }),
    ).toMatchObject({
      rateLimits: {
        ...defaults.rateLimits,
        sagemakerDescribe: 2.5,
        iam: null,
      },
      tagRefreshHours: 12,
      completedJobTagRefreshHours: 0.5,
      fullRefreshHours: 6,
    });
  });

  it.each([
    [
      { accounts: [{ accountId: '1234' }], regions: ['us-east-1'] },
      'sagemakerSecurity.accounts[0].accountId',
    ],
    [
      { accounts: [{ accountId: '111111111111', regions: ['us-east'] }] },
      "sagemakerSecurity.accounts[0].regions[0]': 'us-east'",
    ],
    [{ regions: ['eu-west-1', 'EU'] }, 'sagemakerSecurity.regions[1]'],
    [
      { accounts: [{ accountId: '111111111111' }] },
      'sagemakerSecurity.accounts[0].regions',
    ],
    [
      {
        accounts: [
          { accountId: '111111111111' },
          { accountId: '111111111111' },
        ],
        regions: ['us-east-1'],
      },
      'listed twice',
    ],
    [
      { aws: { endpoints: { sagemaker: 'not a url' } } },
      'sagemakerSecurity.aws.endpoints.sagemaker',
    ],
    [
      { aws: { endpoints: { lambda: 'http://x' } } },
      'sagemakerSecurity.aws.endpoints.lambda',
    ],
    [
      { aws: { endpoints: { s3: 'ftp://x' } } },
      'sagemakerSecurity.aws.endpoints.s3',
    ],
    [
      {
        schedule: { frequency: { cron: 'not cron' }, timeout: { minutes: 1 } },
      },
      'sagemakerSecurity.schedule.frequency.cron',
    ],
    [{ schedule: { frequency: { hours: 1 } } }, 'sagemakerSecurity.schedule'],
    [{ jobLookbackDays: -3 }, 'sagemakerSecurity.jobLookbackDays'],
    [{ concurrency: { regions: 0 } }, 'sagemakerSecurity.concurrency.regions'],
    [
      { rateLimits: { sagemakerDescribe: 0 } },
      "'sagemakerSecurity.rateLimits.sagemakerDescribe': expected requests per second",
    ],
    [{ rateLimits: { iam: 'fast' } }, "'sagemakerSecurity.rateLimits.iam'"],
    [
      { rateLimits: { ec2Describe: -5 } },
      "'sagemakerSecurity.rateLimits.ec2Describe'",
    ],
    [
      { rateLimits: { kmsDescribe: 5 } },
      "'sagemakerSecurity.rateLimits.kmsDescribe': unknown API family",
    ],
    [{ tagRefreshHours: 0 }, "'sagemakerSecurity.tagRefreshHours'"],
    [{ tagRefreshHours: 'daily' }, "'sagemakerSecurity.tagRefreshHours'"],
    [{ fullRefreshHours: 0 }, "'sagemakerSecurity.fullRefreshHours'"],
    [{ fullRefreshHours: 'daily' }, "'sagemakerSecurity.fullRefreshHours'"],
    [
      { completedJobTagRefreshHours: -1 },
      "'sagemakerSecurity.completedJobTagRefreshHours'",
    ],
    [
      { inventory: { bulkReads: 'yes' } },
      `'sagemakerSecurity.inventory.bulkReads': expected true or false, got "yes"`,
    ],
    [{ inventory: { bulkRead: true } }, 'sagemakerSecurity.inventory.bulkRead'],
  ])('rejects %j naming the key', (section, key) => {
    expect(() => read(section)).toThrow(key);
  });

  it('reads inventory.bulkReads, on by default', () => {
    expect(read({}).bulkReads).toBe(true);
    expect(readInventoryConfig(new ConfigReader({})).bulkReads).toBe(true);
    expect(read({ regions: ['us-east-1'] }).bulkReads).toBe(true);
    expect(read({ inventory: { bulkReads: false } }).bulkReads).toBe(false);
    // As an environment variable substitutes it.
    expect(read({ inventory: { bulkReads: 'false' } }).bulkReads).toBe(false);
    expect(read({ inventory: { bulkReads: true } }).bulkReads).toBe(true);
  });

  it('reads the scan lease, with defaults of 30 s and 5 min', () => {
    expect(readInventoryConfig(new ConfigReader({})).scanLease).toEqual({
      heartbeatMs: 30_000,
      expireAfterMs: 300_000,
    });
    expect(
      read({ scanLease: { heartbeat: '1s', expireAfter: { seconds: 5 } } })
        .scanLease,
    ).toEqual({ heartbeatMs: 1000, expireAfterMs: 5000 });
    // A longer heartbeat alone stretches the default expiry to three beats.
    expect(
      read({ scanLease: { heartbeat: { minutes: 3 } } }).scanLease,
    ).toEqual({ heartbeatMs: 180_000, expireAfterMs: 540_000 });
  });

  it.each([
    [
      { frequency: { hours: -1 }, timeout: { minutes: 5 } },
      'schedule.frequency',
    ],
    [
      { frequency: { minutes: 0 }, timeout: { minutes: 5 } },
      'schedule.frequency',
    ],
    [
      { frequency: { seconds: 1 }, timeout: { minutes: 5 } },
      'schedule.frequency',
    ],
    [{ frequency: 'PT-1H', timeout: { minutes: 5 } }, 'schedule.frequency'],
    [{ frequency: { hours: 1 }, timeout: { minutes: 0 } }, 'schedule.timeout'],
    [{ frequency: { hours: 1 }, timeout: { days: 30 } }, 'schedule.timeout'],
    [
      {
        frequency: { hours: 1 },
        timeout: { hours: 1 },
        initialDelay: { minutes: -5 },
      },
      'schedule.initialDelay',
    ],
  ])('rejects the schedule %j naming %s (was accepted)', (schedule, key) => {
    expect(() => read({ schedule })).toThrow(`'sagemakerSecurity.${key}'`);
  });

  it('accepts a manual-only schedule and a cron expression', () => {
    expect(
      read({
        schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 5 } },
      }).schedule.frequency,
    ).toEqual({ trigger: 'manual' });
    expect(
      read({ schedule: { frequency: { cron: '0 * * * *' }, timeout: '30m' } })
        .schedule.frequency,
    ).toEqual({ cron: '0 * * * *' });
  });

  it.each([
    [
      {
        scanLease: { heartbeat: { seconds: 10 }, expireAfter: { seconds: 15 } },
      },
      'scanLease.expireAfter',
      'at least twice',
    ],
    [
      { scanLease: { heartbeat: { seconds: -1 } } },
      'scanLease.heartbeat',
      'from 100 ms',
    ],
    [{ scanLease: { heartbeat: '30' } }, 'scanLease.heartbeat', 'plain number'],
    [
      { scanLease: { expireAfter: { days: 3 } } },
      'scanLease.expireAfter',
      'to 1 d',
    ],
    [
      { rateLimits: { sagemakerList: 1e9 } },
      'rateLimits.sagemakerList',
      '10000',
    ],
    [{ rateLimits: { iam: 0.0000001 } }, 'rateLimits.iam', '0.1'],
    [{ concurrency: { regions: 10_000 } }, 'concurrency.regions', 'to 256'],
    [
      { concurrency: { perServiceRegion: 0 } },
      'concurrency.perServiceRegion',
      'from 1',
    ],
    [{ jobLookbackDays: -1 }, 'jobLookbackDays', "or 'all'"],
    [{ jobLookbackDays: 1e6 }, 'jobLookbackDays', '3650'],
    [{ aws: { maxAttempts: 1000 } }, 'aws.maxAttempts', 'to 20'],
    [{ tagRefreshHours: 1e9 }, 'tagRefreshHours', '8784'],
    [
      { linking: { componentTagKey: ' ' } },
      'linking.componentTagKey',
      'tag key',
    ],
    [{ linking: { ownerTagKeys: [] } }, 'linking.ownerTagKeys', 'at least one'],
  ])(
    'rejects the out-of-range %j naming %s (was accepted)',
    (section, key, why) => {
      expect(() => read(section)).toThrow(`'sagemakerSecurity.${key}'`);
      expect(() => read(section)).toThrow(why);
    },
  );

  it('rejects accounts the recorded estate does not have', () => {
    const config = read({
      demoEstate: 'demo.yaml',
      regions: ['us-east-1'],
      accounts: [{ accountId: '333333333333' }],
    });
    expect(() => assertAccountsKnown(config, ['111111111111'])).toThrow(
      "'sagemakerSecurity.accounts': unknown account(s) 333333333333",
    );
  });
});
