import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { databaseOf, sqliteMemory } from '../__testUtils__/harness';
import { createInventory } from './createInventory';

async function start(sagemakerSecurity: object) {
  const logger = mockServices.logger.mock();
  await createInventory({
    config: new ConfigReader({
      sagemakerSecurity: { scanOnStartup: false, ...sagemakerSecurity },
    }),
    logger,
    database: databaseOf(sqliteMemory()),
  });
  return logger;
}

describe('a backend started with no account configured', () => {
  it('logs a warning naming the key to set', async () => {
    const logger = await start({});
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /No AWS account is configured .*'sagemakerSecurity\.accounts'/,
      ),
    );
  });

  it('does not warn when accounts are configured', async () => {
    const logger = await start({
      accounts: [{ accountId: '123456789012', regions: ['us-east-1'] }],
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('does not warn when accounts are discovered from AWS Organizations', async () => {
    const logger = await start({
      regions: ['us-east-1'],
      discovery: {
        organizations: {
          roleArn: 'arn:aws:iam::123456789012:role/OrgReader',
          memberRoleName: 'Scanner',
        },
      },
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('refuses discovery with a recorded estate, naming the key', async () => {
    await expect(
      start({
        demoEstate: 'builtin',
        regions: ['us-east-1'],
        discovery: {
          organizations: {
            roleArn: 'arn:aws:iam::123456789012:role/OrgReader',
            memberRoleName: 'Scanner',
          },
        },
      }),
    ).rejects.toThrow(
      "Invalid config at 'sagemakerSecurity.discovery.organizations': account discovery is not available when scanning a recorded estate",
    );
  });
});
