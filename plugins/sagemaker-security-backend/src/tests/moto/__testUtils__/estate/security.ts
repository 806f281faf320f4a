/**
 * The estate's keys, buckets and execution roles, good and bad, built through
 * the SDK. Every name says what is wrong (or right) with it.
 */
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT, EstateClients } from './clients';

const doc = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

const ACCOUNT_ROOT = `arn:aws:iam::${ACCOUNT}:root`;

/** Key policy of a well-kept key: the account administers it. */
const OWN_KEY_POLICY = doc([
  {
    Sid: 'AccountAdmin',
    Effect: 'Allow',
    Principal: { AWS: ACCOUNT_ROOT },
    Action: 'kms:*',
    Resource: '*',
  },
]);

/** A key anyone may use to decrypt: Principal "*" without a condition. */
const PUBLIC_KEY_POLICY = doc([
  {
    Sid: 'AccountAdmin',
    Effect: 'Allow',
    Principal: { AWS: ACCOUNT_ROOT },
    Action: 'kms:*',
    Resource: '*',
  },
  {
    Sid: 'AnyoneDecrypts',
    Effect: 'Allow',
    Principal: '*',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: '*',
  },
]);

export interface Keys {
  /** Customer-managed, rotating, own policy. Alias `alias/ml-good`. */
  good: string;
  /** Customer-managed, not rotating. Alias `alias/ml-no-rotation`. */
  noRotation: string;
  /** Rotating, but its policy lets everyone decrypt. */
  public: string;
  /** Rotating, own policy, but disabled. */
  disabled: string;
}

export async function createKeys(c: EstateClients): Promise<Keys> {
  const key = async (
    description: string,
    policy: string,
    options: { rotate: boolean; alias?: string; disable?: boolean },
  ) => {
    const created = await c.kms.send(
      new CreateKeyCommand({ Description: description, Policy: policy }),
    );
    const arn = created.KeyMetadata!.Arn!;
    // By key ID: moto's DisableKey does not accept the ARN (AWS does).
    const keyId = created.KeyMetadata!.KeyId!;
    if (options.rotate) {
      await c.kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    }
    if (options.alias) {
      await c.kms.send(
        new CreateAliasCommand({ AliasName: options.alias, TargetKeyId: arn }),
      );
    }
    if (options.disable) {
      await c.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    }
    return arn;
  };
  return {
    good: await key('good', OWN_KEY_POLICY, {
      rotate: true,
      alias: 'alias/ml-good',
    }),
    noRotation: await key('no rotation', OWN_KEY_POLICY, {
      rotate: false,
      alias: 'alias/ml-no-rotation',
    }),
    public: await key('public policy', PUBLIC_KEY_POLICY, { rotate: true }),
    disabled: await key('disabled', OWN_KEY_POLICY, {
      rotate: true,
      disable: true,
    }),
  };
}

/**
 * Buckets. `ml-secure`: SSE-KMS, a TLS-only policy, public access blocked.
 * `ml-sse-s3`: SSE-S3 and a policy without a TLS deny, no public access block.
 * `ml-plain`: nothing configured (no encryption, no policy, no block: moto
 * answers each with the "not configured" error AWS sends).
 * `ml-capture-off`: named only by a data capture that is disabled.
 * `ml-audit`: the CloudTrail bucket (named by no SageMaker resource).
 */
export const BUCKETS = {
  secure: 'ml-secure',
  sseS3: 'ml-sse-s3',
  plain: 'ml-plain',
  captureOff: 'ml-capture-off',
  audit: 'ml-audit',
  /** HyperPod lifecycle scripts (moto wants `sagemaker-…`): nothing configured. */
  lifecycle: 'sagemaker-ml-lifecycle',
};

