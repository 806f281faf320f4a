import { Knex } from 'knex';
import { MIGRATIONS_DIR } from '../../inventory/store/migrate';

/** The package's one migrations folder (inventory and results tables). */
export const MIGRATIONS_DIRECTORY = MIGRATIONS_DIR;

export const RESULTS_MIGRATION = '20261126200000_results.js';
export const ENTITY_SCORES_MIGRATION = '20261126230000_entity_scores.js';
export const WAIVERS_ONE_ACTIVE_MIGRATION =
  '20261201120000_waivers_one_active.js';
export const ENTITY_SCORE_RUNS_CATALOG_MIGRATION =
  '20261206120000_entity_score_runs_catalog.js';
export const ENTITY_SCORES_COLUMNS_MIGRATION =
  '20261207100000_entity_scores_columns.js';
export const ENTITY_SCORES_ORDER_INDEXES_MIGRATION =
  '20261207180000_entity_scores_order_indexes.js';
export const NOTIFICATION_MARKS_MIGRATION =
  '20261208100000_notification_marks.js';
export const WAIVER_REQUESTS_MIGRATION = '20261209100000_waiver_requests.js';
export const EVALUATION_INPUTS_MIGRATION =
  '20261209300000_evaluation_inputs.js';

/**
 * Applies only this package's scorecard migrations, the results, the
 * entity scores (with what the last recomputation saw of the catalog, and
 * the columns the org page is ordered by) and the one-active-waiver index and the notifier's marks and the waiver requests (tests of these tables, over an in-memory
 * inventory).
 */
export async function migrateResultsTables(knex: Knex): Promise<void> {
  for (const name of [
    RESULTS_MIGRATION,
    ENTITY_SCORES_MIGRATION,
    WAIVERS_ONE_ACTIVE_MIGRATION,
    ENTITY_SCORE_RUNS_CATALOG_MIGRATION,
    ENTITY_SCORES_COLUMNS_MIGRATION,
    ENTITY_SCORES_ORDER_INDEXES_MIGRATION,
    NOTIFICATION_MARKS_MIGRATION,
    WAIVER_REQUESTS_MIGRATION,
    EVALUATION_INPUTS_MIGRATION,
  ]) {
    await knex.migrate.up({
      directory: MIGRATIONS_DIRECTORY,
      name,
      loadExtensions: ['.js'],
    });
  }
}
