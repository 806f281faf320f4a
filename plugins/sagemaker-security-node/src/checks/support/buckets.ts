import {
  CheckOutcome,
  CollectionError,
  RelatedFact,
  S3BucketFact,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  derive,
  deriveFromFact,
  deriveKey,
  sharedVerdict,
} from '../../engine/derived';
import { CheckContext } from '../../types';
import { linkedFactParts, readFactOnce } from './facts';
import { LinkedValue, resourceBuckets } from './links';
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

/** Partition of the resource's ARN (`aws`, `aws-cn`...), as `arn.split(':')[1] || 'aws'`. */
const partitionOf = derive('partition', (context): string => {
  const { arn } = context.resource;
  if (typeof arn !== 'string') {
    return context.resource.arn.split(':')[1] || 'aws';
  }
  const start = arn.indexOf(':') + 1;
  if (start === 0) {
    return 'aws';
  }
  const end = arn.indexOf(':', start);
  return (end < 0 ? arn.slice(start) : arn.slice(start, end)) || 'aws';
});

/**
 * The same object for resources naming the same buckets (with the same facts,
 * at the same paths) in the same partition: what a judgment of their names
 * may be shared on. Undefined when a bucket's fact could not be read.
 */
export const bucketNamesKey = deriveKey('bucket facts', context =>
  linkedFactParts(
    context,
    's3-bucket',
    resourceBuckets(context),
    true,
    partitionOf(context),
  ),
);

/**
 * A check function judging every S3 bucket the resource reads or writes
 * (from its S3 URIs) with `judge`, a pure function of its argument: a bucket
 * shared by thousands of jobs is judged once per place it is named.
 */
export function eachBucket(
  judge: (use: BucketUse) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  const judgeBucket = deriveFromFact(
    'verdict on a bucket',
    (
      fact: RelatedFact<'s3-bucket'>,
      partition: string,
      path: string,
      name: string,
    ) =>
      judge({
        bucket: fact.data!,
        used: { value: name, path },
        errors: fact.errors,
        partition,
      }),
  );
  return sharedVerdict(bucketNamesKey, context => {
    const buckets = resourceBuckets(context);
    if (buckets.length === 0) {
      return notApplicable(`${context.resource.name} names no S3 location.`);
    }
    const partition = partitionOf(context);
    return combineItems(
      buckets.map(used => {
        const read = readFactOnce(context, 's3-bucket', used.value);
        return read.ok
          ? judgeBucket(context, read.fact, partition, used.path, used.value)
          : read.outcome;
      }),
    );
  });
}
