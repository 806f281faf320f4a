/**
 * The external_findings migration (up, down, up) and the store, on SQLite
 * and PostgreSQL: re-imports update (never duplicate), a complete Security
 * Hub read resolves what it no longer returns (and only in its own
 * location), a failed write stores nothing.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../service/__testUtils__/migrations';
import { DatabaseExternalFindingStore } from './DatabaseExternalFindingStore';
import type { ExternalFindingRecord } from './ExternalFindingStore';

jest.setTimeout(60_000);

const EXTERNAL_FINDINGS_MIGRATION = '20261209200000_external_findings.js';

const ACCOUNT = '111111111111';
const NOTEBOOK = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/fraud-notebook`;
const MODEL = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/fraud-model`;

function hubFinding(
  id: string,
  overrides: Partial<ExternalFindingRecord> = {},
): ExternalFindingRecord {
  return {
    source: 'security-hub',
    // Security Hub ids are long ARN-like strings.
    sourceId: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:security-control/SageMaker.1/finding/${id}-${'f'.repeat(
      300,
    )}`,
    resourceArn: NOTEBOOK,
    accountId: ACCOUNT,
    region: 'eu-west-1',
    controlId: 'SageMaker.1',
    title: 'Notebook instances should not have direct internet access',
    severity: 'high',
    status: 'failed',
    remediationUrl:
      'https://docs.aws.amazon.com/console/securityhub/SageMaker.1/remediation',
    firstObservedAt: '2026-12-01T10:00:00.000Z',
    lastObservedAt: '2026-12-06T10:00:00.000Z',
    ...overrides,
  };
}

const HUB_EU = {
  source: 'security-hub' as const,
  accountId: ACCOUNT,
  region: 'eu-west-1',
};

describe('external_findings migration and store', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let store: DatabaseExternalFindingStore;
    let knex: Awaited<ReturnType<typeof databases.init>>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      store = new DatabaseExternalFindingStore(knex);
    });

    it('adds a finding once and updates it on a re-import, keeping when it was first observed', async () => {
      const t1 = new Date('2026-12-07T08:00:00.000Z');
      expect(await store.upsert([hubFinding('a')], t1)).toEqual({
        imported: 1,
        updated: 0,
      });
      const t2 = new Date('2026-12-07T09:00:00.000Z');
      expect(
        await store.upsert(
          [
            hubFinding('a', {
              status: 'passed',
              firstObservedAt: '2026-12-05T00:00:00.000Z',
              lastObservedAt: '2026-12-07T08:30:00.000Z',
            }),
            hubFinding('b', { resourceArn: MODEL, controlId: 'SageMaker.5' }),
          ],
          t2,
        ),
      ).toEqual({ imported: 1, updated: 1 });
      const stored = await store.listByResources([NOTEBOOK, MODEL]);
      expect(stored).toHaveLength(2);
      expect(stored.find(f => f.resourceArn === NOTEBOOK)).toEqual({
        ...hubFinding('a'),
        status: 'passed',
        firstObservedAt: '2026-12-01T10:00:00.000Z',
        lastObservedAt: '2026-12-07T08:30:00.000Z',
        importedAt: t2.toISOString(),
        state: 'active',
      });
      // The same source id from another source is another finding.
      await store.upsert(
        [hubFinding('a', { source: 'prowler', controlId: 'x' })],
        t2,
      );
      expect(await store.listByResources([NOTEBOOK])).toHaveLength(2);
    });

    it('keeps the last of two findings with the same id in one write', async () => {
      const counts = await store.upsert(
        [hubFinding('a'), hubFinding('a', { title: 'second' })],
        new Date(),
      );
      expect(counts).toEqual({ imported: 1, updated: 0 });
      const [only, ...rest] = await store.listByResources([NOTEBOOK]);
      expect(rest).toEqual([]);
      expect(only.title).toBe('second');
    });

    it('resolves what a complete read of the location no longer returns, and brings it back when it returns', async () => {
      const t1 = new Date('2026-12-07T08:00:00.000Z');
      await store.replaceLocation(
        HUB_EU,
        [hubFinding('a'), hubFinding('b', { resourceArn: MODEL })],
        t1,
      );
      // Another region's and Prowler's findings on the same resources.
      await store.replaceLocation(
        { ...HUB_EU, region: 'us-east-1' },
        [hubFinding('c', { region: 'us-east-1' })],
        t1,
      );
      await store.upsert(
        [hubFinding('p', { source: 'prowler', controlId: 'sagemaker_x' })],
        t1,
      );

      const t2 = new Date('2026-12-07T09:00:00.000Z');
      expect(
        await store.replaceLocation(HUB_EU, [hubFinding('a')], t2),
      ).toEqual({ imported: 0, updated: 1, resolved: 1 });
      expect(
        (await store.listByResources([NOTEBOOK, MODEL])).map(f => f.sourceId),
      ).toEqual(
        expect.arrayContaining([
          hubFinding('a').sourceId,
          hubFinding('c').sourceId,
          hubFinding('p').sourceId,
        ]),
      );
      const all = await store.listByResources([MODEL], {
        includeResolved: true,
      });
      expect(all).toEqual([
        expect.objectContaining({
          sourceId: hubFinding('b').sourceId,
          state: 'resolved',
          resolvedAt: t2.toISOString(),
        }),
      ]);
      expect(await store.listByResources([MODEL])).toEqual([]);

      // An empty complete read resolves everything of the location.
      const t3 = new Date('2026-12-07T10:00:00.000Z');
      expect(await store.replaceLocation(HUB_EU, [], t3)).toEqual({
        imported: 0,
        updated: 0,
        resolved: 1,
      });
      // Returned again: active again.
      const t4 = new Date('2026-12-07T11:00:00.000Z');
      await store.replaceLocation(
        HUB_EU,
        [hubFinding('b', { resourceArn: MODEL })],
        t4,
      );
      const [back] = await store.listByResources([MODEL]);
      expect(back).toMatchObject({
        state: 'active',
        importedAt: t4.toISOString(),
      });
      expect(back.resolvedAt).toBeUndefined();
    });

    it('stores nothing of a write that fails part way', async () => {
      const records = Array.from({ length: 250 }, (_, i) =>
        hubFinding(`n${i}`),
      );
      // The 201st record breaks a NOT NULL column in the third batch.
      (records[200] as any).title = null;
      // The outcome itself, so that a failure shows what was stored.
      const outcome = await store.upsert(records, new Date()).then(
        counts => ({ stored: counts }),
        error => ({ refused: String(error) }),
      );
      expect(outcome).toEqual({ refused: expect.stringMatching(/null|NULL/) });
      expect(await store.listByResources([NOTEBOOK])).toEqual([]);
    });

    it('goes down and up again', async () => {
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: EXTERNAL_FINDINGS_MIGRATION,
      });
      expect(await knex.schema.hasTable('external_findings')).toBe(false);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: EXTERNAL_FINDINGS_MIGRATION,
      });
      expect(await knex.schema.hasTable('external_findings')).toBe(true);
      await store.upsert([hubFinding('a')], new Date());
      expect(await store.listByResources([NOTEBOOK])).toHaveLength(1);
    });
  });
});
