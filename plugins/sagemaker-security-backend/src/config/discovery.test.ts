import { ConfigReader } from '@backstage/config';
import { readInventoryConfig } from './inventoryConfig';

const ROLE = 'arn:aws:iam::111111111111:role/SageMakerSecurityOrgReader';
const OU = 'ou-ab12-cdef3456';

const read = (
  organizations: object,
  rest: object = { regions: ['us-east-1'] },
) =>
  readInventoryConfig(
    new ConfigReader({
      sagemakerSecurity: { ...rest, discovery: { organizations } },
    }),
  );

function errorOf(organizations: object, rest?: object): string {
  try {
    read(organizations, rest);
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error('the config was accepted');
}

const valid = { roleArn: ROLE, memberRoleName: 'SageMakerSecurityScanner' };

describe('sagemakerSecurity.discovery.organizations', () => {
  it('reads a valid section: the role, its partition endpoint region, the filters and the default regions', () => {
    const config = read(
      {
        ...valid,
        organizationalUnits: [OU, 'r-ab12', OU],
        includeAccounts: ['222222222222'],
        excludeAccounts: ['333333333333'],
      },
      { regions: ['eu-west-1', 'us-east-1'] },
    );
    expect(config.discovery).toEqual({
      roleArn: ROLE,
      role: {
        accountId: '111111111111',
        partition: 'aws',
        name: 'SageMakerSecurityOrgReader',
      },
      organizationsRegion: 'us-east-1',
      memberRoleName: 'SageMakerSecurityScanner',
      organizationalUnits: [OU, 'r-ab12'],
      includeAccounts: ['222222222222'],
      excludeAccounts: ['333333333333'],
      regions: ['eu-west-1', 'us-east-1'],
    });
    // Discovery alone is a valid estate: no hand-listed account needed.
    expect(config.targets).toEqual([]);
  });

  it('uses its own regions, and the Organizations region of the role partition', () => {
    const config = read({
      roleArn: 'arn:aws-us-gov:iam::111111111111:role/path/OrgReader',
      memberRoleName: 'scanners/Scanner',
      regions: ['us-gov-west-1'],
    });
    expect(config.discovery).toMatchObject({
      role: { partition: 'aws-us-gov', name: 'path/OrgReader' },
      organizationsRegion: 'us-gov-west-1',
      memberRoleName: 'scanners/Scanner',
      regions: ['us-gov-west-1'],
    });
  });

  it('is absent when not configured', () => {
    expect(
      readInventoryConfig(
        new ConfigReader({ sagemakerSecurity: { regions: ['us-east-1'] } }),
      ).discovery,
    ).toBeUndefined();
  });

  it.each([
    [
      'a missing roleArn',
      { memberRoleName: 'Scanner' },
      "'sagemakerSecurity.discovery.organizations.roleArn': missing",
    ],
    [
      'a roleArn that is not a role',
      { ...valid, roleArn: 'arn:aws:iam::111111111111:user/admin' },
      "'sagemakerSecurity.discovery.organizations.roleArn': 'arn:aws:iam::111111111111:user/admin' is not an IAM role ARN",
    ],
    [
      'a missing memberRoleName',
      { roleArn: ROLE },
      "'sagemakerSecurity.discovery.organizations.memberRoleName': missing",
    ],
    [
      'an ARN as memberRoleName',
      { ...valid, memberRoleName: 'arn:aws:iam::1:role/x' },
      "'sagemakerSecurity.discovery.organizations.memberRoleName'",
    ],
    [
      'an OU id that is not one',
      { ...valid, organizationalUnits: [OU, 'ml-prod'] },
      "'sagemakerSecurity.discovery.organizations.organizationalUnits[1]': 'ml-prod' is not an OU id",
    ],
    [
      'an account ID that is not 12 digits',
      { ...valid, includeAccounts: ['12345'] },
      "'sagemakerSecurity.discovery.organizations.includeAccounts[0]': '12345' is not a 12-digit account ID",
    ],
    [
      'an account listed twice',
      { ...valid, excludeAccounts: ['222222222222', '222222222222'] },
      "'sagemakerSecurity.discovery.organizations.excludeAccounts[1]': account 222222222222 is listed twice",
    ],
    [
      'an account both included and excluded',
      {
        ...valid,
        includeAccounts: ['444444444444', '222222222222'],
        excludeAccounts: ['222222222222'],
      },
      "'sagemakerSecurity.discovery.organizations.includeAccounts[1]': account 222222222222 is also in excludeAccounts",
    ],
    [
      'an unknown region',
      { ...valid, regions: ['us-moon-1'] },
      "'sagemakerSecurity.discovery.organizations.regions[0]': 'us-moon-1' is not an AWS region",
    ],
  ])('refuses %s at start-up, naming the key', (_, organizations, expected) => {
    expect(errorOf(organizations)).toContain(`Invalid config at ${expected}`);
  });

  it('refuses discovery with no region to scan, naming the key', () => {
    expect(errorOf(valid, {})).toContain(
      "Invalid config at 'sagemakerSecurity.discovery.organizations.regions': discovered accounts have no regions",
    );
  });

  it('refuses an unknown key under discovery, naming it with the likely one', () => {
    expect(errorOf({ ...valid, roleARN: ROLE })).toContain(
      "'sagemakerSecurity.discovery.organizations.roleARN' is not a known key (did you mean 'roleArn'?",
    );
    expect(errorOf({ ...valid, organisationalUnits: [OU] })).toContain(
      "'sagemakerSecurity.discovery.organizations.organisationalUnits' is not a known key (did you mean 'organizationalUnits'?",
    );
    expect(() =>
      readInventoryConfig(
        new ConfigReader({
          sagemakerSecurity: { discovery: { organisations: valid } },
        }),
      ),
    ).toThrow("'sagemakerSecurity.discovery.organisations' is not a known key");
  });

  it('accepts an organizations endpoint override, and checks it as the others', () => {
    const endpoints = { organizations: 'http://127.0.0.1:5000' };
    expect(
      read(valid, { regions: ['us-east-1'], aws: { endpoints } }).aws.endpoints,
    ).toEqual(endpoints);
    expect(
      errorOf(valid, {
        regions: ['us-east-1'],
        aws: { endpoints: { organizations: 'http://key:secret@host' } },
      }),
    ).toContain("'sagemakerSecurity.aws.endpoints.organizations'");
  });
});
