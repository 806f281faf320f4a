// @ts-check

/**
 * Waiver requests (waivers/WaiverRequestStore.ts): an owner asks for a
 * waiver, a member of the configured security groups approves (creating the
 * waiver) or denies it, or the requester withdraws it. Every step is a row
 * of `waiver_request_events`.
 *
 * - `waiver_requests_one_pending_idx`: one pending request per entity,
 *   check and resource, however many requests race.
 * - A decision is an update `where status = 'pending'`: of two approvers at
 *   once exactly one changes the row; the other finds it decided.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('waiver_requests', table => {
    table.comment(
      'Requests for waivers, approved or denied by a security group',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 255).notNullable();
    table
      .string('resource_arn', 2048)
      .notNullable()
      .comment('ARN, or * for every resource of the entity');
    table.text('reason').notNullable();
    table
      .dateTime('expires_at', { useTz: true })
      .notNullable()
      .comment('When the waiver would end, if approved');
    table.string('requested_by', 512).notNullable();
    table.dateTime('requested_at', { useTz: true }).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved, denied or withdrawn');
    table.string('decided_by', 512).nullable();
    table.dateTime('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table
      .string('waiver_id', 36)
      .nullable()
      .comment('The waiver the approval created');
    table.index(['entity_ref'], 'waiver_requests_entity_idx');
    table.index(['status'], 'waiver_requests_status_idx');
  });
  await knex.raw(
    "create unique index waiver_requests_one_pending_idx on waiver_requests (entity_ref, check_id, resource_arn) where status = 'pending'",
  );

  await knex.schema.createTable('waiver_request_events', table => {
    table.comment(
      'Trail of waiver requests: requested, approved, denied, withdrawn',
    );
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('waiver_requests')
      .onDelete('CASCADE');
    table.string('event', 16).notNullable();
    table.string('actor', 512).notNullable();
    table.dateTime('at', { useTz: true }).notNullable();
    table.text('detail').nullable();
    table.index(['request_id'], 'waiver_request_events_request_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('waiver_request_events');
  await knex.schema.dropTable('waiver_requests');
};
