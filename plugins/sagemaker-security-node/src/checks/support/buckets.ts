import {
  CheckOutcome,
  CollectionError,
  S3BucketFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { judgingSharedFacts } from './defineCheck';
import { linkedFactsKey, readFactOnce } from './facts';
import { LinkedValue, resourceBuckets } from './links';
import { memoCombination, memoFor, memoOn, perEvaluation } from './memo';
import { combineItems, notApplicable } from './outcomes';

/** A bucket the resource uses, as its checks judge it. */
export interface BucketUse {
  bucket: S3BucketFact;
  /** The bucket name, and where the resource names it. */
  used: LinkedValue;
  errors: CollectionError[];
  /** Partition of the resource's ARN (`aws`, `aws-cn`...). */
  partition: string;
}

function partitionOf(context: CheckContext): string {
  const { arn } = context.resource;
  if (typeof arn !== 'string') {
    return context.resource.arn.split(':')[1] || 'aws';
  }
  // As arn.split(':')[1] || 'aws'.
  const start = arn.indexOf(':') + 1;
  if (start === 0) {
    return 'aws';
  }
  const end = arn.indexOf(':', start);
  return (end < 0 ? arn.slice(start) : arn.slice(start, end)) || 'aws';
}

function bucketsKey(context: CheckContext): object | undefined {
  return linkedFactsKey(
    context,
    's3-bucket',
    resourceBuckets(context),
    true,
    perEvaluation(context, partitionOf),
  );
}

/**
 * The same object for resources naming the same buckets (with the same facts,
 * at the same paths): what a judgment of their names may be memoised on.
 * Undefined when a bucket's fact could not be read.
 */
export function bucketNamesKey(context: CheckContext): object | undefined {
  return perEvaluation(context, bucketsKey);
}

/**
 * Judges every S3 bucket the resource reads or writes (from its S3 URIs).
 * `judge` must be a pure function of its argument: its outcome is memoised
 * per bucket fact (and per set of buckets), so a bucket shared by thousands
 * of jobs is judged once per place it is named.
 */
export function judgeBuckets(
  context: CheckContext,
  judge: (use: BucketUse) => CheckOutcome,
): CheckOutcome {
  const buckets = resourceBuckets(context);
  if (buckets.length === 0) {
    return notApplicable(`${context.resource.name} names no S3 location.`);
  }
  const key = perEvaluation(context, bucketsKey);
  return key
    ? memoFor(judge, key, judgeEachBucket, context, buckets, judge)
    : judgeEachBucket(context, buckets, judge);
}

/** A check function judging each bucket with `judge` (see `judgeBuckets`). */
export function eachBucket(
  judge: (use: BucketUse) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  return judgingSharedFacts(
    context => judgeBuckets(context, judge),
    bucketsKey,
    judge,
  );
}

function judgeEachBucket(
  context: CheckContext,
  buckets: LinkedValue[],
  judge: (use: BucketUse) => CheckOutcome,
): CheckOutcome {
  const outcomes = buckets.map(used => {
    const read = readFactOnce(context, 's3-bucket', used.value);
    if (!read.ok) return read.outcome;
    const { fact } = read;
    const partition = perEvaluation(context, partitionOf);
    return memoOn(judge, fact, [partition, used.path, used.value], () =>
      judge({ bucket: read.data, used, errors: fact.errors, partition }),
    );
  });
  return memoCombination(outcomes, combineItems);
}
