import {
  AdvancedEventSelector,
  DescribeTrailsCommand,
  EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  Trail,
} from '@aws-sdk/client-cloudtrail';
import type {
  CloudTrailFact,
  CollectionError,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, mustRead } from '../changes/plan';

type TrailEntry = CloudTrailFact['trails'][number];

function fromSelectors(
  basic: EventSelector[] | undefined,
  advanced: AdvancedEventSelector[] | undefined,
): Pick<TrailEntry, 'includeManagementEvents' | 's3DataEventArns'> {
  let management = false;
  const arns: string[] = [];
  for (const s of basic ?? []) {
    if (s.IncludeManagementEvents) management = true;
    for (const r of s.DataResources ?? []) {
      if (r.Type === 'AWS::S3::Object') arns.push(...(r.Values ?? []));
    }
  }
  for (const s of advanced ?? []) {
    const field = (name: string) =>
      s.FieldSelectors?.find(f => f.Field === name);
    if (field('eventCategory')?.Equals?.includes('Management'))
      management = true;
    if (field('resources.type')?.Equals?.includes('AWS::S3::Object')) {
      const arn = field('resources.ARN');
      const values = [...(arn?.Equals ?? []), ...(arn?.StartsWith ?? [])];
      // No ARN selector: every bucket's object events.
      arns.push(...(values.length ? values : ['arn:aws:s3']));
    }
  }
  return { includeManagementEvents: management, s3DataEventArns: arns };
}

/** Status and selectors of one trail; a multi-region trail is read once per scan. */
async function readTrail(ctx: CollectContext, trail: Trail) {
  const arn = String(trail.TrailARN);
  const home = trail.HomeRegion ?? ctx.target.region;
  return ctx.facts.once(`trail|${arn}`, async () => {
    const client = ctx.clients.cloudtrail(home);
    const errors: CollectionError[] = [];
    const [status, selectors] = await Promise.all([
      attempt(
        'cloudtrail:GetTrailStatus',
        { target: arn, field: 'isLogging' },
        async () =>
          required(
            (
              await client.send(new GetTrailStatusCommand({ Name: arn }))
            ).IsLogging,
            'IsLogging',
          ),
      ),
      attempt(
        'cloudtrail:GetEventSelectors',
        { target: arn, field: 'eventSelectors' },
        () => client.send(new GetEventSelectorsCommand({ TrailName: arn })),
      ),
    ]);
    if (!status.ok) errors.push(status.error);
    if (!selectors.ok) errors.push(selectors.error);
    const entry: TrailEntry = {
      name: String(trail.Name),
      arn,
      homeRegion: trail.HomeRegion,
      isMultiRegionTrail: trail.IsMultiRegionTrail,
      isOrganizationTrail: trail.IsOrganizationTrail,
      logFileValidationEnabled: trail.LogFileValidationEnabled,
      ...(trail.KmsKeyId ? { kmsKeyId: trail.KmsKeyId } : {}),
      ...(status.ok ? { isLogging: status.value } : {}),
      ...(selectors.ok
        ? fromSelectors(
            selectors.value.EventSelectors,
            selectors.value.AdvancedEventSelectors,
          )
        : {}),
    };
    return { entry, errors };
  });
}

/** Trails covering the target's region (its own and multi-region shadow trails). */
export async function collectTrails(ctx: FactsContext): Promise<void> {
  const { accountId, region } = ctx.target;
  if (!(await mustRead(ctx, 'cloudtrail', accountId, region, '-'))) return;
  const fact: RelatedFact<'cloudtrail'> = {
    kind: 'cloudtrail',
    key: '-',
    accountId,
    region,
    errors: [],
  };
  const listed = await attempt(
    'cloudtrail:DescribeTrails',
    { target: `${accountId}/${region}` },
    () =>
      ctx.clients
        .cloudtrail(region)
        .send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  if (listed.ok) {
    const trails = await Promise.all(
      (listed.value.trailList ?? []).map(t => readTrail(ctx, t)),
    );
    fact.data = { trails: trails.map(t => t.entry) };
    fact.errors.push(...trails.flatMap(t => t.errors));
  } else {
    fact.errors.push(listed.error);
  }
  fact.errors.forEach(e => ctx.report.record(e));
  await ctx.store.upsertFacts([fact], ctx.seenAt);
}
