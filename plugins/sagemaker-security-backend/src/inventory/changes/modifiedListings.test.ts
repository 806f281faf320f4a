/**
 * A type listed only because a stored resource of it is moving is listed
 * for what was modified since the event history's start
 * (`LastModifiedTimeAfter`, collectors/listModified.ts): a running job not
 * modified is kept as stored, not described again; one that ended is read;
 * an endpoint that misreads the filter is caught by the witness (the
 * unfiltered List's first page) and the type listed in full, recorded.
 * Through the SDK and the simulator, on SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness } from '../__testUtils__/harness';
import type { Estate, EstateSageMakerResource } from '../simulator/estate';

jest.setTimeout(180_000);

const RUNNING_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/train-running`;

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString();

/** The estate's training jobs, each last modified when created; the running one the newest. */
function jobEstate(): { estate: Estate; running: EstateSageMakerResource } {
  const estate = fullEstate();
  const jobs = estate.accounts[0].regions.find(r => r.region === REGION)!
    .sagemaker['training-job']!;
  for (const job of jobs) {
    job.description.LastModifiedTime = job.description.CreationTime;
  }
  const running = jobs.find(
    j => j.description.TrainingJobName === 'train-running',
  )!;
  running.description.CreationTime = daysAgo(1);
  running.description.LastModifiedTime = daysAgo(1);
  return { estate, running };
}

/** The job ends: its status and LastModifiedTime move, with no write event. */
function complete(running: EstateSageMakerResource) {
  running.description = {
    ...running.description,
    TrainingJobStatus: 'Completed',
    LastModifiedTime: new Date().toISOString(),
  };
}

describe('listing what was modified', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('keeps a running job not modified as stored, and reads it once it ended', async () => {
      const { estate, running } = jobEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      const first = await h.scan();
      const before = await h.store.getResource(RUNNING_ARN);
      expect(before?.status).toBe('InProgress');

      h.calls.length = 0;
      const second = await h.scan();
      expect(second.status).toBe('succeeded');
      // The witness page and the filtered listing; nothing described.
      expect(second.callCounts?.['sagemaker:ListTrainingJobs']).toBe(2);
      expect(second.callCounts?.['sagemaker:DescribeTrainingJob']).toBe(
        undefined,
      );
      const filtered = h.calls.filter(
        c =>
          c.action === 'sagemaker:ListTrainingJobs' &&
          c.input.LastModifiedTimeAfter !== undefined,
      );
      expect(filtered).toHaveLength(1);
      // From the event history's start: before the first scan.
      expect(
        Date.parse(filtered[0].input.LastModifiedTimeAfter),
      ).toBeLessThanOrEqual(Date.parse(second.targets[0].startedAt!));
      const kept = await h.store.getResource(RUNNING_ARN);
      expect(kept?.description).toEqual(before?.description);
      expect(second.targets.map(t => t.resourceCount)).toEqual(
        first.targets.map(t => t.resourceCount),
      );

      complete(running);
      h.calls.length = 0;
      const third = await h.scan();
      expect(third.status).toBe('succeeded');
      expect(third.callCounts?.['sagemaker:DescribeTrainingJob']).toBe(1);
      const ended = await h.store.getResource(RUNNING_ARN);
      expect(ended?.status).toBe('Completed');
      expect(ended?.description.TrainingJobStatus).toBe('Completed');
    });

    it('lists the type in full, recorded, when the endpoint misreads LastModifiedTimeAfter', async () => {
      const { estate, running } = jobEstate();
      const h = await createHarness(estate, {
        changeDriven: true,
        db: await databases.init(databaseId),
      });
      await h.scan();
      complete(running);
      estate.accounts[0].faults = [
        {
          action: 'sagemaker:ListTrainingJobs',
          error: 'MisreadsModifiedFilter',
        },
      ];
      const rescan = await h.scan();
      const errors = rescan.targets.flatMap(t => t.errors);
      expect(errors).toEqual([
        expect.objectContaining({
          kind: 'invalid_response',
          action: 'sagemaker:ListTrainingJobs',
          message: expect.stringMatching(
            /LastModifiedTimeAfter .* did not return 1 of the 1 resources .* The type was listed in full instead\.$/,
          ),
        }),
      ]);
      expect(rescan.status).toBe('partial');
      // The change is not missed: the full listing read it.
      expect((await h.store.getResource(RUNNING_ARN))?.status).toBe(
        'Completed',
      );
    });
  });
});
