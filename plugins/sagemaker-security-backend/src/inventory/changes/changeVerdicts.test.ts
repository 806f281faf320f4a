/**
 * A fact changed between scans (with its write event) changes the verdicts
 * of the checks that read it once the change-driven rescan is evaluated.
 * On SQLite and PostgreSQL.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { CheckEngine } from '../../checks/CheckEngine';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { DatabaseHistoryStore } from '../../history/DatabaseHistoryStore';
import { enableKeyRotation } from '../__testUtils__/changeFact';
import { CMK_ID, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness } from '../__testUtils__/harness';

jest.setTimeout(120_000);

const CHECK = 'kms-keys-rotation-enabled';

describe('verdicts after a change-driven rescan', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'a key rotation enabled between scans turns its failing checks to pass, on %s',
    async databaseId => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      const results = new DatabaseResultStore(h.db);
      const engine = new CheckEngine({
        inventory: h.store,
        checks: defaultChecks,
        results,
        history: new DatabaseHistoryStore(h.db),
        logger: mockServices.logger.mock(),
      });
      const verdicts = async () =>
        Object.fromEntries(
          (await results.listResults({ checkIds: [CHECK] })).map(r => [
            r.resourceArn,
            r.status,
          ]),
        );

      await h.scan();
      await engine.evaluateNow();
      const before = await verdicts();
      const failing = Object.keys(before).filter(a => before[a] === 'fail');
      expect(failing.length).toBeGreaterThan(0);

      enableKeyRotation(estate, REGION, CMK_ID);
      const rescan = await h.scan();
      expect(rescan.targets[0].changeSource).toEqual({ mode: 'events' });
      await engine.evaluateNow();
      const after = await verdicts();
      expect(failing.map(a => after[a])).toEqual(failing.map(() => 'pass'));
    },
  );
});
