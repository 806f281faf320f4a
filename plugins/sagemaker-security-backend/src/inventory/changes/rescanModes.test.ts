/**
 * How a rescan decides what to read: nothing when event history shows no
 * write (the facts stay seen), everything on a full refresh, and
 * everything, with the reason recorded, when event history cannot be read
 * or a write cannot be pinned to a fact. On SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ACCOUNT, fullEstate, ROLE_ARN } from '../__testUtils__/fullEstate';
import { changeFact, recordWrite } from '../__testUtils__/changeFact';
import { encode } from '../__testUtils__/estateIds';
import { noChangeRescan } from '../__testUtils__/factHeavyEstate';
import { createHarness } from '../__testUtils__/harness';
import { factCallRatio, isFactCall } from './factCalls';

jest.setTimeout(180_000);

const factActions = (calls: Array<{ action: string }>) =>
  [
    ...new Set(
      calls
        .map(c => c.action)
        .filter(a => isFactCall(a) && a !== 'cloudtrail:LookupEvents'),
    ),
  ].sort();

describe('rescan modes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('reads no fact on a rescan without writes; the facts stay seen', async () => {
      const db = await databases.init(databaseId);
      const { estate, h, first, rescan } = await noChangeRescan(db);
      for (const t of rescan.targets)
        expect(t.changeSource).toEqual({ mode: 'events' });
      const ratio = factCallRatio(first.callCounts, rescan.callCounts);
      // eslint-disable-next-line no-console
      console.log(
        `no-change rescan: ${ratio.rescan} fact calls (LookupEvents included) ` +
          `vs ${ratio.first} in the first scan, ratio ${ratio.ratio.toFixed(
            3,
          )}`,
      );
      expect(ratio.first).toBeGreaterThan(100);
      expect(ratio.ratio).toBeLessThanOrEqual(0.05);
      expect(
        Object.keys(rescan.callCounts ?? {}).filter(
          a => isFactCall(a) && a !== 'cloudtrail:LookupEvents',
        ),
      ).toEqual([]);
      // Facts not read are still current: this scan saw the same facts
      // as a rescan reading every fact (event history denied) sees.
      const seenBy = async (scan: typeof rescan) => {
        const start = scan.targets.map(t => t.startedAt!).sort()[0];
        const rows = await db('inventory_facts')
          .where('last_seen_at', '>=', start)
          .select('kind', 'region', 'key');
        return rows.map(r => `${r.kind}|${r.region}|${r.key}`).sort();
      };
      const seenByEvents = await seenBy(rescan);
      expect(seenByEvents.length).toBeGreaterThan(40);
      estate.accounts[0].faults = [
        { action: 'cloudtrail:LookupEvents', error: 'AccessDenied' },
      ];
      const full = await h.scan();
      expect(full.targets.map(t => t.changeSource?.mode)).toEqual([
        'fallback',
        'fallback',
      ]);
      expect(await seenBy(full)).toEqual(seenByEvents);
    });

    it('reads every fact, with the reason, when event history cannot be read', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
        // The same reads as the first scan (with bulk reads, a rescan reads
        // the roles from the account's details: facts/iamCostModel.ts).
        config: { inventory: { bulkReads: false } },
      });
      await h.scan();
      const firstReads = factActions(h.calls);
      // A change without its event: only a full read can see it.
      estate.accounts[0].roles![0].inlinePolicies!.s3 = encode({
        Statement: [{ Sid: 'unseen', Effect: 'Allow', Action: '*' }],
      });
      estate.accounts[0].faults = [
        { action: 'cloudtrail:LookupEvents', error: 'AccessDenied' },
      ];
      h.calls.length = 0;
      const second = await h.scan();
      expect(second.status).toBe('succeeded');
      expect(second.targets[0].changeSource?.mode).toBe('fallback');
      expect(second.targets[0].changeSource?.reason).toMatch(
        /cloudtrail:LookupEvents in us-east-1 failed \(access_denied\)/,
      );
      expect(second.targets[0].errors).toEqual([]);
      expect(factActions(h.calls)).toEqual(firstReads);
      const role = await h.store.getFact(
        'iam-role',
        ACCOUNT,
        'global',
        ROLE_ARN,
      );
      expect(JSON.stringify(role?.data?.inlinePolicies)).toContain('unseen');
      // Read back through the scan store as the API shows it.
      const stored = await h.store.getScan(second.id);
      expect(stored?.targets[0].changeSource).toEqual(
        second.targets[0].changeSource,
      );
    });

    it('reads every fact once the last full read is older than fullRefreshHours', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
        // 0.36 s; per-role reads, as the first scan's (see above)
        config: { fullRefreshHours: 0.0001, inventory: { bulkReads: false } },
      });
      await h.scan();
      const firstReads = factActions(h.calls);
      await new Promise(resolve => setTimeout(resolve, 500));
      h.calls.length = 0;
      const second = await h.scan();
      expect(second.targets[0].changeSource?.mode).toBe('full');
      expect(second.targets[0].changeSource?.reason).toMatch(
        /older than fullRefreshHours/,
      );
      expect(factActions(h.calls)).toEqual(firstReads);
      expect(
        h.calls.filter(c => c.action === 'cloudtrail:LookupEvents'),
      ).toEqual([]);
    });

    it('asks event history for writes of the window only, and reads every page', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      await h.scan();
      const bucketWrite = (name: string, at?: Date) =>
        recordWrite(estate, {
          eventSource: 's3.amazonaws.com',
          eventName: 'PutBucketPolicy',
          region: 'us-east-1',
          requestParameters: { bucketName: name },
          ...(at ? { at } : {}),
        });
      // Before the window (the last read's start, less 20 minutes, to the hour).
      bucketWrite('ml-features', new Date(Date.now() - 3 * 3_600_000));
      // A read, which the ReadOnly filter leaves out.
      bucketWrite('ml-pipeline');
      const events = estate.accounts[0].regions[0].events!;
      events[events.length - 1].ReadOnly = 'true';
      // The one write that counts, then more than a page (2) of others.
      bucketWrite('ml-capture');
      for (let i = 0; i < 5; i++) {
        recordWrite(estate, {
          eventSource: 'sagemaker.amazonaws.com',
          eventName: 'CreateTrainingJob',
          region: 'us-east-1',
        });
      }
      h.calls.length = 0;
      const second = await h.scan();
      expect(second.targets[0].changeSource).toEqual({ mode: 'events' });
      const lookups = h.calls.filter(
        c => c.action === 'cloudtrail:LookupEvents',
      );
      expect(lookups.length).toBeGreaterThanOrEqual(3);
      expect(lookups[0].input.LookupAttributes).toEqual([
        { AttributeKey: 'ReadOnly', AttributeValue: 'false' },
      ]);
      const buckets = h.calls
        .filter(c => c.action === 's3:GetBucketPolicy')
        .map(c => c.input.Bucket);
      expect(buckets).toEqual(['ml-capture']);
    });

    it('reads every role when an IAM write cannot be pinned to one (fail closed)', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      await h.scan();
      changeFact(
        estate,
        {
          eventSource: 'iam.amazonaws.com',
          eventName: 'UpdateRoleEverything',
          region: 'us-east-1',
          requestParameters: {},
        },
        e => {
          e.accounts[0].roles![0].role.PermissionsBoundary = {
            PermissionsBoundaryType: 'Policy',
            PermissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/edge',
          };
        },
      );
      // Writes of services whose facts are not stored change nothing.
      recordWrite(estate, {
        eventSource: 'sagemaker.amazonaws.com',
        eventName: 'CreateTrainingJob',
        region: 'us-east-1',
      });
      h.calls.length = 0;
      const second = await h.scan();
      expect(second.targets[0].changeSource).toEqual({ mode: 'events' });
      expect(factActions(h.calls).every(a => a.startsWith('iam:'))).toBe(true);
      const role = await h.store.getFact(
        'iam-role',
        ACCOUNT,
        'global',
        ROLE_ARN,
      );
      expect(role?.data?.permissionsBoundaryArn).toBe(
        'arn:aws:iam::111111111111:policy/edge',
      );
    });
  });
});
