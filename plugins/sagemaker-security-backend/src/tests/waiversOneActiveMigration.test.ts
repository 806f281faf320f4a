/**
 * The migration behind "one active waiver per entity, check and resource"
 * (issue 14, item 3) goes up and down on SQLite and PostgreSQL: it resolves
 * the duplicates concurrent creates left behind (with audit events), then
 * its index refuses a second active waiver; down lets duplicates in again.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  ENTITY_SCORES_MIGRATION,
  MIGRATIONS_DIRECTORY,
  RESULTS_MIGRATION,
  WAIVERS_ONE_ACTIVE_MIGRATION,
} from '../service/__testUtils__/migrations';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();

function waiver(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    entity_ref: 'component:default/fraud-scoring',
    check_id: 'endpoint-kms',
    resource_arn: '*',
    reason: 'migrating keys this quarter',
    created_by: 'user:default/alice',
    created_at: new Date(now - 5 * DAY),
    expires_at: new Date(now + 10 * DAY),
    ...overrides,
  };
}

async function insertOutcome(knex: Knex, row: object): Promise<string> {
  // The driver's error may come from another realm than Jest's.
  return knex('waivers')
    .insert(row)
    .then(
      () => 'inserted',
      (error: unknown) => String((error as Error)?.message ?? error),
    );
}

describe('migration 20261201120000_waivers_one_active', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'resolves duplicates, then admits one active waiver per key; and down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const migrate = (name: string) =>
        knex.migrate.up({
          directory: MIGRATIONS_DIRECTORY,
          name,
          loadExtensions: ['.js'],
        });
      await migrate(RESULTS_MIGRATION);
      await migrate(ENTITY_SCORES_MIGRATION);

      // What three racing creates and an unrecorded expiry left behind.
      await knex('waivers').insert([
        waiver('w-short', { expires_at: new Date(now + 2 * DAY) }),
        waiver('w-long', { expires_at: new Date(now + 20 * DAY) }),
        waiver('w-mid'),
        waiver('w-lapsed', { expires_at: new Date(now - DAY) }),
        waiver('w-other-check', { check_id: 'endpoint-capture' }),
        waiver('w-revoked', {
          revoked_by: 'user:default/bob',
          revoked_at: new Date(now - DAY),
        }),
      ]);

      await migrate(WAIVERS_ONE_ACTIVE_MIGRATION);

      const rows = await knex('waivers').orderBy('id');
      const byId = new Map(rows.map(r => [r.id, r]));
      // The longest-lasting stays in force; the other duplicates are revoked.
      expect(byId.get('w-long').revoked_at).toBeNull();
      for (const id of ['w-short', 'w-mid']) {
        expect(byId.get(id).revoked_by).toBe('sagemaker-security');
        expect(byId.get(id).revoke_reason).toContain('w-long');
      }
      // The lapsed one got its expiry recorded, as the expiry task would.
      expect(Boolean(byId.get('w-lapsed').expiry_recorded)).toBe(true);
      expect(byId.get('w-other-check').revoked_at).toBeNull();
      const events = await knex('waiver_events').orderBy('id');
      expect(
        events.map(e => [e.waiver_id, e.event, e.actor ?? null]).sort(),
      ).toEqual(
        [
          ['w-lapsed', 'expired', null],
          ['w-mid', 'revoked', 'sagemaker-security'],
          ['w-short', 'revoked', 'sagemaker-security'],
        ].sort(),
      );

      // A second active waiver of a key is refused; revoked ones are not counted.
      expect(await insertOutcome(knex, waiver('w-dup'))).toMatch(
        /unique|duplicate/i,
      );
      expect(
        await insertOutcome(
          knex,
          waiver('w-old', {
            revoked_by: 'user:default/bob',
            revoked_at: new Date(now),
          }),
        ),
      ).toBe('inserted');
      expect(
        await insertOutcome(
          knex,
          waiver('w-other-resource', { resource_arn: 'arn:aws:x' }),
        ),
      ).toBe('inserted');

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: WAIVERS_ONE_ACTIVE_MIGRATION,
        loadExtensions: ['.js'],
      });
      expect(await insertOutcome(knex, waiver('w-dup'))).toBe('inserted');
      // And up again refuses to leave the duplicate active.
      await migrate(WAIVERS_ONE_ACTIVE_MIGRATION);
      expect(
        (await knex('waivers').where({ id: 'w-dup' }).first()).revoked_by,
      ).toBe('sagemaker-security');
      await knex.destroy();
    },
  );
});
