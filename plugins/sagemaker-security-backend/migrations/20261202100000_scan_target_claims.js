// @ts-check

/**
 * Claims that can be reclaimed. The database, not the scheduler, says who
 * works on a scan target:
 * - `claim_id` is set by the worker that moved the target from pending to
 *   running; its heartbeats, outcome and failure only count while the claim
 *   is still its own. When the heartbeat stops (crash, lost replica), another
 *   worker hands the target back to pending and claims it under a new id, so
 *   a late outcome of the stopped worker is dropped.
 * - `attempts` counts the claims of a target; after three, a target whose
 *   worker stops again is failed (keeping its last results) instead of being
 *   handed out once more.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('inventory_scan_targets', table => {
    table.string('claim_id', 36).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('inventory_scan_targets', table => {
    table.dropColumn('attempts');
    table.dropColumn('claim_id');
  });
};
