/**
 * The notifier's marks table: created by its migration, used by the store
 * (compare and set), and the migration goes down and up again, on SQLite
 * and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  MIGRATIONS_DIRECTORY,
  NOTIFICATION_MARKS_MIGRATION,
} from '../service/__testUtils__/migrations';
import { NotificationMarks } from './NotificationMarks';

jest.setTimeout(60_000);

describe('notification_marks migration and store', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  it.each(databases.eachSupportedId())(
    'creates the table, claims each change once, goes down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const marks = new NotificationMarks(knex);
      const at = new Date();
      const arn = `arn:aws:sagemaker:eu-west-1:111111111111:notebook-instance/${'x'.repeat(
        600,
      )}|check`;

      expect(
        await marks.compareAndSet('finding', arn, undefined, 't1', at),
      ).toBe(true);
      // A second claim of the same change (another replica) loses.
      expect(
        await marks.compareAndSet('finding', arn, undefined, 't1', at),
      ).toBe(false);
      expect(await marks.get('finding', [arn, 'other'])).toEqual(
        new Map([[arn, 't1']]),
      );
      // A later change is claimed against the value seen.
      expect(await marks.compareAndSet('finding', arn, 't0', 't2', at)).toBe(
        false,
      );
      expect(await marks.compareAndSet('finding', arn, 't1', 't2', at)).toBe(
        true,
      );
      // Giving a claim back restores what was there.
      await marks.release('finding', arn, 't2', 't1', at);
      expect((await marks.get('finding', [arn])).get(arn)).toBe('t1');
      await marks.release('finding', arn, 't1', undefined, at);
      expect(await marks.get('finding', [arn])).toEqual(new Map());
      // Kinds are apart.
      await marks.compareAndSet(
        'grade',
        'component:default/a',
        undefined,
        'B',
        at,
      );
      expect(await marks.get('finding', ['component:default/a'])).toEqual(
        new Map(),
      );

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: NOTIFICATION_MARKS_MIGRATION,
      });
      expect(await knex.schema.hasTable('notification_marks')).toBe(false);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: NOTIFICATION_MARKS_MIGRATION,
      });
      expect(await knex.schema.hasTable('notification_marks')).toBe(true);
    },
  );
});
