// @ts-check

/**
 * What each resource's last evaluation read (checks/inputs): the input
 * keys (facts, related resources, listings) and the fingerprint of their
 * values with the resource's own record, the check catalogue's version and
 * the scoring config. An evaluation whose fingerprint is unchanged keeps
 * the resource's results as they are: it writes nothing.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('evaluation_inputs', table => {
    table.comment('Inputs of the last evaluation of each resource');
    table.string('resource_arn', 2048).notNullable().primary();
    table.string('account_id', 32).notNullable();
    table.string('region', 32).notNullable();
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('Hash of the resource, its inputs and the catalogue version');
    table.text('inputs').notNullable().comment('JSON array of input keys');
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.index(['account_id', 'region'], 'evaluation_inputs_target_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evaluation_inputs');
};
