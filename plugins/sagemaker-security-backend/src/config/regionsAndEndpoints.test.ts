import { ConfigReader } from '@backstage/config';
import { readInventoryConfig } from './inventoryConfig';

const read = (sagemakerSecurity: object) =>
  readInventoryConfig(new ConfigReader({ sagemakerSecurity }));

function errorOf(sagemakerSecurity: object): string {
  try {
    read(sagemakerSecurity);
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error('the config was accepted');
}

describe('regions', () => {
  it('rejects a well-formed region that does not exist (us-moon-1) at start-up, naming the key', () => {
    expect(
      errorOf({
        accounts: [{ accountId: '123456789012' }],
        regions: ['us-east-1', 'us-moon-1'],
      }),
    ).toMatch(
      /^Invalid config at 'sagemakerSecurity\.regions\[1\]': 'us-moon-1' is not an AWS region/,
    );
    expect(
      errorOf({
        accounts: [
          { accountId: '123456789012', regions: ['eu-west-1'] },
          { accountId: '210987654321', regions: ['cn-moon-9'] },
        ],
      }),
    ).toMatch(/'sagemakerSecurity\.accounts\[1\]\.regions\[0\]'.*'cn-moon-9'/);
  });

  it('accepts the regions of every partition the SDK lists, opt-in ones included', () => {
    const regions = [
      'us-east-1',
      'eu-central-2',
      'me-south-1', // opt-in
      'ap-southeast-5', // opt-in
      'cn-northwest-1',
      'us-gov-west-1',
      'us-iso-east-1',
    ];
    expect(
      read({ accounts: [{ accountId: '123456789012' }], regions }).targets.map(
        t => t.region,
      ),
    ).toEqual(regions);
  });

  it('still rejects what is not a region name', () => {
    for (const region of ['aws-global', 'US-EAST-1', 'us-east', '']) {
      expect(
        errorOf({
          accounts: [{ accountId: '123456789012' }],
          regions: [region],
        }),
      ).toContain("'sagemakerSecurity.regions[0]'");
    }
  });
});

describe('endpoint overrides', () => {
  it.each([
    ['http://scanner:s3cr3t-Pa55@127.0.0.1:4566', 's3cr3t-Pa55'],
    ['http://scanner:s3cr3t Pa55@127.0.0.1:4566', 's3cr3t'],
    ['http//scanner:s3cr3t-Pa55@127.0.0.1:4566', 's3cr3t-Pa55'],
    ['s3cr3t-Pa55@localhost:4566', 's3cr3t-Pa55'],
    [
      'http://127.0.0.1:4566/?X-Amz-Security-Token=s3cr3t-T0ken',
      's3cr3t-T0ken',
    ],
    ['ftp://scanner:s3cr3t-Pa55@127.0.0.1', 's3cr3t-Pa55'],
  ])(
    'never prints credentials of a malformed endpoint URL (%#)',
    (url, secret) => {
      const message = errorOf({ aws: { endpoints: { sts: url } } });
      expect(message).toContain("'sagemakerSecurity.aws.endpoints.sts'");
      expect(message).not.toContain(secret);
      expect(message).not.toContain('scanner');
    },
  );

  it('keeps a valid override, sts included', () => {
    expect(
      read({
        aws: {
          endpoints: {
            sts: 'http://127.0.0.1:5000',
            s3: 'https://s3.emulator.internal:4566/',
          },
        },
      }).aws.endpoints,
    ).toEqual({
      sts: 'http://127.0.0.1:5000',
      s3: 'https://s3.emulator.internal:4566/',
    });
  });
});
