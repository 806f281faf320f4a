import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { toIsoString } from '../util/time';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { DatabaseResultStore } from './DatabaseResultStore';
import { NewResult, resultKey } from './ResultStore';

jest.setTimeout(60_000);

const ARN_A = 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/a';
const ARN_B = 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/b';

function result(
  resourceArn: string,
  checkId: string,
  status: NewResult['status'],
  message = `${checkId} ${status}`,
): NewResult {
  return {
    resourceArn,
    checkId,
    resourceType: 'endpoint',
    resourceName: resourceArn.split('/').pop()!,
    accountId: '111111111111',
    region: 'eu-west-1',
    pillar: 'encryption',
    severity: 'high',
    status,
    message,
    evidence: [{ path: 'DescribeEndpointConfig.KmsKeyId', observed: null }],
  };
}

async function countRows(knex: Knex, table: string): Promise<number> {
  const [{ count }] = await knex(table).count({ count: '*' });
  return Number(count);
}

describe('DatabaseResultStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    return { knex, store: new DatabaseResultStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'stores, reads back and does not rewrite unchanged results, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const t1 = new Date('2026-11-26T10:00:00.000Z');
      const t2 = new Date('2026-11-26T11:00:00.000Z');
      const t3 = new Date('2026-11-26T12:00:00.000Z');

      const first = await store.saveResults(
        [result(ARN_A, 'kms', 'fail'), result(ARN_A, 'vpc', 'pass')],
        t1,
      );
      expect(first.map(t => [t.checkId, t.fromStatus, t.toStatus])).toEqual([
        ['kms', null, 'fail'],
        ['vpc', null, 'pass'],
      ]);
      await store.markEvaluated(
        { accountId: '111111111111', region: 'eu-west-1' },
        t1,
        'scan-1',
      );

      // Same content again: nothing written, no transitions.
      const again = await store.saveResults(
        [result(ARN_A, 'kms', 'fail'), result(ARN_A, 'vpc', 'pass')],
        t2,
      );
      expect(again).toEqual([]);
      const [row] = await knex('check_results').where({ check_id: 'kms' });
      expect(toIsoString(row.updated_at)).toBe(t1.toISOString());

      // A new message with the same status updates the row, keeps `since`.
      const messageOnly = await store.saveResults(
        [result(ARN_A, 'kms', 'fail', 'other words')],
        t2,
      );
      expect(messageOnly).toEqual([]);
      // A status change moves `since` and is a transition.
      const changed = await store.saveResults(
        [result(ARN_A, 'vpc', 'unknown')],
        t3,
      );
      expect(changed).toEqual([
        {
          resourceArn: ARN_A,
          checkId: 'vpc',
          fromStatus: 'pass',
          toStatus: 'unknown',
          at: t3.toISOString(),
        },
      ]);

      const stored = await store.listResults({ arns: [ARN_A] });
      expect(stored).toHaveLength(2);
      const kms = stored.find(r => r.checkId === 'kms')!;
      expect(kms.message).toBe('other words');
      expect(kms.since).toBe(t1.toISOString());
      expect(kms.evaluatedAt).toBe(t1.toISOString());
      expect(kms.evidence).toEqual([
        { path: 'DescribeEndpointConfig.KmsKeyId', observed: null },
      ]);
      const vpc = stored.find(r => r.checkId === 'vpc')!;
      expect(vpc.status).toBe('unknown');
      expect(vpc.since).toBe(t3.toISOString());
      await expect(store.getLastEvaluatedAt()).resolves.toBe(t1.toISOString());
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes results of a target that were not kept, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const t1 = new Date('2026-11-26T10:00:00.000Z');
      await store.saveResults(
        [
          result(ARN_A, 'kms', 'fail'),
          result(ARN_B, 'kms', 'pass'),
          {
            ...result(
              'arn:aws:sagemaker:us-east-1:111111111111:endpoint/c',
              'kms',
              'pass',
            ),
            region: 'us-east-1',
          },
        ],
        t1,
      );
      const removed = await store.pruneTarget(
        { accountId: '111111111111', region: 'eu-west-1' },
        new Set([resultKey(ARN_A, 'kms')]),
        t1,
      );
      expect(removed).toEqual([
        {
          resourceArn: ARN_B,
          checkId: 'kms',
          fromStatus: 'pass',
          toStatus: null,
          at: t1.toISOString(),
        },
      ]);
      expect(await countRows(knex, 'check_results')).toBe(2);
      // The other region is untouched.
      expect(
        await store.listResults({
          accountId: '111111111111',
          region: 'us-east-1',
        }),
      ).toHaveLength(1);
      await expect(store.listResults({ arns: [] })).resolves.toEqual([]);
    },
  );
});
