import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
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

function judgePublicAccessBlock({
  bucket,
  used,
  errors,
}: BucketUse): CheckOutcome {
  if (bucket.publicAccessBlock === undefined) {
    return factFieldUnknown(
      { errors },
      'publicAccessBlock',
      's3:GetBucketPublicAccessBlock',
      `Public access block of bucket ${used.value}`,
    );
  }
  const block = bucket.publicAccessBlock;
  const settings = [
    'blockPublicAcls',
    'ignorePublicAcls',
    'blockPublicPolicy',
    'restrictPublicBuckets',
  ] as const;
  const off =
    block === null
      ? [...settings]
      : settings.filter(setting => block[setting] !== true);
  const evidence = [
    {
      path: 's3:GetPublicAccessBlock.PublicAccessBlockConfiguration',
      observed: block,
      expected: 'all four settings true',
      relatedArn: `arn:aws:s3:::${used.value}`,
    },
  ];
  return off.length > 0
    ? fail(
        `Bucket ${used.value} does not block public access (${off.join(
          ', ',
        )} off).`,
        evidence,
      )
    : pass(`Bucket ${used.value} blocks all public access.`, evidence);
}

export const bucketsPublicAccessBlocked = defineCheck(
  {
    id: 's3-buckets-public-access-blocked',
    pillar: 'iam',
    title: 'S3 buckets the resource uses block all public access',
    severity: 'high',
    resourceTypes: BUCKET_RESOURCE_TYPES,
    rationale:
      'Block Public Access on the bucket overrides any ACL or policy that would expose training data, model artifacts or captured requests to the internet.',
    references: {
      prowler: [
        's3_bucket_level_public_access_block',
        's3_bucket_public_access',
      ],
      seed: {
        pillar: SEED.iam,
        phases: ['data-preparation', 'training', 'deployment'],
      },
    },
    remediation: {
      text: 'Turn on all four Block Public Access settings on the bucket (PutPublicAccessBlock).',
      docsUrl: DOCS.s3PublicAccess,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachBucket(judgePublicAccessBlock),
);
