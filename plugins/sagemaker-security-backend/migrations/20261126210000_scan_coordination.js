// @ts-check

/**
 * Coordination of scans between replicas and across crashes:
 * - `inventory_scans.active_slot` is 'active' while a scan is queued or
 *   running, NULL after; its unique index admits one active scan at a time,
 *   whichever replica tries to start one (NULLs do not collide).
 * - `inventory_scan_targets.heartbeat_at` is refreshed by the worker that
 *   claimed a target; a running target whose heartbeat is too old belongs to
 *   a stopped worker and is failed, so the next scan is not blocked.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('inventory_scans', table => {
    table.string('active_slot', 8).nullable();
    table.unique(['active_slot'], {
      indexName: 'inventory_scans_one_active_idx',
    });
  });
  await knex.schema.alterTable('inventory_scan_targets', table => {
    table.string('heartbeat_at', 32).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('inventory_scan_targets', table => {
    table.dropColumn('heartbeat_at');
  });
  await knex.schema.alterTable('inventory_scans', table => {
    table.dropUnique(['active_slot'], 'inventory_scans_one_active_idx');
    table.dropColumn('active_slot');
  });
};
