/*
 * Check results, their history, daily scores and waivers.
 * Rows are only written when something changes, so that storage does not
 * grow while the estate stays the same.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // The current result of every (resource, check) pair.
  await knex.schema.createTable('check_results', table => {
    table.comment('Current result of each (resource, check) pair');
    table.string('resource_arn', 2048).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('resource_type', 64).notNullable();
    table.string('resource_name', 512).notNullable();
    table.string('account_id', 32).notNullable();
    table.string('region', 32).notNullable();
    table.string('pillar', 32).notNullable();
    table.string('severity', 32).notNullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('Status the check returned');
    table.text('message').notNullable();
    table.text('evidence').notNullable().comment('JSON array of Evidence');
    table.text('missing').nullable().comment('JSON array of IAM actions');
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('Hash of status, message and evidence; unchanged rows are kept');
    table
      .dateTime('since', { useTz: true })
      .notNullable()
      .comment('When the status last changed');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When the row content was last written');
    table.primary(['resource_arn', 'check_id']);
    table.index(['account_id', 'region'], 'check_results_target_idx');
    table.index(['check_id'], 'check_results_check_idx');
  });

  // When each account and region was last evaluated (results keep their rows).
  await knex.schema.createTable('evaluation_targets', table => {
    table.comment('Last evaluation per account and region');
    table.string('account_id', 32).notNullable();
    table.string('region', 32).notNullable();
    table.string('scan_id', 64).nullable();
    table.dateTime('evaluated_at', { useTz: true }).notNullable();
    table.primary(['account_id', 'region']);
  });

  // Status changes per (resource, check); kept for the retention period.
  await knex.schema.createTable('result_transitions', table => {
    table.comment('Status transitions per (resource, check)');
    table.bigIncrements('id').primary();
    table.string('resource_arn', 2048).notNullable();
    table.string('check_id', 255).notNullable();
    table
      .string('from_status', 32)
      .nullable()
      .comment('Null when the result is new');
    table
      .string('to_status', 32)
      .nullable()
      .comment('Null when the resource was deleted');
    table.dateTime('at', { useTz: true }).notNullable();
    table.index(['resource_arn', 'at'], 'result_transitions_resource_idx');
    table.index(['at'], 'result_transitions_at_idx');
  });

  // One row per entity and day, written only when the score changed.
  await knex.schema.createTable('daily_scores', table => {
    table.comment('Daily scorecard per entity, team, system and domain');
    table.string('entity_ref', 512).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.float('score').nullable();
    table.string('grade', 1).nullable();
    table.text('counts').notNullable().comment('JSON StatusCounts');
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'daily_scores_day_idx');
  });

  await knex.schema.createTable('waivers', table => {
    table.comment('Waivers of a check for resources of a catalog entity');
    table.string('id', 36).primary();
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 255).notNullable();
    table
      .string('resource_arn', 2048)
      .notNullable()
      .comment('ARN, or * for every resource of the entity');
    table.text('reason').notNullable();
    table.string('created_by', 512).notNullable();
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('expires_at', { useTz: true }).notNullable();
    table.string('revoked_by', 512).nullable();
    table.dateTime('revoked_at', { useTz: true }).nullable();
    table.text('revoke_reason').nullable();
    table
      .boolean('expiry_recorded')
      .notNullable()
      .defaultTo(false)
      .comment('True once the expired event is in the audit trail');
    table.index(['entity_ref'], 'waivers_entity_idx');
    table.index(['expires_at'], 'waivers_expires_idx');
  });

  await knex.schema.createTable('waiver_events', table => {
    table.comment('Audit trail of waivers: created, revoked, expired');
    table.bigIncrements('id').primary();
    table
      .string('waiver_id', 36)
      .notNullable()
      .references('id')
      .inTable('waivers')
      .onDelete('CASCADE');
    table.string('event', 16).notNullable();
    table.string('actor', 512).nullable();
    table.dateTime('at', { useTz: true }).notNullable();
    table.text('detail').nullable();
    table.index(['waiver_id'], 'waiver_events_waiver_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('waiver_events');
  await knex.schema.dropTable('waivers');
  await knex.schema.dropTable('daily_scores');
  await knex.schema.dropTable('result_transitions');
  await knex.schema.dropTable('evaluation_targets');
  await knex.schema.dropTable('check_results');
};
