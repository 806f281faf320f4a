import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import { ENDPOINT_SERVICES } from '../../config/inventoryConfig';
import { RATE_FAMILY_KEYS } from '../../config/rateLimits';
import { createInventory } from '../scan/createInventory';
import { databaseOf, sqliteMemory } from './harness';

/** Every endpoint override (`sts` included) set to `url`. */
export function endpointsAt(url: string): Record<string, string> {
  return Object.fromEntries(ENDPOINT_SERVICES.map(s => [s, url]));
}

/**
 * One scan by the real plugin inventory (collector, SDK clients,
 * credentials through `@backstage/integration-aws-node`, store in SQLite)
 * with only documented config: `aws` (credentials) and `sagemakerSecurity`.
 * Not paced; retries without delay.
 */
export async function scanOnce(config: {
  aws?: object;
  sagemakerSecurity: Record<string, unknown>;
  /** The database; default a new in-memory SQLite. */
  knex?: Knex;
}) {
  const logger = mockServices.logger.mock();
  const inventory = await createInventory({
    config: new ConfigReader({
      ...(config.aws ? { aws: config.aws } : {}),
      sagemakerSecurity: {
        scanOnStartup: false,
        rateLimits: Object.fromEntries(
          RATE_FAMILY_KEYS.map(family => [family, 'unlimited']),
        ),
        ...config.sagemakerSecurity,
      },
    }),
    logger,
    database: databaseOf(config.knex ?? sqliteMemory()),
    clientOptions: { retryTuning: { baseDelayMs: 1, minFillRate: 1000 } },
  });
  const run = await inventory.scans.triggerScan({ trigger: 'manual' });
  const scan = (await inventory.scans.waitForScan(run.id))!;
  return { scan, inventory, logger };
}
