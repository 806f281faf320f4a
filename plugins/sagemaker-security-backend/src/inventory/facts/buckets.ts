import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import {
  GLOBAL_REGION,
  RelatedFact,
  S3BucketFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, CallResult, isNotConfigured, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, mustRead } from '../changes/plan';
import { parsePolicyDocument } from './policyDocument';

function regionOf(locationConstraint: string | undefined): string {
  if (!locationConstraint) return 'us-east-1';
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

/**
 * A value; `null` when S3 answers that it is not configured
 * (`NoSuchBucketPolicy`, `ServerSideEncryptionConfigurationNotFoundError`,
 * `NoSuchPublicAccessBlockConfiguration`): an observed absence, which the
 * checks judge (no policy: no secure-transport condition); or undefined
 * with the error recorded on the fact (could not read: `unknown`).
 */
function settle<T>(
  result: CallResult<T>,
  fact: RelatedFact,
): T | null | undefined {
  if (result.ok) return result.value;
  if (isNotConfigured(result.error)) return null;
  fact.errors.push(result.error);
  return undefined;
}

async function readBucket(
  ctx: CollectContext,
  bucket: string,
): Promise<RelatedFact<'s3-bucket'>> {
  const fact: RelatedFact<'s3-bucket'> = {
    kind: 's3-bucket',
    key: bucket,
    accountId: ctx.target.accountId,
    region: GLOBAL_REGION,
    errors: [],
  };
  const location = await attempt(
    's3:GetBucketLocation',
    { target: bucket, field: 'region' },
    () =>
      ctx.clients
        .s3(ctx.target.region)
        .send(new GetBucketLocationCommand({ Bucket: bucket })),
  );
  if (!location.ok) {
    fact.errors.push(location.error);
    if (location.error.kind === 'not_found') return fact;
  }
  const region = location.ok
    ? regionOf(location.value.LocationConstraint)
    : ctx.target.region;
  const s3 = ctx.clients.s3(region);
  const [encryption, policy, publicAccess] = await Promise.all([
    attempt(
      's3:GetEncryptionConfiguration',
      { target: bucket, field: 'encryption' },
      async () => {
        const out = await s3.send(
          new GetBucketEncryptionCommand({ Bucket: bucket }),
        );
        const config = required(
          out.ServerSideEncryptionConfiguration,
          'ServerSideEncryptionConfiguration',
        );
        const rule = config.Rules?.[0];
        const byDefault = rule?.ApplyServerSideEncryptionByDefault;
        if (!byDefault?.SSEAlgorithm) return null;
        return {
          sseAlgorithm: byDefault.SSEAlgorithm,
          ...(byDefault.KMSMasterKeyID
            ? { kmsMasterKeyId: byDefault.KMSMasterKeyID }
            : {}),
          ...(rule?.BucketKeyEnabled !== undefined
            ? { bucketKeyEnabled: rule.BucketKeyEnabled }
            : {}),
        };
      },
    ),
    attempt(
      's3:GetBucketPolicy',
      { target: bucket, field: 'policy' },
      async () => {
        const out = await s3.send(
          new GetBucketPolicyCommand({ Bucket: bucket }),
        );
        return out.Policy
          ? parsePolicyDocument(out.Policy, { urlEncoded: false })
          : null;
      },
    ),
    attempt(
      's3:GetBucketPublicAccessBlock',
      { target: bucket, field: 'publicAccessBlock' },
      async () => {
        const out = await s3.send(
          new GetPublicAccessBlockCommand({ Bucket: bucket }),
        );
        const c = out.PublicAccessBlockConfiguration;
        if (!c) return null;
        return {
          blockPublicAcls: c.BlockPublicAcls,
          ignorePublicAcls: c.IgnorePublicAcls,
          blockPublicPolicy: c.BlockPublicPolicy,
          restrictPublicBuckets: c.RestrictPublicBuckets,
        };
      },
    ),
  ]);
  const data: S3BucketFact = { bucket, ...(location.ok ? { region } : {}) };
  const enc = settle(encryption, fact);
  if (enc !== undefined) data.encryption = enc;
  const pol = settle(policy, fact);
  if (pol !== undefined) data.policy = pol;
  const pab = settle(publicAccess, fact);
  if (pab !== undefined) data.publicAccessBlock = pab;
  fact.data = data;
  return fact;
}

/** Reads and stores one bucket, once per scan and account (unless unchanged: changes/). */
export async function collectBucket(
  ctx: FactsContext,
  bucket: string,
): Promise<void> {
  const { accountId } = ctx.target;
  if (!(await mustRead(ctx, 's3-bucket', accountId, GLOBAL_REGION, bucket)))
    return;
  await ctx.facts.once(
    `s3-bucket|${ctx.target.accountId}|${bucket}`,
    async () => {
      const fact = await readBucket(ctx, bucket);
      fact.errors.forEach(e => ctx.report.record(e));
      await ctx.store.upsertFacts([fact], ctx.seenAt);
    },
  );
}

/** Reads each bucket referenced in this target, once per scan and account. */
export async function collectBuckets(ctx: FactsContext): Promise<void> {
  await Promise.all(
    [...ctx.refs.buckets].map(bucket => collectBucket(ctx, bucket)),
  );
}
