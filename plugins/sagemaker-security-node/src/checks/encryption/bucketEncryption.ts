import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { deniesInsecureTransport } from '../../policy';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  BUCKET_RESOURCE_TYPES,
  BucketUse,
  defineCheck,
  DOCS,
  eachBucket,
  factFieldUnknown,
  fail,
  pass,
  SEED,
} from '../support';

function judgeSecureTransport({
  bucket,
  used,
  errors,
  partition,
}: BucketUse): CheckOutcome {
  const evidence = [
    {
      path: 's3:GetBucketPolicy.Policy',
      observed: bucket.policy === null ? 'no bucket policy' : 'bucket policy',
      expected: 'Deny when aws:SecureTransport is false',
      relatedArn: `arn:aws:s3:::${used.value}`,
    },
  ];
  if (bucket.policy === undefined) {
    return factFieldUnknown(
      { errors },
      'policy',
      's3:GetBucketPolicy',
      `Policy of bucket ${used.value}`,
    );
  }
  return deniesInsecureTransport(bucket.policy, used.value, partition)
    ? pass(`Bucket ${used.value} denies requests without TLS.`, evidence)
    : fail(
        `Bucket ${used.value} (${used.path}) does not deny requests without TLS.`,
        evidence,
      );
}

export const bucketsSecureTransport = defineCheck(
  {
    id: 's3-buckets-secure-transport',
    pillar: 'encryption',
    title: 'S3 buckets the resource uses deny requests without TLS',
    severity: 'medium',
    resourceTypes: BUCKET_RESOURCE_TYPES,
    rationale:
      'Training data, model artifacts and captured inference data travel to and from these buckets; a bucket policy that denies aws:SecureTransport = false refuses plain HTTP from any client.',
    references: {
      prowler: ['s3_bucket_secure_transport_policy'],
      configRules: ['s3-bucket-ssl-requests-only'],
      seed: {
        pillar: SEED.dataProtection,
        phases: ['data-preparation', 'training', 'deployment'],
      },
    },
    remediation: {
      text: 'Add a bucket policy statement: Effect Deny, Principal "*", Action "s3:*", Resource the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.',
      docsUrl: DOCS.s3SecureTransport,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachBucket(judgeSecureTransport),
);

function judgeSseKms({ bucket, used, errors }: BucketUse): CheckOutcome {
  if (bucket.encryption === undefined) {
    return factFieldUnknown(
      { errors },
      'encryption',
      's3:GetEncryptionConfiguration',
      `Default encryption of bucket ${used.value}`,
    );
  }
  const algorithm = bucket.encryption?.sseAlgorithm;
  const evidence = [
    {
      path: 's3:GetBucketEncryption.ApplyServerSideEncryptionByDefault.SSEAlgorithm',
      observed: algorithm ?? null,
      expected: 'aws:kms or aws:kms:dsse',
      relatedArn: `arn:aws:s3:::${used.value}`,
    },
  ];
  return algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse'
    ? pass(`Bucket ${used.value} encrypts with ${algorithm}.`, evidence)
    : fail(
        `Bucket ${used.value} encrypts with ${
          algorithm ?? 'no default encryption'
        }, not SSE-KMS.`,
        evidence,
      );
}

export const bucketsSseKms = defineCheck(
  {
    id: 's3-buckets-sse-kms',
    pillar: 'encryption',
    title: 'S3 buckets the resource uses encrypt by default with SSE-KMS',
    severity: 'medium',
    resourceTypes: BUCKET_RESOURCE_TYPES,
    rationale:
      'SSE-S3 encrypts with keys you cannot control; SSE-KMS adds key policies, audit of every decrypt in CloudTrail and revocation.',
    references: {
      prowler: ['s3_bucket_kms_encryption'],
      seed: { pillar: SEED.dataProtection, phases: ['data-preparation'] },
    },
    remediation: {
      text: 'Set the bucket default encryption to aws:kms with a customer-managed key and enable S3 Bucket Keys.',
      docsUrl: DOCS.s3Kms,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachBucket(judgeSseKms),
);
