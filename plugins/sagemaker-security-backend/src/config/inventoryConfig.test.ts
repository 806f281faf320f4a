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
      },
      tagRefreshHours: 24,
      completedJobTagRefreshHours: 168,
    };
    expect(readInventoryConfig(new ConfigReader({}))).toMatchObject(defaults);
    expect(read({ regions: ['us-east-1'] })).toMatchObject(defaults);
    expect(
      read({
        rateLimits: { sagemakerDescribe: 2.5, iam: 'unlimited' },
        tagRefreshHours: 12,
        completedJobTagRefreshHours: 0.5,
      }),
    ).toMatchObject({
      rateLimits: {
        ...defaults.rateLimits,
        sagemakerDescribe: 2.5,
        iam: null,
      },
      tagRefreshHours: 12,
      completedJobTagRefreshHours: 0.5,
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
    [
      { completedJobTagRefreshHours: -1 },
      "'sagemakerSecurity.completedJobTagRefreshHours'",
    ],
  ])('rejects %j naming the key', (section, key) => {
    expect(() => read(section)).toThrow(key);
  });

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
