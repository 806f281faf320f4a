import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import {
  hasConditionKey,
  isAllow,
  isPrincipalEveryone,
  parsePolicyDocument,
  statementsOf,
} from '../../policy';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  BUCKET_RESOURCE_TYPES,
  BucketUse,
  defineCheck,
  DOCS,
  eachBucket,
  factFieldUnknown,
  fail,
  fieldEvidence,
  fieldFailure,
  pass,
  SEED,
  unknown,
} from '../support';

const POLICY_ACTION = 'sagemaker:GetModelPackageGroupPolicy';

export const modelPackageGroupPolicyNotPublic = defineCheck(
  {
    id: 'model-package-group-policy-not-public',
    pillar: 'iam',
    title: 'Model package group resource policy is not public',
    severity: 'critical',
    resourceTypes: ['model-package-group'],
    rationale:
      'A model package group policy with Principal "*" lets any AWS account list, describe and deploy your registered models, including their artifacts.',
    references: { seed: { pillar: SEED.iam, phases: ['governance'] } },
    remediation: {
      text: 'Replace Principal "*" with named accounts, or add an aws:PrincipalOrgID condition (PutModelPackageGroupPolicy).',
      docsUrl: DOCS.modelPackageGroupPolicy,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'ResourcePolicy', [POLICY_ACTION]);
    if (failure) return failure;
    if (!('ResourcePolicy' in resource.description)) {
      return unknown(
        `${resource.name}: the resource policy was not collected.`,
        [POLICY_ACTION],
      );
    }
    const raw = resource.description.ResourcePolicy;
    if (raw === null || raw === '') {
      return pass(`${resource.name} has no resource policy.`, [
        fieldEvidence(resource, 'ResourcePolicy', null, 'no public grant'),
      ]);
    }
    let document;
    try {
      document = parsePolicyDocument(raw);
    } catch (error) {
      return unknown(
        `${resource.name}: the resource policy could not be parsed (${
          (error as Error).message
        }).`,
        [POLICY_ACTION],
      );
    }
    const open = statementsOf(document).filter(
      statement =>
        isAllow(statement) &&
        isPrincipalEveryone(statement.Principal) &&
        !hasConditionKey(
          statement,
          'aws:PrincipalOrgID',
          'aws:PrincipalAccount',
          'aws:SourceAccount',
        ),
    );
    const evidence = [
      {
        path: `${POLICY_ACTION}.ResourcePolicy`,
        observed: open.map(statement => statement.Sid ?? '(no Sid)'),
        expected: 'no Allow to Principal "*" without an organisation condition',
        relatedArn: resource.arn,
      },
    ];
    return open.length > 0
      ? fail(`${resource.name}'s resource policy allows everyone.`, evidence)
      : pass(
          `${resource.name}'s resource policy does not allow everyone.`,
          evidence,
        );
  },
);

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
