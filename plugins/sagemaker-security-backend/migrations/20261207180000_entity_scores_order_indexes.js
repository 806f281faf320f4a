// @ts-check

/**
 * Indexes the org page reads `entity_scores` through (scoring/orgPageQuery.ts):
 *
 * - each sort key descending with ties by `entity_ref_key` ascending, the
 *   order a descending page asks for (an ascending index cannot give it: with
 *   many ties, e.g. fail counts, the database sorted every row);
 * - the nullable sort keys (scores, owner) behind `resource_count`, so that
 *   counting the services with a value reads the index, not every row.
 */
const DESCENDING = [
  ['entity_scores_score_desc_idx', 'score'],
  ['entity_scores_fail_desc_idx', 'fail_count'],
  ['entity_scores_resource_count_desc_idx', 'resource_count'],
  ['entity_scores_owner_key_desc_idx', 'owner_key'],
];

const PILLARS = ['encryption', 'network', 'iam', 'monitoring', 'resilience'];

const COUNTED = 'entity_scores_counted_idx';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const [name, column] of DESCENDING) {
    await knex.raw('create index ?? on ?? (?? desc, ?? asc)', [
      name,
      'entity_scores',
      column,
      'entity_ref_key',
    ]);
  }
  await knex.schema.alterTable('entity_scores', table => {
    table.index(
      [
        'resource_count',
        'score',
        ...PILLARS.map(p => `${p}_score`),
        'owner_key',
      ],
      COUNTED,
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entity_scores', table => {
    table.dropIndex([], COUNTED);
    for (const [name] of DESCENDING) {
      table.dropIndex([], name);
    }
  });
};
