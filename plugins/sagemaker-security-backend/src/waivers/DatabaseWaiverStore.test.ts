import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import { applyWaivers } from './applyWaivers';
import { StoredResult } from '../checks/ResultStore';

jest.setTimeout(60_000);

const ENTITY = 'component:default/fraud-scoring';
const ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:notebook-instance/nb';
const T0 = new Date('2026-11-01T00:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 60 * 60 * 1000);

function stored(
  checkId: string,
  status: StoredResult['status'],
  resourceArn = ARN,
): StoredResult {
  return {
    resourceArn,
    checkId,
    resourceType: 'notebook-instance',
    resourceName: 'nb',
    accountId: '111111111111',
    region: 'eu-west-1',
    pillar: 'network',
    severity: 'critical',
    status,
    message: '',
    evidence: [],
    since: T0.toISOString(),
    evaluatedAt: T0.toISOString(),
  };
}

describe('DatabaseWaiverStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    return new DatabaseWaiverStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'lapses a waiver at its expiry, and records created, revoked and expired events, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const expiring = await store.create(
        {
          entityRef: ENTITY,
          checkId: 'internet',
          resourceArn: ARN,
          reason: 'demo week',
          createdBy: 'user:default/alice',
          expiresAt: hours(24),
        },
        T0,
      );
      const revoked = await store.create(
        {
          entityRef: ENTITY,
          checkId: 'kms',
          resourceArn: '*',
          reason: 'key migration',
          createdBy: 'user:default/alice',
          expiresAt: hours(48),
        },
        T0,
      );
      expect(expiring).toMatchObject({
        status: 'active',
        createdAt: T0.toISOString(),
        expiresAt: hours(24).toISOString(),
        createdBy: 'user:default/alice',
      });

      // Status follows the clock: active before, expired from the expiry on.
      expect((await store.get(expiring.id, hours(23)))!.status).toBe('active');
      expect((await store.get(expiring.id, hours(24)))!.status).toBe('expired');
      expect(
        (
          await store.list(
            { entityRefs: [ENTITY], status: 'active' },
            hours(30),
          )
        ).map(w => w.id),
      ).toEqual([revoked.id]);

      const done = await store.revoke(
        revoked.id,
        'user:default/bob',
        'fixed',
        hours(2),
      );
      expect(done).toMatchObject({
        status: 'revoked',
        revokedBy: 'user:default/bob',
        revokedAt: hours(2).toISOString(),
      });
      // Neither a revoked nor an expired waiver can be revoked.
      await expect(
        store.revoke(revoked.id, 'user:default/bob', undefined, hours(3)),
      ).resolves.toBeUndefined();
      await expect(
        store.revoke(expiring.id, 'user:default/bob', undefined, hours(25)),
      ).resolves.toBeUndefined();

      // Expiry is recorded once.
      await expect(store.recordExpired(hours(23))).resolves.toBe(0);
      await expect(store.recordExpired(hours(25))).resolves.toBe(1);
      await expect(store.recordExpired(hours(26))).resolves.toBe(0);

      expect(await store.listEvents(expiring.id)).toEqual([
        {
          waiverId: expiring.id,
          event: 'created',
          actor: 'user:default/alice',
          at: T0.toISOString(),
          detail: 'demo week',
        },
        {
          waiverId: expiring.id,
          event: 'expired',
          at: hours(24).toISOString(),
        },
      ]);
      expect((await store.listEvents(revoked.id)).map(e => e.event)).toEqual([
        'created',
        'revoked',
      ]);
      expect(
        (await store.list({ status: 'revoked' }, hours(30))).map(w => w.id),
      ).toEqual([revoked.id]);
      expect(
        (await store.list({ status: 'expired' }, hours(30))).map(w => w.id),
      ).toEqual([expiring.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'ten concurrent identical creates leave exactly one active waiver, the others a ConflictError naming it (was: three active), %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const waiver = {
        entityRef: ENTITY,
        checkId: 'internet',
        resourceArn: ARN,
        reason: 'demo week',
        createdBy: 'user:default/alice',
        expiresAt: hours(24),
      };
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => store.create(waiver, T0)),
      );
      const created = outcomes.flatMap(o =>
        o.status === 'fulfilled' ? [o.value] : [],
      );
      const refused = outcomes.flatMap(o =>
        o.status === 'rejected' ? [o.reason as Error] : [],
      );
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(9);
      for (const error of refused) {
        expect(error.name).toBe('ConflictError');
        expect(error.message).toContain(created[0].id);
      }
      expect(
        (await store.list({ status: 'active' }, hours(1))).map(w => w.id),
      ).toEqual([created[0].id]);
      // Another resource, check or entity is another key.
      await store.create({ ...waiver, resourceArn: '*' }, T0);
      await store.create({ ...waiver, checkId: 'kms' }, T0);
      await store.create({ ...waiver, entityRef: 'component:default/b' }, T0);
      expect(await store.list({ status: 'active' }, hours(1))).toHaveLength(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'a lapsed or revoked waiver makes way for its successor, and the expiry is recorded once, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const waiver = {
        entityRef: ENTITY,
        checkId: 'internet',
        resourceArn: ARN,
        reason: 'demo week',
        createdBy: 'user:default/alice',
      };
      const first = await store.create({ ...waiver, expiresAt: hours(1) }, T0);
      // Lapsed, its expiry not yet recorded by the expiry task.
      const second = await store.create(
        { ...waiver, expiresAt: hours(10) },
        hours(2),
      );
      expect((await store.listEvents(first.id)).map(e => e.event)).toEqual([
        'created',
        'expired',
      ]);
      await expect(store.recordExpired(hours(3))).resolves.toBe(0);
      await store.revoke(second.id, 'user:default/bob', 'fixed', hours(3));
      const third = await store.create(
        { ...waiver, expiresAt: hours(20) },
        hours(4),
      );
      expect(
        (await store.list({ status: 'active' }, hours(4))).map(w => w.id),
      ).toEqual([third.id]);
    },
  );
});

