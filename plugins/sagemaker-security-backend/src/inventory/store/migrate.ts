import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

export const MIGRATIONS_DIR = resolvePackagePath(
  '@mlsec/plugin-sagemaker-security-backend',
  'migrations',
);

const migrated = new WeakMap<DatabaseService, Promise<Knex>>();

/**
 * Gets the plugin's knex client and runs its migrations once per
 * DatabaseService (several stores of the plugin share one run).
 */
export function getMigratedClient(database: DatabaseService): Promise<Knex> {
  let client = migrated.get(database);
  if (!client) {
    client = (async () => {
      const knex = await database.getClient();
      if (!database.migrations?.skip) {
        await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      }
      return knex;
    })();
    migrated.set(database, client);
  }
  return client;
}
