// @ts-check

/**
 * How each target's related facts were read (inventory/changes): `full`
 * (every fact), `events` (only those CloudTrail event history shows
 * changed) or `fallback` (every fact, because event history could not be
 * read; the reason beside it). A rescan finds its last complete full
 * refresh and its last complete fact read in these columns.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('inventory_scan_targets', table => {
    table
      .string('fact_source', 16)
      .nullable()
      .comment('How the facts were read: full, events or fallback');
    table
      .text('fact_source_reason')
      .nullable()
      .comment('Why facts were read in full (or fell back)');
    table.index(
      ['account_id', 'region', 'fact_source'],
      'inventory_scan_targets_fact_source_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('inventory_scan_targets', table => {
    table.dropIndex(
      ['account_id', 'region', 'fact_source'],
      'inventory_scan_targets_fact_source_idx',
    );
    table.dropColumn('fact_source_reason');
    table.dropColumn('fact_source');
  });
};
