import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { readInventoryConfig } from '../../config/inventoryConfig';
import { credentialRoutesFromConfig } from '../aws/credentialRoutes';
import { createAccountDiscovery } from './createDiscovery';
import { selectAccounts } from './listAccounts';
import { mergeTargets } from './scanTargets';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const D = '444444444444';

describe('mergeTargets', () => {
  it('adds each discovered account in each discovery region after the hand-listed targets', () => {
    expect(
      mergeTargets(
        [{ accountId: A, region: 'eu-west-1' }],
        [B, C],
        ['us-east-1', 'eu-west-1'],
      ),
    ).toEqual([
      { accountId: A, region: 'eu-west-1' },
      { accountId: B, region: 'us-east-1' },
      { accountId: B, region: 'eu-west-1' },
      { accountId: C, region: 'us-east-1' },
      { accountId: C, region: 'eu-west-1' },
    ]);
  });

  it('keeps a hand-listed account with its own regions when it is discovered too (hand-listed wins)', () => {
    const handListed = [
      { accountId: A, region: 'eu-west-1' },
      { accountId: A, region: 'eu-central-1' },
    ];
    expect(mergeTargets(handListed, [A, B, B], ['us-east-1'])).toEqual([
      ...handListed,
      { accountId: B, region: 'us-east-1' },
    ]);
  });

  it('is the hand-listed targets when nothing is discovered', () => {
    const handListed = [{ accountId: A, region: 'us-east-1' }];
    expect(mergeTargets(handListed, [], ['us-east-1'])).toEqual(handListed);
  });
});

describe('selectAccounts', () => {
  const listing = [
    { accountId: C, state: 'ACTIVE' },
    { accountId: A, state: 'ACTIVE' },
    { accountId: B, state: 'SUSPENDED' },
    { accountId: D, state: 'PENDING_CLOSURE' },
    { accountId: A, state: 'ACTIVE' },
  ];

  it('keeps ACTIVE accounts only, sorted, once each', () => {
    expect(
      selectAccounts(listing, { includeAccounts: [], excludeAccounts: [] }),
    ).toEqual([A, C]);
  });

  it('keeps only included ones when includeAccounts is set, and never an excluded one', () => {
    expect(
      selectAccounts(listing, { includeAccounts: [B, C], excludeAccounts: [] }),
    ).toEqual([C]);
    expect(
      selectAccounts(listing, { includeAccounts: [], excludeAccounts: [C] }),
    ).toEqual([A]);
  });
});

describe('credentials of scanned accounts with discovery', () => {
  const root = new ConfigReader({
    aws: {
      mainAccount: { accessKeyId: 'main', secretAccessKey: 'main-secret' },
      accounts: [{ accountId: C, roleName: 'OwnRole' }],
      accountDefaults: { roleName: 'DefaultRole', externalId: 'ext-1' },
    },
    sagemakerSecurity: {
      accounts: [{ accountId: A, regions: ['eu-west-1'] }],
      regions: ['us-east-1'],
      discovery: {
        organizations: {
          roleArn: 'arn:aws:iam::999999999999:role/OrgReader',
          memberRoleName: 'SageMakerSecurityScanner',
        },
      },
    },
  });
  const discovery = createAccountDiscovery({
    root,
    config: readInventoryConfig(root),
    base: {
      manager: DefaultAwsCredentialsManager.fromConfig(root),
      routes: credentialRoutesFromConfig(root),
    },
    logger: mockServices.logger.mock(),
  })!;

  it('reaches a discovered account through the member role, with aws.accountDefaults otherwise', async () => {
    const provider = await discovery.credentialsManager.getCredentialProvider({
      accountId: B,
    });
    expect(provider.roleArn).toBe(
      `arn:aws:iam::${B}:role/SageMakerSecurityScanner`,
    );
    expect(discovery.credentialRoutes!.routeOf(B).description).toBe(
      `role assumption of arn:aws:iam::${B}:role/SageMakerSecurityScanner (with an external ID) with the main account's credentials (the static keys of aws.mainAccount), as aws.accountDefaults says`,
    );
    expect(discovery.credentialRoutes!.secretValues).toContain('ext-1');
  });

  it('reaches hand-listed accounts and aws.accounts entries as the aws section says', async () => {
    const handListed = await discovery.credentialsManager.getCredentialProvider(
      { accountId: A },
    );
    expect(handListed.roleArn).toBe(`arn:aws:iam::${A}:role/DefaultRole`);
    const own = await discovery.credentialsManager.getCredentialProvider({
      accountId: C,
    });
    expect(own.roleArn).toBe(`arn:aws:iam::${C}:role/OwnRole`);
  });

  it('scans the hand-listed targets before any listing', () => {
    expect(discovery.targets.current()).toEqual([
      { accountId: A, region: 'eu-west-1' },
    ]);
    expect(discovery.targets.status).toBeUndefined();
  });
});
