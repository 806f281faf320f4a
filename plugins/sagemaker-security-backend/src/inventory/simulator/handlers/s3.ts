import { awsError } from '../awsErrors';
import type { EstateBucket } from '../estate';
import { policyString } from '../paging';
import type { Handler, SimScope } from './types';

function bucket(scope: SimScope, name: string): EstateBucket {
  const found = scope.account.buckets?.find(b => b.name === name);
  if (!found) {
    throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404, {
      BucketName: name,
    });
  }
  return found;
}

/** S3's answer for a bucket configuration that is not set (404, naming the bucket). */
function absent(code: string, message: string, bucketName: string) {
  return awsError(code, message, 404, { BucketName: bucketName });
}

export const s3Handlers: Record<string, Handler> = {
  GetBucketLocation: (input, scope) => {
    const { region } = bucket(scope, input.Bucket);
    return region === 'us-east-1' ? {} : { LocationConstraint: region };
  },
  GetBucketEncryption: (input, scope) => {
    const { encryption } = bucket(scope, input.Bucket);
    if (!encryption) {
      throw absent(
        'ServerSideEncryptionConfigurationNotFoundError',
        'The server side encryption configuration was not found',
        input.Bucket,
      );
    }
    return { ServerSideEncryptionConfiguration: encryption };
  },
  GetBucketPolicy: (input, scope) => {
    const policy = policyString(bucket(scope, input.Bucket).policy, false);
    if (!policy)
      throw absent(
        'NoSuchBucketPolicy',
        'The bucket policy does not exist',
        input.Bucket,
      );
    return { Policy: policy };
  },
  GetPublicAccessBlock: (input, scope) => {
    const { publicAccessBlock } = bucket(scope, input.Bucket);
    if (!publicAccessBlock) {
      throw absent(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
        input.Bucket,
      );
    }
    return { PublicAccessBlockConfiguration: publicAccessBlock };
  },
};