export async function createBuckets(c: EstateClients, keys: Keys) {
  for (const bucket of Object.values(BUCKETS)) {
    await c.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  await c.s3.send(
    new PutBucketEncryptionCommand({
      Bucket: BUCKETS.secure,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: keys.good,
            },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  await c.s3.send(
    new PutBucketPolicyCommand({
      Bucket: BUCKETS.secure,
      Policy: doc([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [
            `arn:aws:s3:::${BUCKETS.secure}`,
            `arn:aws:s3:::${BUCKETS.secure}/*`,
          ],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    }),
  );
  await c.s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: BUCKETS.secure,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await c.s3.send(
    new PutBucketEncryptionCommand({
      Bucket: BUCKETS.sseS3,
      ServerSideEncryptionConfiguration: {
        Rules: [
          { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    }),
  );
  await c.s3.send(
    new PutBucketPolicyCommand({
      Bucket: BUCKETS.sseS3,
      Policy: doc([
        {
          Sid: 'AccountReads',
          Effect: 'Allow',
          Principal: { AWS: ACCOUNT_ROOT },
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKETS.sseS3}/*`,
        },
      ]),
    }),
  );
  // The trail bucket must let CloudTrail write (moto does not check it).
  await c.s3.send(
    new PutBucketPolicyCommand({
      Bucket: BUCKETS.audit,
      Policy: doc([
        {
          Sid: 'CloudTrailWrites',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${BUCKETS.audit}/*`,
        },
      ]),
    }),
  );
}

const trust = (
  condition?: object,
  principal: object = { Service: 'sagemaker.amazonaws.com' },
) =>
  doc([
    {
      Effect: 'Allow',
      Principal: principal,
      Action: 'sts:AssumeRole',
      ...(condition ? { Condition: condition } : {}),
    },
  ]);

const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };

export interface Roles {
  /** Scoped inline policy, SourceAccount trust, a permissions boundary. */
  scoped: string;
  /** `Action: "*"` on `*`, trust without a source condition, no boundary. */
  wildcard: string;
  /** AmazonSageMakerFullAccess attached, SourceArn trust, no boundary. */
  fullAccess: string;
  /** Trusted by everyone (`Principal: {"AWS": "*"}`) besides SageMaker. */
  publicTrust: string;
  /** Trusted by another account, not by SageMaker; scoped policy. */
  crossAccount: string;
}

/** A least-privilege execution policy: named bucket and key, scoped PassRole. */
const SCOPED_POLICY = (keyArn: string) =>
  doc([
    {
      Sid: 'Data',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::ml-secure/*',
    },
    {
      Sid: 'Key',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: keyArn,
    },
    {
      Sid: 'PassOwnRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: `arn:aws:iam::${ACCOUNT}:role/ml-role-scoped`,
      Condition: {
        StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      },
    },
    {
      Sid: 'Describe',
      Effect: 'Allow',
      Action: ['sagemaker:DescribeTrainingJob', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ]);

export async function createRoles(
  c: EstateClients,
  keys: Keys,
): Promise<Roles> {
  const boundary = await c.iam.send(
    new CreatePolicyCommand({
      PolicyName: 'ml-boundary',
      PolicyDocument: doc([
        {
          Effect: 'Allow',
          Action: ['s3:*', 'kms:Decrypt', 'sagemaker:*', 'logs:*'],
          Resource: '*',
        },
      ]),
    }),
  );
  const role = async (
    name: string,
    trustPolicy: string,
    inline?: string,
    options: { boundary?: boolean; managed?: string } = {},
  ) => {
    const created = await c.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trustPolicy,
        ...(options.boundary
          ? { PermissionsBoundary: boundary.Policy!.Arn }
          : {}),
      }),
    );
    if (inline) {
      await c.iam.send(
        new PutRolePolicyCommand({
          RoleName: name,
          PolicyName: 'execution',
          PolicyDocument: inline,
        }),
      );
    }
    if (options.managed) {
      await c.iam.send(
        new AttachRolePolicyCommand({
          RoleName: name,
          PolicyArn: options.managed,
        }),
      );
    }
    return created.Role!.Arn!;
  };
  return {
    scoped: await role(
      'ml-role-scoped',
      trust(SOURCE_ACCOUNT),
      SCOPED_POLICY(keys.good),
      {
        boundary: true,
      },
    ),
    wildcard: await role(
      'ml-role-wildcard',
      trust(),
      doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
    ),
    fullAccess: await role(
      'ml-role-full-access',
      trust({
        ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:*:${ACCOUNT}:*` },
      }),
      undefined,
      { managed: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' },
    ),
    publicTrust: await role(
      'ml-role-public-trust',
      doc([
        {
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: SOURCE_ACCOUNT,
        },
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      ]),
      SCOPED_POLICY(keys.good),
      { boundary: true },
    ),
    crossAccount: await role(
      'ml-role-cross-account',
      trust(undefined, { AWS: 'arn:aws:iam::999999999999:root' }),
      SCOPED_POLICY(keys.good),
      { boundary: true },
    ),
  };
}
