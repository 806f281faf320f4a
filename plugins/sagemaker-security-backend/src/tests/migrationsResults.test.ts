import { TestDatabases } from '@backstage/backend-test-utils';
import {
  MIGRATIONS_DIRECTORY,
  migrateResultsTables,
  RESULTS_MIGRATION,
} from '../service/__testUtils__/migrations';

jest.setTimeout(60_000);

const TABLES = [
  'check_results',
  'evaluation_targets',
  'result_transitions',
  'daily_scores',
  'waivers',
  'waiver_events',
];

describe('migration 20261126200000_results', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'creates and drops the results tables, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await migrateResultsTables(knex);
      for (const table of TABLES) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(true);
      }

      const at = new Date('2026-11-26T10:00:00.000Z');
      await knex('check_results').insert({
        resource_arn: 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/a',
        check_id: 'endpoint-kms',
        resource_type: 'endpoint',
        resource_name: 'a',
        account_id: '111111111111',
        region: 'eu-west-1',
        pillar: 'encryption',
        severity: 'high',
        status: 'fail',
        message: 'no key',
        evidence: '[]',
        fingerprint: 'abc',
        since: at,
        updated_at: at,
      });
      // The same pair twice violates the primary key.
      // (The driver's error may come from another realm than Jest's, so
      // it is caught by hand rather than with `rejects.toThrow`.)
      const duplicate = await knex('check_results')
        .insert({
          resource_arn: 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/a',
          check_id: 'endpoint-kms',
          resource_type: 'endpoint',
          resource_name: 'a',
          account_id: '111111111111',
          region: 'eu-west-1',
          pillar: 'encryption',
          severity: 'high',
          status: 'pass',
          message: '',
          evidence: '[]',
          fingerprint: 'def',
          since: at,
          updated_at: at,
        })
        .then(
          () => 'inserted',
          (error: unknown) => String((error as Error)?.message ?? error),
        );
      expect(duplicate).toMatch(/unique|duplicate/i);

      await knex('waivers').insert({
        id: 'w1',
        entity_ref: 'component:default/a',
        check_id: 'endpoint-kms',
        resource_arn: '*',
        reason: 'migrating keys this quarter',
        created_by: 'user:default/alice',
        created_at: at,
        expires_at: at,
      });
      await knex('waiver_events').insert({
        waiver_id: 'w1',
        event: 'created',
        actor: 'user:default/alice',
        at,
      });
      const [waiver] = await knex('waivers').where({ id: 'w1' });
      expect(Boolean(waiver.expiry_recorded)).toBe(false);

      await knex('daily_scores').insert({
        entity_ref: 'component:default/a',
        day: '2026-11-26',
        score: 72.5,
        grade: 'C',
        counts: '{}',
        updated_at: at,
      });
      const [daily] = await knex('daily_scores');
      expect(daily.score).toBeCloseTo(72.5);

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: RESULTS_MIGRATION,
        loadExtensions: ['.js'],
      });
      for (const table of TABLES) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(false);
      }

      // And up again after down.
      await migrateResultsTables(knex);
      await expect(knex.schema.hasTable('check_results')).resolves.toBe(true);
    },
  );
});
