import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type {
  RelatedFact,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { databaseOf } from '../__testUtils__/harness';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const target = { accountId: '111111111111', region: 'us-east-1' };
const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const T3 = '2026-01-03T00:00:00.000Z';

function resource(
  name: string,
  extra: Partial<SageMakerResource> = {},
): SageMakerResource {
  return {
    arn: `arn:aws:sagemaker:us-east-1:111111111111:model/${name}`,
    type: 'model',
    name,
    ...target,
    tags: { team: 'fraud', env: 'prod' },
    createdAt: T1,
    description: { ModelName: name, EnableNetworkIsolation: true },
    errors: [],
    ...extra,
  };
}

async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const store = await DatabaseInventoryStore.create({
    database: databaseOf(knex),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseInventoryStore on %s',
  id => {
    it('does not rewrite unchanged resources, and rewrites changed ones', async () => {
      const { store, knex } = await createStore(id);
      await store.upsertResources([resource('a'), resource('b')], T1);
      const rows = () =>
        knex('inventory_resources')
          .orderBy('arn')
          .select(
            'arn',
            'updated_at',
            'content_hash',
            'last_seen_at',
            'first_seen_at',
          );
      const first = await rows();

      await store.upsertResources([resource('a'), resource('b')], T2);
      const second = await rows();
      expect(second.map(r => [r.updated_at, r.content_hash])).toEqual(
        first.map(r => [r.updated_at, r.content_hash]),
      );
      expect(second.map(r => r.last_seen_at)).toEqual([T2, T2]);
      expect(await knex('inventory_resources').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      expect(
        Number((await knex('inventory_resources').count({ n: '*' }))[0].n),
      ).toBe(2);
      expect(
        Number((await knex('inventory_resource_tags').count({ n: '*' }))[0].n),
      ).toBe(4);

      await store.upsertResources(
        [
          resource('a', {
            tags: { team: 'risk' },
            description: { ModelName: 'a', EnableNetworkIsolation: false },
          }),
        ],
        T3,
      );
      const changed = await store.getResource(resource('a').arn);
      expect(changed).toMatchObject({
        tags: { team: 'risk' },
        description: { EnableNetworkIsolation: false },
        firstSeenAt: T1,
        lastSeenAt: T3,
      });
      expect((await rows())[0].updated_at).toBe(T3);
      expect(
        Number((await knex('inventory_resource_tags').count({ n: '*' }))[0].n),
      ).toBe(3);
    });

    it('marks unseen resources deleted, within the look-back window only', async () => {
      const { store } = await createStore(id);
      const old = resource('old', {
        type: 'training-job',
        arn: 'arn:aws:sagemaker:us-east-1:111111111111:training-job/old',
        createdAt: T1,
      });
      const recent = resource('recent', {
        type: 'training-job',
        arn: 'arn:aws:sagemaker:us-east-1:111111111111:training-job/recent',
        createdAt: T2,
      });
      await store.upsertResources([old, recent, resource('m')], T1);
      expect(
        await store.markDeleted(target, ['training-job'], T3, T3, {
          createdAfter: T2,
        }),
      ).toBe(1);
      expect((await store.getResource(recent.arn))?.deletedAt).toBe(T3);
      expect((await store.getResource(old.arn))?.deletedAt).toBeUndefined();
      expect(
        (await store.getResource(resource('m').arn))?.deletedAt,
      ).toBeUndefined();

      await store.touchResources([resource('m').arn], T3);
      expect(await store.markDeleted(target, ['model'], T3, T3)).toBe(0);
      // A resource that comes back is live again.
      await store.upsertResources([recent], T3);
      expect((await store.getResource(recent.arn))?.deletedAt).toBeUndefined();
    });

    it('pages by opaque cursor and filters by type, target, tags and deletion', async () => {
      const { store } = await createStore(id);
      const names = ['a', 'b', 'c', 'd', 'e'];
      await store.upsertResources(
        names.map(n =>
          resource(n, n === 'c' ? { tags: { team: 'risk' } } : {}),
        ),
        T1,
      );
      await store.upsertResources(
        [
          resource('x', {
            type: 'endpoint',
            arn: 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/x',
          }),
        ],
        T1,
      );
      await store.markDeleted(target, ['model'], T1, T2); // nothing: all seen at T1
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listResources({
          types: ['model'],
          limit: 2,
          cursor,
        });
        seen.push(...page.items.map(i => i.name));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen).toEqual(names);
      expect(pages).toBe(3);

      const tagged = await store.listResources({
        tags: [
          { key: 'team', value: 'fraud' },
          { key: 'env', value: 'prod' },
        ],
      });
      expect(tagged.items.map(i => i.name)).toEqual(
        ['x', 'a', 'b', 'd', 'e'].sort((p, q) =>
          resourceArn(p).localeCompare(resourceArn(q)),
        ),
      );
      expect(
        (await store.listResources({ region: 'eu-west-1' })).items,
      ).toEqual([]);
      expect(
        (await store.listResources({ arns: [resource('d').arn] })).items.map(
          i => i.name,
        ),
      ).toEqual(['d']);

      await store.upsertResources([resource('a')], T3);
      await store.markDeleted(target, ['model'], T3, T3);
      expect(
        (await store.listResources({ types: ['model'] })).items.map(
          i => i.name,
        ),
      ).toEqual(['a']);
      expect(
        (await store.listResources({ types: ['model'], includeDeleted: true }))
          .items,
      ).toHaveLength(5);
      await expect(store.listResources({ cursor: 'garbage' })).rejects.toThrow(
        InputError,
      );
    });

    it('knows which jobs are complete and need no describe', async () => {
      const { store } = await createStore(id);
      const job = (
        name: string,
        status: string,
        errors: SageMakerResource['errors'] = [],
      ) =>
        resource(name, {
          type: 'training-job',
          arn: `arn:aws:sagemaker:us-east-1:111111111111:training-job/${name}`,
          status,
          errors,
        });
      await store.upsertResources(
        [
          job('done', 'Completed'),
          job('failed', 'Failed'),
          job('running', 'InProgress'),
          job('unreadable', 'Completed', [
            { kind: 'throttled', action: 'sagemaker:ListTags', message: 'x' },
          ]),
        ],
        T1,
      );
      expect(await store.getCompletedJobNames(target, 'training-job')).toEqual(
        new Set(['done', 'failed']),
      );
    });

    it('stores facts once, looks them up exactly or by a unique key', async () => {
      const { store, knex } = await createStore(id);
      const role: RelatedFact = {
        kind: 'iam-role',
        key: 'arn:aws:iam::222222222222:role/x',
        accountId: '222222222222',
        region: 'global',
        data: { arn: 'arn:aws:iam::222222222222:role/x', roleName: 'x' },
        errors: [],
      };
      const trail: RelatedFact = {
        kind: 'cloudtrail',
        key: '-',
        ...target,
        errors: [
          {
            kind: 'access_denied',
            action: 'cloudtrail:DescribeTrails',
            message: 'no',
          },
        ],
      };
      await store.upsertFacts([role, trail], T1);
      await store.upsertFacts([role, trail], T2);
      const rows = await knex('inventory_facts')
        .orderBy('kind')
        .select('kind', 'updated_at', 'last_seen_at');
      expect(rows).toEqual([
        { kind: 'cloudtrail', updated_at: T1, last_seen_at: T2 },
        { kind: 'iam-role', updated_at: T1, last_seen_at: T2 },
      ]);
      await store.upsertFacts(
        [{ ...trail, data: { trails: [] }, errors: [] }],
        T3,
      );
      expect(
        await store.getFact('cloudtrail', target.accountId, target.region, '-'),
      ).toEqual({ ...trail, data: { trails: [] }, errors: [] });

      const facts = await store.loadFacts([target.accountId]);
      expect(
        facts.get('cloudtrail', target.accountId, target.region, '-')?.data,
      ).toEqual({ trails: [] });
      // A role of another account, asked for under the resource's account.
      expect(
        facts.get('iam-role', target.accountId, 'global', role.key)?.data,
      ).toEqual(role.data);
      expect(
        facts.get('cloudtrail', target.accountId, 'eu-west-1', '-'),
      ).toBeUndefined();
    });

    it('counts the facts of a kind an account has stored', async () => {
      const { store } = await createStore(id);
      const role = (account: string, name: string): RelatedFact => ({
        kind: 'iam-role',
        key: `arn:aws:iam::${account}:role/${name}`,
        accountId: account,
        region: 'global',
        errors: [],
      });
      await store.upsertFacts(
        [
          role('222222222222', 'a'),
          role('222222222222', 'b'),
          role('333333333333', 'a'),
          { kind: 'cloudtrail', key: '-', ...target, errors: [] },
        ],
        T1,
      );
      expect(await store.countFacts('iam-role', '222222222222')).toBe(2);
      expect(await store.countFacts('iam-role', '333333333333')).toBe(1);
      expect(await store.countFacts('iam-role', target.accountId)).toBe(0);
      expect(await store.countFacts('cloudtrail', target.accountId)).toBe(1);
    });
  },
);

function resourceArn(name: string) {
  return name === 'x'
    ? 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/x'
    : `arn:aws:sagemaker:us-east-1:111111111111:model/${name}`;
}
