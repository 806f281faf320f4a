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
});
