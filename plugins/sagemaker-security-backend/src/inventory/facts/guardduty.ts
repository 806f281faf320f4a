import {
  GetDetectorCommand,
  paginateListDetectors,
} from '@aws-sdk/client-guardduty';
import type {
  CollectionError,
  GuardDutyFact,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, mustRead } from '../changes/plan';

type Detector = GuardDutyFact['detectors'][number];

/** Status and features of one detector; without them when GetDetector failed. */
async function readDetector(
  ctx: CollectContext,
  detectorId: string,
  errors: CollectionError[],
): Promise<Detector> {
  const read = await attempt(
    'guardduty:GetDetector',
    { target: detectorId, field: 'status' },
    async () => {
      const out = await ctx.clients
        .guardduty(ctx.target.region)
        .send(new GetDetectorCommand({ DetectorId: detectorId }));
      return { status: required(out.Status, 'Status'), features: out.Features };
    },
  );
  if (!read.ok) {
    errors.push(read.error);
    return { detectorId };
  }
  return {
    detectorId,
    status: read.value.status,
    features: (read.value.features ?? []).map(f => ({
      name: String(f.Name),
      ...(f.Status ? { status: f.Status } : {}),
    })),
  };
}

/**
 * The GuardDuty detectors of the target's region (a region has at most one
 * per account on AWS): ListDetectors, then GetDetector of each.
 */
export async function collectGuardDuty(ctx: FactsContext): Promise<void> {
  const { accountId, region } = ctx.target;
  if (!(await mustRead(ctx, 'guardduty', accountId, region, '-'))) return;
  const fact: RelatedFact<'guardduty'> = {
    kind: 'guardduty',
    key: '-',
    accountId,
    region,
    errors: [],
  };
  const listed = await attempt(
    'guardduty:ListDetectors',
    { target: `${accountId}/${region}` },
    async () => {
      const ids: string[] = [];
      const client = ctx.clients.guardduty(region);
      for await (const page of paginateListDetectors({ client }, {})) {
        ids.push(...(page.DetectorIds ?? []));
      }
      return ids;
    },
  );
  if (listed.ok) {
    const detectors = await Promise.all(
      listed.value.map(id => readDetector(ctx, id, fact.errors)),
    );
    fact.data = { detectors };
  } else {
    fact.errors.push(listed.error);
  }
  fact.errors.forEach(e => ctx.report.record(e));
  await ctx.store.upsertFacts([fact], ctx.seenAt);
}
