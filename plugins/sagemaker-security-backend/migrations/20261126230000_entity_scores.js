// @ts-check

/**
 * The current score of every ML service (Component), written when the
 * engine has evaluated a scan and when a waiver of the service changes.
 * Team, System and Domain rollups and the org page read these rows instead
 * of scoring the whole inventory on every request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('entity_scores', table => {
    table.comment('Current score of each ML service, for rollups');
    table.string('entity_ref', 512).primary().notNullable();
    table.string('owner', 512).nullable().comment('Owner when scored');
    table.integer('resource_count').notNullable();
    table.float('score').nullable();
    table.string('grade', 1).nullable();
    table.integer('fail_count').notNullable();
    table
      .text('pillars')
      .notNullable()
      .comment('JSON: score and grade of each pillar, for ordering pages');
    table
      .text('detail')
      .notNullable()
      .comment('JSON: full score, worst findings, results that cap grades');
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('Hash of the row; unchanged rows are not rewritten');
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.index(['owner'], 'entity_scores_owner_idx');
  });
  // When every row was last recomputed (one row): before the first
  // recomputation, rollups are scored on request.
  await knex.schema.createTable('entity_score_runs', table => {
    table.comment('Last full recomputation of entity_scores');
    table.integer('id').primary().notNullable();
    table.dateTime('computed_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('entity_score_runs');
  await knex.schema.dropTable('entity_scores');
};
