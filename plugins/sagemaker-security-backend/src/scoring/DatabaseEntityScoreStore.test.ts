import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  Finding,
  Grade,
  Score,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ENTITY_SCORE_RUNS_CATALOG_MIGRATION,
  ENTITY_SCORES_MIGRATION,
  MIGRATIONS_DIRECTORY,
  migrateResultsTables,
} from '../service/__testUtils__/migrations';
import { toIsoString } from '../util/time';
import { DatabaseEntityScoreStore } from './DatabaseEntityScoreStore';
import { EntityScoreRow } from './EntityScoreStore';

jest.setTimeout(60_000);

function score(value: number | null, fail: number): Score {
  let grade: Grade | null = null;
  if (value !== null) {
    grade = value >= 90 ? 'A' : 'D';
  }
  const counts = {
    pass: 2,
    fail,
    warn: 0,
    unknown: 1,
    not_applicable: 0,
    waived: 0,
  };
  return {
    score: value,
    grade,
    pillars: [
      { pillar: 'encryption', score: value, grade, counts },
      { pillar: 'network', score: null, grade: null, counts },
    ],
    counts,
  };
}

const finding: Finding = {
  entityRef: 'component:default/a',
  result: {
    resourceArn: 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/a',
    checkId: 'endpoint-kms',
    resourceType: 'endpoint',
    resourceName: 'a',
    accountId: '111111111111',
    region: 'eu-west-1',
    pillar: 'encryption',
    severity: 'high',
    status: 'fail',
    evaluatedStatus: 'fail',
    message: 'no key',
    evidence: [],
    since: '2026-11-20T10:00:00.000Z',
    evaluatedAt: '2026-11-26T10:00:00.000Z',
  },
  check: {
    id: 'endpoint-kms',
    title: 'Endpoint encrypted',
    pillar: 'encryption',
    severity: 'high',
  },
};

function row(
  entityRef: string,
  value: number | null,
  resourceCount = 2,
): EntityScoreRow {
  return {
    entityRef,
    owner: 'group:default/team',
    resourceCount,
    score: score(value, value === null ? 0 : 1),
    worstFindings: [finding],
    capResults: [
      {
        checkId: 'endpoint-kms',
        pillar: 'encryption',
        severity: 'high',
        status: 'fail',
      },
    ],
  };
}