describe('applyWaivers', () => {
  const active = {
    id: 'w1',
    checkId: 'internet',
    resourceArn: ARN,
    entityRef: ENTITY,
    reason: 'demo',
    createdBy: 'user:default/alice',
    createdAt: T0.toISOString(),
    expiresAt: hours(24).toISOString(),
    status: 'active' as const,
  };

  it('waives non-passing results of the waived check and resource only', () => {
    const results = applyWaivers(
      [
        stored('internet', 'fail'),
        stored('internet', 'fail', `${ARN}-other`),
        stored('kms', 'fail'),
      ],
      [active],
    );
    expect(
      results.map(r => [r.checkId, r.resourceArn === ARN, r.status]),
    ).toEqual([
      ['internet', true, 'waived'],
      ['internet', false, 'fail'],
      ['kms', true, 'fail'],
    ]);
    expect(results[0].evaluatedStatus).toBe('fail');
    expect(results[0].waiver!.id).toBe('w1');
  });

  it('covers every resource with *, and leaves pass and not_applicable alone', () => {
    const all = { ...active, resourceArn: '*' };
    expect(
      applyWaivers(
        [
          stored('internet', 'unknown', 'arn:x'),
          stored('internet', 'warn', 'arn:y'),
          stored('internet', 'pass', 'arn:z'),
          stored('internet', 'not_applicable', 'arn:w'),
        ],
        [all],
      ).map(r => r.status),
    ).toEqual(['waived', 'waived', 'pass', 'not_applicable']);
  });

  it('ignores expired and revoked waivers', () => {
    for (const status of ['expired', 'revoked'] as const) {
      expect(
        applyWaivers([stored('internet', 'fail')], [{ ...active, status }])[0]
          .status,
      ).toBe('fail');
    }
  });
});
