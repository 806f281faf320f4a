import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** This package's knex migrations (inventory and results tables). */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@mlsec/plugin-sagemaker-security-backend',
  'migrations',
);

/** Applies every pending migration unless the database service says to skip. */
export async function applyDatabaseMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: MIGRATIONS_DIRECTORY,
      loadExtensions: ['.js'],
    });
  }
  return knex;
}