describe('DatabaseEntityScoreStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'replaces, upserts and reads rows, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const store = new DatabaseEntityScoreStore(knex);
      const first = new Date('2026-11-26T10:00:00.000Z');
      const later = new Date('2026-11-26T11:00:00.000Z');

      await expect(store.getComputedAt()).resolves.toBeUndefined();
      await store.replaceAll(
        [row('component:default/a', 74.4), row('component:default/b', 95)],
        first,
      );
      await expect(store.getComputedAt()).resolves.toBe(first.toISOString());
      const [a] = await store.getByRefs(['component:default/a']);
      expect(a).toEqual(row('component:default/a', 74.4));

      // An unchanged row is not rewritten; a gone one is deleted; a new one
      // (without resources) is stored but not summarised.
      await store.replaceAll(
        [row('component:default/a', 74.4), row('component:default/c', null, 0)],
        later,
      );
      const updated = await knex('entity_scores')
        .where({ entity_ref: 'component:default/a' })
        .first();
      expect(toIsoString(updated.updated_at)).toBe(first.toISOString());
      await expect(
        store.getByRefs(['component:default/b', 'component:default/c']),
      ).resolves.toEqual([row('component:default/c', null, 0)]);
      await expect(store.getComputedAt()).resolves.toBe(later.toISOString());
      await expect(store.listSummaries()).resolves.toEqual([
        {
          entityRef: 'component:default/a',
          owner: 'group:default/team',
          resourceCount: 2,
          score: {
            score: 74.4,
            grade: 'D',
            pillars: [
              { pillar: 'encryption', score: 74.4, grade: 'D' },
              { pillar: 'network', score: null, grade: null },
            ],
            counts: { fail: 1 },
          },
        },
      ]);

      // One row rescored; the recomputation time stays.
      await store.upsert([row('component:default/a', 96)], later);
      const [rescored] = await store.getByRefs(['component:default/a']);
      expect(rescored.score.score).toBe(96);
      await expect(store.getComputedAt()).resolves.toBe(later.toISOString());
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps what each recomputation saw of the catalog, and stores a catch-up only if no other recomputation finished meanwhile, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const store = new DatabaseEntityScoreStore(knex);
      const first = new Date('2026-11-26T10:00:00.000Z');
      const later = new Date('2026-11-26T11:00:00.000Z');
      const latest = new Date('2026-11-26T12:00:00.000Z');

      await expect(store.getRun()).resolves.toBeUndefined();
      await expect(
        store.replaceAll([row('component:default/a', 74.4)], first, {
          catalogFingerprint: 'catalog-1',
        }),
      ).resolves.toBe(true);
      await expect(store.getRun()).resolves.toEqual({
        computedAt: first.toISOString(),
        catalogFingerprint: 'catalog-1',
        version: 1,
      });

      // A catch-up started at version 1; an evaluation's recomputation
      // (newer results) finishes first: the catch-up stores nothing.
      await store.replaceAll([row('component:default/a', 80)], later, {
        catalogFingerprint: 'catalog-1',
      });
      await expect(
        store.replaceAll(
          [row('component:default/a', 74.4), row('component:default/b', 95)],
          latest,
          { catalogFingerprint: 'catalog-2', ifVersion: 1 },
        ),
      ).resolves.toBe(false);
      await expect(store.getRun()).resolves.toEqual({
        computedAt: later.toISOString(),
        catalogFingerprint: 'catalog-1',
        version: 2,
      });
      expect(
        (
          await store.getByRefs(['component:default/a', 'component:default/b'])
        ).map(r => [r.entityRef, r.score.score]),
      ).toEqual([['component:default/a', 80]]);

      // One service rescored (a waiver changed) also ends a catch-up
      // started before it.
      await store.upsert([row('component:default/a', 96)], latest);
      await expect(store.getRun()).resolves.toMatchObject({ version: 3 });
      await expect(
        store.replaceAll([row('component:default/a', 80)], latest, {
          catalogFingerprint: 'catalog-2',
          ifVersion: 2,
        }),
      ).resolves.toBe(false);
      await expect(
        store.replaceAll(
          [row('component:default/a', 96), row('component:default/b', 95)],
          latest,
          { catalogFingerprint: 'catalog-2', ifVersion: 3 },
        ),
      ).resolves.toBe(true);
      await expect(store.getRun()).resolves.toEqual({
        computedAt: latest.toISOString(),
        catalogFingerprint: 'catalog-2',
        version: 4,
      });
      expect(
        (await store.listSummaries()).map(s => s.entityRef).sort(),
      ).toEqual(['component:default/a', 'component:default/b']);
    },
  );

  it.each(databases.eachSupportedId())(
    'the catalog fingerprint migration keeps the last recomputation and goes down cleanly, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORES_MIGRATION,
      });
      const at = new Date('2026-11-26T10:00:00.000Z');
      await knex('entity_score_runs').insert({ id: 1, computed_at: at });
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORE_RUNS_CATALOG_MIGRATION,
      });
      // A store written before the migration: its next catch-up rescores.
      await expect(
        new DatabaseEntityScoreStore(knex).getRun(),
      ).resolves.toEqual({ computedAt: at.toISOString(), version: 0 });

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORE_RUNS_CATALOG_MIGRATION,
      });
      await expect(
        knex.schema.hasColumn('entity_score_runs', 'version'),
      ).resolves.toBe(false);
      await expect(
        knex.schema.hasColumn('entity_score_runs', 'catalog_fingerprint'),
      ).resolves.toBe(false);
      const [run] = await knex('entity_score_runs').select('computed_at');
      expect(toIsoString(run.computed_at)).toBe(at.toISOString());
    },
  );

  it.each(databases.eachSupportedId())(
    'the migration goes down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORES_MIGRATION,
      });
      await expect(knex.schema.hasTable('entity_scores')).resolves.toBe(false);
      await expect(knex.schema.hasTable('entity_score_runs')).resolves.toBe(
        false,
      );
      await migrateResultsTables(knex);
      await expect(knex.schema.hasTable('entity_scores')).resolves.toBe(true);
    },
  );
});
