/**
 * Incremental evaluation on both databases, with the real check catalogue:
 * after each change, exactly the resources whose inputs changed are
 * evaluated, nothing is written when nothing changed, the results equal a
 * full evaluation from scratch on a fresh database (the oracle), and the
 * history holds exactly one transition per status change.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  GLOBAL_REGION,
  RelatedFact,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  defaultChecks,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import knexFactory, { Knex } from 'knex';
import { DatabaseHistoryStore } from '../history/DatabaseHistoryStore';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import type { InventoryStore } from '../inventory/InventoryStore';
import { DatabaseInventoryStore } from '../inventory/store/DatabaseInventoryStore';
import { ACCOUNT, REGION, resource } from '../service/__testUtils__/fixtures';
import { CheckEngine } from './CheckEngine';
import { DatabaseResultStore } from './DatabaseResultStore';
import { DatabaseEvaluationInputStore } from './inputs/EvaluationInputStore';
import { SEP } from './inputs/InputRecorder';
import type { StoredResult } from './ResultStore';

jest.setTimeout(120_000);

const ROLE = `arn:aws:iam::${ACCOUNT}:role/exec`;
const KEY1 = `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`;
const KEY2 = `arn:aws:kms:${REGION}:${ACCOUNT}:key/k2`;
const SEEN = '2026-12-01T09:00:00.000Z';

function keyFact(arn: string, rotationEnabled: boolean): RelatedFact {
  return {
    kind: 'kms-key',
    key: arn,
    accountId: ACCOUNT,
    region: REGION,
    data: {
      keyId: arn.split('/').pop()!,
      arn,
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      enabled: true,
      rotationEnabled,
    },
    errors: [],
  };
}

function bucketFact(bucket: string, policy: unknown): RelatedFact {
  return {
    kind: 's3-bucket',
    key: bucket,
    accountId: ACCOUNT,
    region: GLOBAL_REGION,
    data: {
      bucket,
      region: REGION,
      encryption: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY1 },
      policy: policy as never,
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
    } as never,
    errors: [],
  };
}

const DENY_INSECURE = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

async function seed(inventory: InventoryStore) {
  await inventory.upsertResources(
    [
      ...['nb-a', 'nb-b', 'nb-c'].map((name, i) =>
        resource({
          type: 'notebook-instance',
          name,
          status: 'InService',
          description: {
            DirectInternetAccess: 'Disabled',
            RoleArn: ROLE,
            ...(i < 2 ? { KmsKeyId: i === 0 ? KEY1 : KEY2 } : {}),
          },
        }),
      ),
      ...['job-1', 'job-2', 'job-3'].map((name, i) =>
        resource({
          type: 'training-job',
          name,
          status: 'Completed',
          description: {
            RoleArn: ROLE,
            OutputDataConfig: {
              S3OutputPath: `s3://${i === 0 ? 'bucket-a' : 'bucket-b'}/out`,
              KmsKeyId: i === 2 ? KEY2 : KEY1,
            },
            ResourceConfig: { VolumeKmsKeyId: KEY2 },
          },
        }),
      ),
      resource({
        type: 'endpoint-config',
        name: 'cfg',
        description: { KmsKeyId: KEY2, ProductionVariants: [] },
      }),
    ],
    SEEN,
  );
  await inventory.upsertFacts(
    [
      keyFact(KEY1, true),
      keyFact(KEY2, true),
      bucketFact('bucket-a', DENY_INSECURE),
      bucketFact('bucket-b', null),
      {
        kind: 'iam-role',
        key: ROLE,
        accountId: ACCOUNT,
        region: GLOBAL_REGION,
        data: { arn: ROLE, roleName: 'exec' },
        errors: [],
      },
    ],
    SEEN,
  );
}

function engineOver(
  knex: Knex,
  inventory: InventoryStore,
  options: { incremental: boolean; version?: string; checks?: SecurityCheck[] },
) {
  const results = new DatabaseResultStore(knex);
  const history = new DatabaseHistoryStore(knex);
  const transitions: StatusTransition[] = [];
  const addTransitions = history.addTransitions.bind(history);
  jest.spyOn(history, 'addTransitions').mockImplementation(async t => {
    transitions.push(...t);
    return addTransitions(t);
  });
  const evaluated = new Set<string>();
  const replace = results.replaceResults.bind(results);
  jest.spyOn(results, 'replaceResults').mockImplementation((arns, r, at) => {
    arns.forEach(arn => evaluated.add(arn));
    return replace(arns, r, at);
  });
  const engine = new CheckEngine({
    inventory,
    checks: options.checks ?? defaultChecks,
    results,
    history,
    logger: mockServices.logger.mock(),
    ...(options.incremental
      ? {
          inputs: new DatabaseEvaluationInputStore(knex),
          inputsVersion: options.version ?? 'v1',
        }
      : {}),
  });
  return { engine, results, transitions, evaluated };
}

/** Results without the times of the run that wrote them. */
function comparable(results: StoredResult[]) {
  return results.map(({ since: _s, evaluatedAt: _e, ...rest }) => rest);
}

