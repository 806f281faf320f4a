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
