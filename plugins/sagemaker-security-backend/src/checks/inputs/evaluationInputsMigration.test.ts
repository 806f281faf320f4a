/**
 * The evaluation_inputs table: created by its migration, used by the store
 * (save, load, fail-closed reading, prune), and the migration goes down and
 * up again, on SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  EVALUATION_INPUTS_MIGRATION,
  MIGRATIONS_DIRECTORY,
} from '../../service/__testUtils__/migrations';
import { DatabaseEvaluationInputStore } from './EvaluationInputStore';

jest.setTimeout(60_000);

const TARGET = { accountId: '111111111111', region: 'eu-west-1' };
const arn = (name: string) =>
  `arn:aws:sagemaker:eu-west-1:111111111111:training-job/${name}`;

describe('evaluation_inputs migration and store', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  it.each(databases.eachSupportedId())(
    'stores, reads and prunes inputs; goes down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new DatabaseEvaluationInputStore(knex);
      const at = new Date();
      const long = arn('x'.repeat(1500));
      expect(
        await store.save(
          [
            {
              resourceArn: arn('a'),
              ...TARGET,
              fingerprint: 'f1',
              inputs: ['k1', 'k2'],
            },
            { resourceArn: long, ...TARGET, fingerprint: 'f2', inputs: [] },
            {
              resourceArn: arn('b'),
              ...TARGET,
              fingerprint: 'f3',
              inputs: ['k1'],
            },
          ],
          at,
        ),
      ).toBe(3);
      // A new fingerprint replaces the row; none (not computable) removes it.
      await store.save(
        [
          {
            resourceArn: arn('a'),
            ...TARGET,
            fingerprint: 'f4',
            inputs: ['k3'],
          },
          {
            resourceArn: arn('b'),
            ...TARGET,
            fingerprint: undefined,
            inputs: [],
          },
        ],
        at,
      );
      expect(await store.load(TARGET)).toEqual(
        new Map([
          [arn('a'), { fingerprint: 'f4', inputs: ['k3'] }],
          [long, { fingerprint: 'f2', inputs: [] }],
        ]),
      );
      expect(await store.load({ ...TARGET, region: 'us-east-1' })).toEqual(
        new Map(),
      );
      // A list that cannot be read is given as undefined: evaluate.
      await knex('evaluation_inputs')
        .where({ resource_arn: long })
        .update({ inputs: '{"not":"a list"}' });
      expect((await store.load(TARGET)).get(long)).toEqual({
        fingerprint: 'f2',
        inputs: undefined,
      });
      expect(await store.prune(TARGET, new Set([arn('a')]))).toBe(1);
      expect([...(await store.load(TARGET)).keys()]).toEqual([arn('a')]);

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: EVALUATION_INPUTS_MIGRATION,
      });
      expect(await knex.schema.hasTable('evaluation_inputs')).toBe(false);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: EVALUATION_INPUTS_MIGRATION,
      });
      expect(await knex.schema.hasTable('evaluation_inputs')).toBe(true);
    },
  );
});
