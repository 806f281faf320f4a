import {
  CheckOutcome,
  CollectionError,
  S3BucketFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { readFact } from './facts';
import { bucketsUsed, LinkedValue } from './links';
import { combine, notApplicable } from './outcomes';

/** Judges every S3 bucket the resource reads or writes (from its S3 URIs). */
export function judgeBuckets(
  context: CheckContext,
  judge: (
    bucket: S3BucketFact,
    used: LinkedValue,
    errors: CollectionError[],
  ) => CheckOutcome,
): CheckOutcome {
  const outcomes = bucketsUsed(context.resource).map(used => {
    const read = readFact(context, 's3-bucket', used.value);
    return read.ok ? judge(read.data, used, read.fact.errors) : read.outcome;
  });
  return combine(
    outcomes,
    notApplicable(`${context.resource.name} names no S3 location.`),
  );
}
