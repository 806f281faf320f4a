/**
 * The org page the database filters, orders and pages
 * (`DatabaseEntityScoreStore.page`) is the page `pageOrgRows` computes in
 * memory over the same rows (the oracle: how the page was computed before),
 * on randomised rows and queries: every order and direction, per pillar,
 * the owner and grade filters, rows without a value, ties, refs that
 * `localeCompare` orders unlike bytes (case, `_`), paging, and a caller who
 * may see only some services (bound as `IN`, as `NOT IN`, or too many to
 * bind).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ALL_PILLARS,
  GRADES,
  Grade,
  OrgRollupQuery,
  Score,
} from '@mlsec/plugin-sagemaker-security-common';
import { DatabaseEntityScoreStore } from '../scoring/DatabaseEntityScoreStore';
import type {
  EntityScoreRow,
  EntityScoreSummary,
  VisibleRefs,
} from '../scoring/EntityScoreStore';
import { migrateResultsTables } from './__testUtils__/migrations';
import { pageOrgRows } from './orgPage';

jest.setTimeout(120_000);

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}

type Random = ReturnType<typeof random>;

const counts = {
  pass: 1,
  fail: 0,
  warn: 0,
  unknown: 0,
  not_applicable: 0,
  waived: 0,
};

/** Few distinct values, so that ties and rows without a value are common. */
function scoreAndGrade(r: Random): {
  score: number | null;
  grade: Grade | null;
} {
  if (r.next() < 0.2) {
    return { score: null, grade: null };
  }
  return {
    score: r.pick([0, 12.5, 50, 74.4, 74.4, 90, 100]),
    grade: r.pick(GRADES),
  };
}

function randomRows(r: Random, n: number): EntityScoreRow[] {
  const names = new Set<string>();
  while (names.size < n) {
    const length = 1 + r.int(4);
    // Letters of both cases and the catalog's separators: localeCompare
    // orders these unlike bytes ('_' < '-', 'a' < 'B').
    names.add(Array.from({ length }, () => r.pick([...'abAB1-_.'])).join(''));
  }
  const owners = [
    undefined,
    'group:default/team-a',
    'group:default/Team-b',
    'group:default/team_a',
    'group:default/team',
  ];
  return [...names].map(name => {
    const pillars = ALL_PILLARS.filter(() => r.next() < 0.8).map(pillar => ({
      pillar,
      ...scoreAndGrade(r),
      counts,
    }));
    const score: Score = {
      ...scoreAndGrade(r),
      pillars,
      counts: { ...counts, fail: r.int(3) },
    };
    const owner = r.pick(owners);
    return {
      entityRef: `${r.pick(['component', 'Component'])}:default/${name}`,
      ...(owner ? { owner } : {}),
      resourceCount: r.int(3),
      score,
      worstFindings: [],
      capResults: [],
    };
  });
}

function summaryOf(row: EntityScoreRow): EntityScoreSummary {
  return {
    entityRef: row.entityRef,
    ...(row.owner ? { owner: row.owner } : {}),
    resourceCount: row.resourceCount,
    score: {
      score: row.score.score,
      grade: row.score.grade,
      pillars: row.score.pillars.map(p => ({
        pillar: p.pillar,
        score: p.score,
        grade: p.grade,
      })),
      counts: { fail: row.score.counts.fail },
    },
  };
}

const ORDERS: Array<OrgRollupQuery['orderBy']> = [
  undefined,
  'score',
  'entityRef',
  'owner',
  'resourceCount',
  'fail',
];

function randomQuery(r: Random, rows: EntityScoreRow[]): OrgRollupQuery {
  const query: OrgRollupQuery = {
    orderBy: r.pick(ORDERS),
    order: r.pick([undefined, 'asc', 'desc'] as const),
  };
  if (r.next() < 0.6) query.pillar = r.pick(ALL_PILLARS);
  if (r.next() < 0.3) query.owner = r.pick(rows.flatMap(x => x.owner ?? []));
  if (r.next() < 0.3) query.grade = r.pick(GRADES);
  if (r.next() < 0.7) query.offset = r.int(rows.length);
  if (r.next() < 0.8) query.limit = 1 + r.int(20);
  return query;
}

describe('the org page in SQL agrees with pageOrgRows', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'on randomised rows and queries, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const store = new DatabaseEntityScoreStore(knex);
      // Binds no refs: orders refs in SQL and keeps the visible ones.
      const unbound = new DatabaseEntityScoreStore(knex, { maxBoundRefs: 0 });
      const r = random(20261207);
      let compared = 0;
      for (let round = 0; round < 3; round++) {
        const rows = randomRows(r, 60 + r.int(60));
        await store.replaceAll(rows, new Date());
        const stored = new Map(rows.map(row => [row.entityRef, row]));
        const summaries = rows
          .filter(row => row.resourceCount > 0)
          .map(summaryOf);
        // Every order, direction and pillar at least once, then at random.
        const queries: OrgRollupQuery[] = ORDERS.flatMap(orderBy =>
          (['asc', 'desc'] as const).flatMap(order =>
            [undefined, ...ALL_PILLARS].map(pillar => ({
              orderBy,
              order,
              pillar,
              limit: 1000,
            })),
          ),
        );
        for (let i = 0; i < 150; i++) queries.push(randomQuery(r, rows));
        for (const query of queries) {
          // All visible; a few hidden (NOT IN); a few shown (IN); about
          // half of each, more than the store binds (ordered refs only).
          const share = r.pick([1, 0.9, 0.1, 0.5]);
          const allowed = new Set(
            rows.filter(() => r.next() < share).map(x => x.entityRef),
          );
          const visible: VisibleRefs =
            share === 1
              ? { all: true, allowed: async refs => new Set(refs) }
              : {
                  all: false,
                  allowed: async refs =>
                    new Set(refs.filter(ref => allowed.has(ref))),
                };
          const expected = pageOrgRows(
            share === 1
              ? summaries
              : summaries.filter(s => allowed.has(s.entityRef)),
            query,
          );
          const actual = await (share === 0.5 ? unbound : store).page(
            query,
            visible,
          );
          const context = JSON.stringify({ round, query, share });
          expect([context, actual.items.map(x => x.entityRef)]).toEqual([
            context,
            expected.items.map(x => x.entityRef),
          ]);
          expect([
            context,
            actual.totalCount,
            actual.offset,
            actual.limit,
          ]).toEqual([
            context,
            expected.totalCount,
            expected.offset,
            expected.limit,
          ]);
          // The page's rows are the stored rows, complete.
          expect(actual.items).toEqual(
            actual.items.map(x => stored.get(x.entityRef)),
          );
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThan(600);
    },
  );
});