/** The oracle: a full evaluation from scratch on a fresh database. */
async function fromScratch(
  inventory: InventoryStore,
  checks?: SecurityCheck[],
) {
  const fresh = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    await migrateResultsTables(fresh);
    const { engine, results } = engineOver(fresh, inventory, {
      incremental: false,
      checks,
    });
    await engine.evaluateNow();
    return comparable(await results.listResults({}));
  } finally {
    await fresh.destroy();
  }
}

/** Insert, update and delete statements, but the evaluation times. */
function countWrites(knex: Knex) {
  const writes: string[] = [];
  const listener = (query: { sql: string }) => {
    const sql = query.sql.trim().toLowerCase();
    if (
      /^(insert|update|delete)/.test(sql) &&
      !sql.includes('evaluation_targets')
    ) {
      writes.push(sql.slice(0, 60));
    }
  };
  knex.on('query', listener);
  return {
    writes,
    stop: () => knex.removeListener('query', listener),
  };
}

/** Resources whose last evaluation read `input` (from evaluation_inputs). */
async function readersOf(knex: Knex, input: string): Promise<Set<string>> {
  const rows = await knex('evaluation_inputs').select('resource_arn', 'inputs');
  return new Set(
    rows
      .filter(row => (JSON.parse(row.inputs) as string[]).includes(input))
      .map(row => row.resource_arn),
  );
}

/** One transition per status that differs between two states of the results. */
function expectedTransitions(before: StoredResult[], after: StoredResult[]) {
  const key = (r: StoredResult) => `${r.resourceArn}|${r.checkId}`;
  const was = new Map(before.map(r => [key(r), r.status]));
  const is = new Map(after.map(r => [key(r), r.status]));
  const out: string[] = [];
  for (const k of new Set([...was.keys(), ...is.keys()])) {
    if (was.get(k) !== is.get(k)) {
      out.push(`${k}|${was.get(k) ?? null}|${is.get(k) ?? null}`);
    }
  }
  return out.sort();
}

const asKeys = (transitions: StatusTransition[]) =>
  transitions
    .map(t => `${t.resourceArn}|${t.checkId}|${t.fromStatus}|${t.toStatus}`)
    .sort();

/** The inventory in the same database (its resource versions read), or in memory (records hashed). */
type InventoryKind = 'database' | 'memory';

async function inventoryIn(
  knex: Knex,
  kind: InventoryKind,
): Promise<InventoryStore> {
  if (kind === 'memory') {
    await migrateResultsTables(knex);
    return new InMemoryInventoryStore();
  }
  return DatabaseInventoryStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
}

