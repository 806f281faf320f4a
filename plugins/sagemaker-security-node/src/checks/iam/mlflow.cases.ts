import {
  ACCOUNT,
  bucket,
  collectionError,
  KEY_ARN,
  REGION,
  resource,
  role,
  ROLE_ARN,
} from '../../testing/fixtures';
import { CheckCase, keyLinkCases } from '../../testing/checkCases';

/**
 * An MLflow tracking server as DescribeMlflowTrackingServer returns it: its
 * artifact store in its own account with the owner verified.
 */
export const trackingServer = (
  description: Record<string, unknown> = {},
  errors: ReturnType<typeof collectionError>[] = [],
) =>
  resource(
    'mlflow-tracking-server',
    {
      TrackingServerName: 'experiments',
      TrackingServerArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:mlflow-tracking-server/experiments`,
      ArtifactStoreUri: 's3://mlflow-artifacts/experiments',
      RoleArn: ROLE_ARN,
      TrackingServerStatus: 'Created',
      IsActive: 'Active',
      TrackingServerSize: 'Small',
      AutomaticModelRegistration: false,
      S3BucketOwnerAccountId: ACCOUNT,
      S3BucketOwnerVerification: true,
      ...description,
    },
    { name: 'experiments', errors },
  );

/** An MLflow App as DescribeMlflowApp returns it (its ARN ends in a generated ID). */
export const mlflowApp = (
  description: Record<string, unknown> = {},
  errors: ReturnType<typeof collectionError>[] = [],
) =>
  resource(
    'mlflow-app',
    {
      Arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:mlflow-app/app-a1b2c3d4e5f6`,
      Name: 'team-mlflow',
      ArtifactStoreUri: 's3://mlflow-artifacts/team/',
      RoleArn: ROLE_ARN,
      KmsKeyId: KEY_ARN,
      Status: 'Created',
      ModelRegistrationMode: 'AutoModelRegistrationDisabled',
      ...description,
    },
    {
      name: 'team-mlflow',
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:mlflow-app/app-a1b2c3d4e5f6`,
      errors,
    },
  );

const describeDenied = [
  collectionError('sagemaker:DescribeMlflowTrackingServer'),
];

export const mlflowIamCases: CheckCase[] = [
  // mlflow-tracking-server-artifact-store-same-account
  {
    check: 'mlflow-tracking-server-artifact-store-same-account',
    name: 'bucket owned by the server account',
    resource: trackingServer(),
    expect: 'pass',
  },
  {
    check: 'mlflow-tracking-server-artifact-store-same-account',
    name: 'bucket owned by another account',
    resource: trackingServer({ S3BucketOwnerAccountId: '444455556666' }),
    expect: 'fail',
    message: /444455556666/,
  },
  {
    check: 'mlflow-tracking-server-artifact-store-same-account',
    name: 'expected owner not reported',
    resource: trackingServer({ S3BucketOwnerAccountId: undefined }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeMlflowTrackingServer'],
  },
  {
    check: 'mlflow-tracking-server-artifact-store-same-account',
    name: 'describe denied',
    resource: trackingServer({}, describeDenied),
    expect: 'unknown',
    missing: ['sagemaker:DescribeMlflowTrackingServer'],
  },

  // mlflow-tracking-server-bucket-owner-verification
  {
    check: 'mlflow-tracking-server-bucket-owner-verification',
    name: 'verification on',
    resource: trackingServer(),
    expect: 'pass',
  },
  {
    check: 'mlflow-tracking-server-bucket-owner-verification',
    name: 'verification off',
    resource: trackingServer({ S3BucketOwnerVerification: false }),
    expect: 'fail',
  },
  {
    check: 'mlflow-tracking-server-bucket-owner-verification',
    name: 'not reported',
    resource: trackingServer({ S3BucketOwnerVerification: undefined }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeMlflowTrackingServer'],
  },
  {
    check: 'mlflow-tracking-server-bucket-owner-verification',
    name: 'a string is not a setting',
    resource: trackingServer({ S3BucketOwnerVerification: 'true' }),
    expect: 'unknown',
  },
  {
    check: 'mlflow-tracking-server-bucket-owner-verification',
    name: 'describe denied',
    resource: trackingServer({}, describeDenied),
    expect: 'unknown',
    missing: ['sagemaker:DescribeMlflowTrackingServer'],
  },

  // The role and bucket checks reach a tracking server through its descriptor links.
  {
    check: 'execution-role-no-full-access-policies',
    name: "AmazonS3FullAccess (as AWS's MLflow guide suggests) on a tracking server's role",
    resource: trackingServer(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
            policyName: 'AmazonS3FullAccess',
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /AmazonS3FullAccess/,
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "tracking server's role without managed full-access policies",
    resource: trackingServer(),
    facts: [role()],
    expect: 'pass',
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "tracking server's role not collected",
    resource: trackingServer(),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'MLflow artifact store without a public access block',
    resource: trackingServer(),
    facts: [bucket('mlflow-artifacts', { publicAccessBlock: null })],
    expect: 'fail',
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'MLflow artifact store blocked',
    resource: trackingServer(),
    facts: [bucket('mlflow-artifacts')],
    expect: 'pass',
  },

  // ...and an MLflow App through its links (role, bucket and reported key).
  {
    check: 'execution-role-no-full-access-policies',
    name: "AmazonS3FullAccess on an MLflow App's role",
    resource: mlflowApp(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
            policyName: 'AmazonS3FullAccess',
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /AmazonS3FullAccess/,
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'MLflow App artifact store without a public access block',
    resource: mlflowApp(),
    facts: [bucket('mlflow-artifacts', { publicAccessBlock: null })],
    expect: 'fail',
  },
  ...keyLinkCases('MLflow App', () => mlflowApp()),
];
