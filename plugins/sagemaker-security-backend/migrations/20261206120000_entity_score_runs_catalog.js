// @ts-check

/**
 * What the last recomputation of `entity_scores` saw of the catalog, so that
 * a scheduled check rescoring every ML service when the catalog changes
 * (services added, re-owned, re-linked, removed) can tell whether it must.
 * `version` grows with every recomputation: a catch-up rescoring stores its
 * rows only if no other recomputation (an evaluation's, with newer results)
 * finished while it ran.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entity_score_runs', table => {
    table
      .string('catalog_fingerprint', 64)
      .nullable()
      .comment('Hash of the catalog entities the last recomputation scored');
    table
      .bigInteger('version')
      .notNullable()
      .defaultTo(0)
      .comment('Incremented by every recomputation (compare-and-set)');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entity_score_runs', table => {
    table.dropColumn('version');
    table.dropColumn('catalog_fingerprint');
  });
};