describe.each(['database', 'memory'] as const)(
  'incremental evaluation, inventory in %s',
  inventoryKind => {
    const databases = TestDatabases.create({
      ids: ['SQLITE_3', 'POSTGRES_15'],
    });

    it.each(databases.eachSupportedId())(
      'evaluates exactly the resources whose inputs changed, %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const inventory = await inventoryIn(knex, inventoryKind);
        await seed(inventory);
        const all = (await inventory.listResources({})).items.map(r => r.arn);

        // First evaluation: everything, equal to the oracle.
        let run = engineOver(knex, inventory, { incremental: true });
        const first = await run.engine.evaluateNow();
        expect(first.evaluated).toBe(all.length);
        expect(first.changed).toBe(true);
        let current = await run.results.listResults({});
        expect(comparable(current)).toEqual(await fromScratch(inventory));
        expect(asKeys(run.transitions)).toEqual(
          expectedTransitions([], current),
        );

        /** Applies a change, evaluates again, checks the run; returns what ran. */
        const step = async (
          change: () => Promise<void>,
          options: { version?: string; checks?: SecurityCheck[] } = {},
        ) => {
          await change();
          const before = current;
          run = engineOver(knex, inventory, { incremental: true, ...options });
          // Writes of the evaluation (not of the change, e.g. a scan's touch).
          const counter = countWrites(knex);
          const summary = await run.engine.evaluateNow();
          counter.stop();
          current = await run.results.listResults({});
          expect(comparable(current)).toEqual(
            await fromScratch(inventory, options.checks),
          );
          expect(asKeys(run.transitions)).toEqual(
            expectedTransitions(before, current),
          );
          expect(summary.evaluated).toBe(run.evaluated.size);
          return { summary, evaluated: run.evaluated, writes: counter.writes };
        };

        // A scan with no changes: nothing evaluated, nothing written.
        const none = await step(async () => {
          await inventory.upsertResources(
            (
              await inventory.listResources({})
            ).items,
            '2026-12-02T09:00:00.000Z',
          );
        });
        expect(none.summary.evaluated).toBe(0);
        expect(none.summary.changed).toBe(false);
        expect(none.writes).toEqual([]);

        // A KMS key's rotation: the resources that read the key.
        const key1 = ['f', 'kms-key', ACCOUNT, REGION, KEY1].join(SEP);
        const keyReaders = await readersOf(knex, key1);
        expect(keyReaders.size).toBeGreaterThan(0);
        expect(keyReaders.size).toBeLessThan(all.length);
        const rotation = await step(() =>
          inventory.upsertFacts([keyFact(KEY1, false)], SEEN),
        );
        expect(rotation.evaluated).toEqual(keyReaders);
        expect(rotation.summary.transitions).toBeGreaterThan(0);

        // A bucket policy: the resources that read the bucket.
        const bucketA = [
          'f',
          's3-bucket',
          ACCOUNT,
          GLOBAL_REGION,
          'bucket-a',
        ].join(SEP);
        const bucketReaders = await readersOf(knex, bucketA);
        expect(bucketReaders.size).toBeGreaterThan(0);
        expect(bucketReaders.size).toBeLessThan(all.length);
        const policy = await step(() =>
          inventory.upsertFacts([bucketFact('bucket-a', null)], SEEN),
        );
        expect(policy.evaluated).toEqual(bucketReaders);

        // One resource's own record.
        const nbC = all.find(arn => arn.endsWith('/nb-c'))!;
        const own = await step(async () => {
          const stored = (await inventory.getResource(nbC))!;
          await inventory.upsertResources(
            [
              {
                ...stored,
                description: {
                  ...stored.description,
                  DirectInternetAccess: 'Enabled',
                },
              },
            ],
            SEEN,
          );
        });
        const listers = await readersOf(
          knex,
          ['l', 'notebook-instance', ACCOUNT, REGION].join(SEP),
        );
        expect(own.evaluated).toEqual(new Set([nbC, ...listers]));
        expect(own.summary.transitions).toBeGreaterThan(0);

        // A new version of the catalogue (or of the scoring config): everything.
        const version = await step(async () => {}, { version: 'v2' });
        expect(version.evaluated).toEqual(new Set(all));
        // A check withdrawn: every resource, and its results are gone.
        const fewer = defaultChecks.filter(c => c.id !== current[0].checkId);
        const withdrawn = await step(async () => {}, {
          version: 'v2',
          checks: fewer,
        });
        expect(withdrawn.evaluated).toEqual(new Set(all));
        expect(withdrawn.summary.transitions).toBeGreaterThan(0);

        // A deleted resource: its results and inputs go, nothing else runs.
        const job3 = all.find(arn => arn.endsWith('/job-3'))!;
        const deleted = await step(
          async () => {
            await inventory.markDeleted(
              { accountId: ACCOUNT, region: REGION },
              ['training-job'],
              '2026-12-03T00:00:00.000Z',
              '2026-12-03T00:00:00.000Z',
            );
            // Only job-3 is gone: the others are seen again.
            await inventory.upsertResources(
              (await inventory.listResources({ types: ['training-job'] })).items
                .filter(r => r.arn !== job3)
                .map(r => ({ ...r, deletedAt: undefined })),
              '2026-12-03T09:00:00.000Z',
            );
          },
          { version: 'v2', checks: fewer },
        );
        expect(deleted.summary.changed).toBe(true);
        expect(current.some(r => r.resourceArn === job3)).toBe(false);
        expect(
          await knex('evaluation_inputs').where({ resource_arn: job3 }),
        ).toEqual([]);
      },
    );

    it.each(databases.eachSupportedId())(
      'evaluates a resource whose stored inputs cannot be read, %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const inventory = await inventoryIn(knex, inventoryKind);
        await seed(inventory);
        await engineOver(knex, inventory, {
          incremental: true,
        }).engine.evaluateNow();
        const [victim] = await knex('evaluation_inputs')
          .select('resource_arn')
          .orderBy('resource_arn')
          .limit(1);
        await knex('evaluation_inputs')
          .where({ resource_arn: victim.resource_arn })
          .update({ inputs: 'not json' });
        const { engine, evaluated } = engineOver(knex, inventory, {
          incremental: true,
        });
        const summary = await engine.evaluateNow();
        expect([...evaluated]).toEqual([victim.resource_arn]);
        expect(summary.evaluated).toBe(1);
      },
    );
  },
);
