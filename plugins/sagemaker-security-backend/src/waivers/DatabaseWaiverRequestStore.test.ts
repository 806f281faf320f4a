/**
 * The waiver request store on SQLite and PostgreSQL: the migration up and
 * down, one pending request per key, the trail, and decisions that race
 * (exactly one wins; an approval that cannot create its waiver changes
 * nothing).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  MIGRATIONS_DIRECTORY,
  WAIVER_REQUESTS_MIGRATION,
  migrateResultsTables,
} from '../service/__testUtils__/migrations';
import { DatabaseWaiverRequestStore } from './DatabaseWaiverRequestStore';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import type { NewWaiverRequestRow } from './WaiverRequestStore';

jest.setTimeout(60_000);

const ENTITY = 'component:default/fraud-scoring';
const ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:notebook-instance/nb';
const ALICE = 'user:default/alice';
const SEC1 = 'user:default/sec-one';
const SEC2 = 'user:default/sec-two';
const T0 = new Date('2026-11-01T00:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 60 * 60 * 1000);

function row(overrides: Partial<NewWaiverRequestRow> = {}) {
  return {
    entityRef: ENTITY,
    checkId: 'internet',
    resourceArn: ARN,
    reason: 'demo week, isolated',
    expiresAt: hours(48),
    requestedBy: ALICE,
    ...overrides,
  };
}

function waiverOf(request: NewWaiverRequestRow, approver: string) {
  return {
    entityRef: request.entityRef,
    checkId: request.checkId,
    resourceArn: request.resourceArn,
    reason: request.reason,
    createdBy: request.requestedBy,
    expiresAt: request.expiresAt,
    createdDetail: `${request.reason} (approved by ${approver})`,
  };
}

describe('DatabaseWaiverRequestStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    return {
      knex,
      requests: new DatabaseWaiverRequestStore(knex),
      waivers: new DatabaseWaiverStore(knex),
    };
  }

  it.each(databases.eachSupportedId())(
    'stores a pending request with its trail, one pending per key, lists newest first, %p',
    async databaseId => {
      const { requests } = await setUp(databaseId);
      const first = await requests.create(row(), T0);
      expect(first).toEqual({
        id: expect.any(String),
        entityRef: ENTITY,
        checkId: 'internet',
        resourceArn: ARN,
        reason: 'demo week, isolated',
        expiresAt: hours(48).toISOString(),
        requestedBy: ALICE,
        requestedAt: T0.toISOString(),
        status: 'pending',
      });
      // The same key again, also when two race: the index refuses it.
      const again = await Promise.allSettled([
        requests.create(row(), hours(1)),
        requests.create(row(), hours(1)),
      ]);
      for (const outcome of again) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason;
        expect(reason).toBeInstanceOf(ConflictError);
        expect(reason.message).toContain(first.id);
      }
      const other = await requests.create(
        row({ checkId: 'kms', resourceArn: '*' }),
        hours(2),
      );
      const elsewhere = await requests.create(
        row({ entityRef: 'component:default/recsys' }),
        hours(3),
      );
      expect((await requests.list({})).map(r => r.id)).toEqual([
        elsewhere.id,
        other.id,
        first.id,
      ]);
      expect(
        (await requests.list({ entityRefs: [ENTITY] })).map(r => r.id),
      ).toEqual([other.id, first.id]);
      expect(await requests.list({ entityRefs: [] })).toEqual([]);
      expect(await requests.listEvents(first.id)).toEqual([
        {
          event: 'requested',
          actor: ALICE,
          at: T0.toISOString(),
          detail: 'demo week, isolated',
        },
      ]);
      expect(await requests.get('no-such-id')).toBeUndefined();

      // Once decided, the key is free for a new request.
      await requests.close(first.id, 'withdrawn', {
        actor: ALICE,
        at: hours(4),
      });
      const next = await requests.create(row(), hours(5));
      expect(next.status).toBe('pending');
      expect(
        (await requests.list({ status: 'withdrawn' })).map(r => r.id),
      ).toEqual([first.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'approves once when two approvers race: one waiver, one approved event, the other is told it was decided, %p',
    async databaseId => {
      const { requests, waivers } = await setUp(databaseId);
      const input = row();
      const request = await requests.create(input, T0);
      const outcomes = await Promise.all(
        [SEC1, SEC2].map(approver =>
          requests.approve(
            request.id,
            { actor: approver, comment: `ok from ${approver}`, at: hours(1) },
            waiverOf(input, approver),
          ),
        ),
      );
      const winners = outcomes.filter(o => o !== undefined);
      expect(winners).toHaveLength(1);
      const { request: approved, waiver } = winners[0]!;
      expect(approved).toMatchObject({
        status: 'approved',
        decidedAt: hours(1).toISOString(),
        waiverId: waiver.id,
      });
      expect([SEC1, SEC2]).toContain(approved.decidedBy);
      expect(approved.comment).toBe(`ok from ${approved.decidedBy}`);
      expect(waiver).toMatchObject({
        status: 'active',
        createdBy: ALICE,
        expiresAt: hours(48).toISOString(),
      });
      expect(
        await waivers.list({ entityRefs: [ENTITY] }, hours(2)),
      ).toHaveLength(1);
      expect(await waivers.listEvents(waiver.id)).toEqual([
        expect.objectContaining({
          event: 'created',
          actor: ALICE,
          detail: `demo week, isolated (approved by ${approved.decidedBy})`,
        }),
      ]);
      expect(
        (await requests.listEvents(request.id)).map(e => [e.event, e.actor]),
      ).toEqual([
        ['requested', ALICE],
        ['approved', approved.decidedBy],
      ]);
      // Decided requests cannot be decided again.
      expect(
        await requests.close(request.id, 'denied', {
          actor: SEC1,
          comment: 'too late now',
          at: hours(2),
        }),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'a deny racing an approve: exactly one decision; an approval whose waiver conflicts changes nothing, %p',
    async databaseId => {
      const { requests, waivers } = await setUp(databaseId);
      const input = row();
      const request = await requests.create(input, T0);
      const [approval, denial] = await Promise.all([
        requests.approve(
          request.id,
          { actor: SEC1, at: hours(1) },
          waiverOf(input, SEC1),
        ),
        requests.close(request.id, 'denied', {
          actor: SEC2,
          comment: 'fix it instead',
          at: hours(1),
        }),
      ]);
      expect([approval, denial].filter(o => o !== undefined)).toHaveLength(1);
      expect((await requests.listEvents(request.id)).length).toBe(2);

      // A waiver of the key is already active: the approval is undone.
      const second = await requests.create(
        row({ checkId: 'kms', resourceArn: '*' }),
        hours(2),
      );
      await waivers.create(
        { ...waiverOf(input, SEC1), checkId: 'kms', resourceArn: '*' },
        hours(2),
      );
      await expect(
        requests.approve(
          second.id,
          { actor: SEC1, at: hours(3) },
          { ...waiverOf(input, SEC1), checkId: 'kms', resourceArn: '*' },
        ),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await requests.get(second.id)).toMatchObject({
        status: 'pending',
      });
      expect(await requests.listEvents(second.id)).toHaveLength(1);
      expect(
        await waivers.list(
          { entityRefs: [ENTITY], status: 'active' },
          hours(3),
        ),
      ).toHaveLength(approval ? 2 : 1);
      // Denied and withdrawn keep who and why.
      const denied = await requests.close(second.id, 'denied', {
        actor: SEC2,
        comment: 'a waiver is active already',
        at: hours(4),
      });
      expect(denied).toMatchObject({
        status: 'denied',
        decidedBy: SEC2,
        comment: 'a waiver is active already',
        decidedAt: hours(4).toISOString(),
      });
      expect(denied!.waiverId).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'the migration goes down and up again, %p',
    async databaseId => {
      const { knex, requests } = await setUp(databaseId);
      await requests.create(row(), T0);
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: WAIVER_REQUESTS_MIGRATION,
      });
      expect(await knex.schema.hasTable('waiver_requests')).toBe(false);
      expect(await knex.schema.hasTable('waiver_request_events')).toBe(false);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: WAIVER_REQUESTS_MIGRATION,
      });
      expect(await requests.list({})).toEqual([]);
      await requests.create(row(), T0);
      await expect(requests.create(row(), T0)).rejects.toBeInstanceOf(
        ConflictError,
      );
    },
  );
});
