// @ts-check

/**
 * The org page filters, orders and pages `entity_scores` in SQL: the score
 * and grade of every pillar get their own columns (until now only in the
 * `pillars` JSON), and entity and owner refs get sort keys that order as
 * `localeCompare` does (the order the page has always had; see
 * `src/scoring/sortKey.ts`). Existing rows are filled in from their JSON.
 * Down puts the table back as it was.
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

const NEXT = 'entity_scores_next';
const BATCH = 200;

/**
 * Copies every row of `entity_scores` into `entity_scores_next` (in
 * batches, in key order: the details do not all fit in memory), then puts
 * the copy in its place. Its indexes are to be created again.
 *
 * @param {import('knex').Knex} knex
 * @param {(row: Record<string, unknown>) => Record<string, unknown>} map
 */
async function replaceTable(knex, map) {
  let after = '';
  for (;;) {
    const rows = await knex('entity_scores')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(BATCH);
    if (rows.length === 0) {
      break;
    }
    after = rows[rows.length - 1].entity_ref;
    await knex(NEXT).insert(rows.map(map));
  }
  await knex.schema.dropTable('entity_scores');
  await knex.schema.renameTable(NEXT, 'entity_scores');
}

/**
 * The table is built anew (copied, then renamed) so that `detail`, the
 * large JSON, is its last column: SQLite keeps what follows a large value
 * on overflow pages, and ordering 10,000 rows by a column there reads them
 * all.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(NEXT, table => {
    table.comment('Current score of each ML service, for rollups');
    table.string('entity_ref', 512).notNullable();
    table.primary(['entity_ref'], 'entity_scores_ref_pkey');
    table
      .text('entity_ref_key')
      .notNullable()
      .comment('Sort key of entity_ref (orders as localeCompare)');
    table.string('owner', 512).nullable().comment('Owner when scored');
    table
      .text('owner_key')
      .nullable()
      .comment('Sort key of owner; null without an owner');
    table.integer('resource_count').notNullable();
    table.float('score').nullable();
    table.string('grade', 1).nullable();
    for (const pillar of PILLARS) {
      table.float(`${pillar}_score`).nullable();
      table.string(`${pillar}_grade`, 1).nullable();
    }
    table.integer('fail_count').notNullable();
    table
      .text('pillars')
      .notNullable()
      .comment('JSON: score and grade of each pillar');
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('Hash of the row; unchanged rows are not rewritten');
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table
      .text('detail')
      .notNullable()
      .comment('JSON: full score, worst findings, results that cap grades');
  });

  await replaceTable(knex, row => {
    /** @type {Array<{pillar: string, score: number | null, grade: string | null}>} */
    const pillars = JSON.parse(String(row.pillars));
    /** @type {Record<string, unknown>} */
    const copy = {
      ...row,
      entity_ref_key: sortKey(String(row.entity_ref)),
      owner_key: row.owner ? sortKey(String(row.owner)) : null,
    };
    for (const pillar of PILLARS) {
      const found = pillars.find(p => p.pillar === pillar);
      copy[`${pillar}_score`] = found?.score ?? null;
      copy[`${pillar}_grade`] = found?.grade ?? null;
    }
    return copy;
  });
  await knex.schema.alterTable('entity_scores', table => {
    table.index(['owner'], 'entity_scores_owner_idx');
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
  // As 20261126230000_entity_scores created it.
  await knex.schema.createTable(NEXT, table => {
    table.comment('Current score of each ML service, for rollups');
    table.string('entity_ref', 512).notNullable();
    table.primary(['entity_ref'], 'entity_scores_pkey');
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
  });
  const dropped = new Set([
    'entity_ref_key',
    'owner_key',
    ...PILLARS.flatMap(p => [`${p}_score`, `${p}_grade`]),
  ]);
  await replaceTable(knex, row =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !dropped.has(k))),
  );
  await knex.schema.alterTable('entity_scores', table => {
    table.index(['owner'], 'entity_scores_owner_idx');
  });
};
