// @ts-check

/**
 * The org page filters, orders and pages `entity_scores` in SQL: the score
 * and grade of every pillar get their own columns (until now only in the
 * `pillars` JSON), and entity and owner refs get sort keys that order as
 * `localeCompare` does (the order the page has always had; see
 * `src/scoring/sortKey.ts`). Existing rows are filled in from their JSON.
 */

/** Every pillar a score can have (`ALL_PILLARS` when this was written). */
const PILLARS = ['encryption', 'network', 'iam', 'monitoring', 'resilience'];

/** @type {{ primary: Map<string, string>, tertiary: Map<string, string> } | undefined} */
let weights;

function buildWeights() {
  const chars = Array.from({ length: 0x7f - 0x20 }, (_, i) =>
    String.fromCharCode(0x20 + i),
  );
  const base = new Intl.Collator(undefined, { sensitivity: 'base' });
  const full = new Intl.Collator();
  const sorted = [...chars].sort(full.compare);
  /** @type {Map<string, string>} */
  const primary = new Map();
  /** @type {Map<string, string>} */
  const tertiary = new Map();
  let weight = 0;
  let rank = 0;
  sorted.forEach((char, i) => {
    if (i === 0 || base.compare(sorted[i - 1], char) !== 0) {
      weight += 1;
      rank = 0;
    } else if (full.compare(sorted[i - 1], char) !== 0) {
      rank += 1;
    }
    primary.set(char, String(weight).padStart(2, '0'));
    tertiary.set(char, String(rank));
  });
  return { primary, tertiary };
}

/**
 * A copy of `sortKey` (src/scoring/sortKey.ts) as it was when this
 * migration was written; a test keeps both equal.
 *
 * @param {string} value
 */
function sortKey(value) {
  weights ??= buildWeights();
  const { primary, tertiary } = weights;
  let head = '';
  let tail = '';
  for (const char of value) {
    const p = primary.get(char);
    if (p === undefined) {
      head += `99${String(char.codePointAt(0)).padStart(7, '0')}`;
      tail += '0';
    } else {
      head += p;
      tail += tertiary.get(char);
    }
  }
  return `${head}00${tail}`;
}

exports.sortKey = sortKey;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entity_scores', table => {
    for (const pillar of PILLARS) {
      table.float(`${pillar}_score`).nullable();
      table.string(`${pillar}_grade`, 1).nullable();
    }
    table
      .text('entity_ref_key')
      .nullable()
      .comment('Sort key of entity_ref (orders as localeCompare)');
    table
      .text('owner_key')
      .nullable()
      .comment('Sort key of owner; null without an owner');
  });

  const rows = await knex('entity_scores').select(
    'entity_ref',
    'owner',
    'pillars',
  );
  for (const row of rows) {
    /** @type {Array<{pillar: string, score: number | null, grade: string | null}>} */
    const pillars = JSON.parse(row.pillars);
    /** @type {Record<string, unknown>} */
    const update = {
      entity_ref_key: sortKey(row.entity_ref),
      owner_key: row.owner ? sortKey(row.owner) : null,
    };
    for (const p of pillars) {
      if (PILLARS.includes(p.pillar)) {
        update[`${p.pillar}_score`] = p.score;
        update[`${p.pillar}_grade`] = p.grade;
      }
    }
    await knex('entity_scores')
      .where({ entity_ref: row.entity_ref })
      .update(update);
  }

  await knex.schema.alterTable('entity_scores', table => {
    table.index(['entity_ref_key'], 'entity_scores_entity_ref_key_idx');
    table.index(['owner_key', 'entity_ref_key'], 'entity_scores_owner_key_idx');
    table.index(['score', 'entity_ref_key'], 'entity_scores_score_idx');
    table.index(['fail_count', 'entity_ref_key'], 'entity_scores_fail_idx');
    table.index(
      ['resource_count', 'entity_ref_key'],
      'entity_scores_resource_count_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('entity_scores', table => {
    table.dropIndex([], 'entity_scores_resource_count_idx');
    table.dropIndex([], 'entity_scores_fail_idx');
    table.dropIndex([], 'entity_scores_score_idx');
    table.dropIndex([], 'entity_scores_owner_key_idx');
    table.dropIndex([], 'entity_scores_entity_ref_key_idx');
  });
  await knex.schema.alterTable('entity_scores', table => {
    table.dropColumn('owner_key');
    table.dropColumn('entity_ref_key');
    for (const pillar of [...PILLARS].reverse()) {
      table.dropColumn(`${pillar}_grade`);
      table.dropColumn(`${pillar}_score`);
    }
  });
};
