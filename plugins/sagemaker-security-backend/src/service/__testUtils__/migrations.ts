import { Knex } from 'knex';
import { MIGRATIONS_DIR } from '../../inventory/store/migrate';

/** The package's one migrations folder (inventory and results tables). */
export const MIGRATIONS_DIRECTORY = MIGRATIONS_DIR;

export const RESULTS_MIGRATION = '20261126200000_results.js';

/** Applies only this package's results migration (tests of these tables). */
export async function migrateResultsTables(knex: Knex): Promise<void> {
  await knex.migrate.up({
    directory: MIGRATIONS_DIRECTORY,
    name: RESULTS_MIGRATION,
    loadExtensions: ['.js'],
  });
}
