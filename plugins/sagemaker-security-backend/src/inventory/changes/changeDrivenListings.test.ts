/**
 * A change-driven rescan lists a SageMaker type only when a write event
 * names it (or a resource of it), or something stored of it is moving or
 * was read with errors (sagemakerListings.ts); the rest stays as stored,
 * its resources' references still walked so their facts are checked for
 * changes. Through the SDK and the simulator, on SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { RESOURCE_SPECS } from '../collectors';
import {
  ACCOUNT,
  CMK_ID,
  fullEstate,
  REGION,
} from '../__testUtils__/fullEstate';
import { enableKeyRotation, recordWrite } from '../__testUtils__/changeFact';
import { noChangeRescan } from '../__testUtils__/factHeavyEstate';
import { createHarness } from '../__testUtils__/harness';
import type { Estate } from '../simulator/estate';

jest.setTimeout(180_000);

const total = (counts: Record<string, number> = {}) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

const listCalls = (counts: Record<string, number> = {}) =>
  Object.entries(counts)
    .filter(([a]) => /^sagemaker:(List(?!Tags)|Search)/.test(a))
    .map(([a, n]) => `${a} ${n}`)
    .sort();

const listedActions = (counts: Record<string, number> = {}) =>
  listCalls(counts).map(l => l.split(' ')[0]);

const region = (e: Estate) =>
  e.accounts[0].regions.find(r => r.region === REGION)!;

const ENDPOINT_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/fraud`;

describe('change-driven listings', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('a no-change rescan of a fact-heavy estate makes at most 5% of the first scan calls and keeps every resource', async () => {
      let before: Awaited<ReturnType<typeof h.store.listResources>>;
      const { h, first, rescan } = await noChangeRescan(
        await databases.init(databaseId),
        async harness => {
          before = await harness.store.listResources({ limit: 5000 });
          harness.calls.length = 0;
        },
      );
      const ratio = total(rescan.callCounts) / total(first.callCounts);
      // eslint-disable-next-line no-console
      console.log(
        `no-change rescan: ${total(rescan.callCounts)} calls vs ${total(
          first.callCounts,
        )} (ratio ${ratio.toFixed(3)}): ${JSON.stringify(rescan.callCounts)}`,
      );
      expect(ratio).toBeLessThanOrEqual(0.05);
      // Only the first type's listing (it tells a disabled region apart)
      // and, for what was modified, the training jobs, one of which is
      // InProgress: the unfiltered first page (the witness) and the
      // LastModifiedTimeAfter listing (listModified.ts).
      expect(listCalls(rescan.callCounts)).toEqual(
        [
          `${RESOURCE_SPECS[0].listAction} ${
            rescan.callCounts?.[RESOURCE_SPECS[0].listAction]
          }`,
          'sagemaker:ListTrainingJobs 2',
        ].sort(),
      );
      expect(rescan.targets.map(t => t.resourceCount)).toEqual(
        first.targets.map(t => t.resourceCount),
      );
      const after = await h.store.listResources({ limit: 5000 });
      expect(after.items.map(r => [r.arn, r.deletedAt ?? null])).toEqual(
        before!.items.map(r => [r.arn, r.deletedAt ?? null]),
      );
    });

    it('lists, describes and stores a resource a write event names, and only its types', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      await h.scan();
      const endpoint = region(estate).sagemaker.endpoint![0];
      endpoint.description = {
        ...endpoint.description,
        EndpointConfigName: 'fraud-config-2',
        LastModifiedTime: new Date().toISOString(),
      };
      recordWrite(estate, {
        eventSource: 'sagemaker.amazonaws.com',
        eventName: 'UpdateEndpoint',
        region: REGION,
        requestParameters: {
          endpointName: 'fraud',
          endpointConfigName: 'fraud-config-2',
        },
      });
      h.calls.length = 0;
      const rescan = await h.scan();
      expect(rescan.status).toBe('succeeded');
      const listed = listCalls(rescan.callCounts).map(l => l.split(' ')[0]);
      expect(listed).toEqual(
        expect.arrayContaining([
          'sagemaker:ListEndpointConfigs',
          'sagemaker:ListEndpoints',
        ]),
      );
      expect(listed).not.toContain('sagemaker:ListModels');
      expect(listed).not.toContain('sagemaker:ListDomains');
      const stored = await h.store.getResource(ENDPOINT_ARN);
      expect(stored?.description.EndpointConfigName).toBe('fraud-config-2');
    });

    it('reads the tags a tag event changed, and finds a new resource its create event names', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      await h.scan();
      const notebooks = region(estate).sagemaker['notebook-instance']!;
      notebooks[0].tags = { ...notebooks[0].tags, owner: 'team-b' };
      const nbArn = String(notebooks[0].description.NotebookInstanceArn);
      recordWrite(estate, {
        eventSource: 'sagemaker.amazonaws.com',
        eventName: 'AddTags',
        region: REGION,
        requestParameters: {
          resourceArn: nbArn,
          tags: [{ key: 'owner', value: 'team-b' }],
        },
      });
      const model = region(estate).sagemaker.model![0];
      region(estate).sagemaker.model!.push({
        ...model,
        description: {
          ...model.description,
          ModelName: 'brand-new',
          ModelArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/brand-new`,
          CreationTime: new Date().toISOString(),
        },
      });
      recordWrite(estate, {
        eventSource: 'sagemaker.amazonaws.com',
        eventName: 'CreateModel',
        region: REGION,
        requestParameters: { modelName: 'brand-new' },
      });
      const rescan = await h.scan();
      expect(rescan.status).toBe('succeeded');
      expect((await h.store.getResource(nbArn))?.tags.owner).toBe('team-b');
      expect(
        await h.store.getResource(
          `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/brand-new`,
        ),
      ).toBeDefined();
    });

    it('still reads a changed fact only resources of an unlisted type point at', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      await h.scan();
      enableKeyRotation(estate, REGION, CMK_ID);
      const rescan = await h.scan();
      expect(rescan.status).toBe('succeeded');
      // No SageMaker write: no endpoint, model or domain listed (the
      // notebooks, first, always are; moving types are).
      const listed = listedActions(rescan.callCounts);
      expect(listed).not.toContain('sagemaker:ListEndpoints');
      expect(listed).not.toContain('sagemaker:ListModels');
      expect(listed).not.toContain('sagemaker:ListDomains');
      const key = await h.store.getFact(
        'kms-key',
        ACCOUNT,
        REGION,
        String(region(estate).kmsKeys![0].metadata.Arn),
      );
      expect(key?.data?.rotationEnabled).toBe(true);
    });

    it('lists a type while a stored resource of it is moving, and every type after a read that did not succeed', async () => {
      const estate = fullEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      const endpoint = region(estate).sagemaker.endpoint![0];
      endpoint.description = {
        ...endpoint.description,
        EndpointStatus: 'Updating',
      };
      await h.scan();
      // Coming into service moves its LastModifiedTime (no write event).
      endpoint.description = {
        ...endpoint.description,
        EndpointStatus: 'InService',
        LastModifiedTime: new Date().toISOString(),
      };
      const second = await h.scan();
      // Listed for what was modified: the witness page and the filtered one.
      expect(second.callCounts?.['sagemaker:ListEndpoints']).toBe(2);
      expect(second.callCounts?.['sagemaker:DescribeEndpoint']).toBe(1);
      expect((await h.store.getResource(ENDPOINT_ARN))?.status).toBe(
        'InService',
      );
      // A denied notebook listing makes the target partial...
      estate.accounts[0].faults = [
        { action: 'sagemaker:ListNotebookInstances', error: 'AccessDenied' },
      ];
      const third = await h.scan();
      expect(third.status).toBe('partial');
      estate.accounts[0].faults = [];
      // ...so the next rescan lists every type again.
      const fourth = await h.scan();
      expect(fourth.status).toBe('succeeded');
      expect(listedActions(third.callCounts)).not.toContain(
        'sagemaker:ListModels',
      );
      expect(listedActions(fourth.callCounts)).toEqual(
        expect.arrayContaining([
          'sagemaker:ListModels',
          'sagemaker:ListDomains',
        ]),
      );
    });
  });
});
