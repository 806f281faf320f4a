import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import {
  defineCheck,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  nonEmptyString,
  pass,
  SEED,
  unknown,
} from '../support';

const MLFLOW_IAM_DOCS =
  'https://docs.aws.amazon.com/sagemaker/latest/dg/mlflow-create-tracking-server-iam.html';
const BUCKET_OWNER_DOCS =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html';
const DESCRIBE = ['sagemaker:DescribeMlflowTrackingServer'];

/**
 * The artifact store's owner as the tracking server states it
 * (`S3BucketOwnerAccountId`, the expected bucket owner) against the server's
 * own account.
 */
export function judgeArtifactStoreAccount(context: CheckContext): CheckOutcome {
  const { resource } = context;
  const path = 'S3BucketOwnerAccountId';
  const failure = fieldFailure(resource, path);
  if (failure) return failure;
  const raw = getPath(resource.description, path);
  const owner = nonEmptyString(raw);
  const evidence = [fieldEvidence(resource, path, raw, resource.accountId)];
  if (owner === undefined) {
    return unknown(
      `${
        resource.name
      }: DescribeMlflowTrackingServer did not report S3BucketOwnerAccountId; the account owning the artifact store ${String(
        getPath(resource.description, 'ArtifactStoreUri') ?? '(none)',
      )} is unknown.`,
      DESCRIBE,
      evidence,
    );
  }
  return owner === resource.accountId
    ? pass(
        `${resource.name}: the artifact store bucket belongs to the server's account ${owner}.`,
        evidence,
      )
    : fail(
        `${resource.name}: the artifact store bucket belongs to account ${owner}, not the server's account ${resource.accountId}; run artifacts and models leave the account.`,
        evidence,
      );
}

/** Whether the server sends the expected-bucket-owner condition with every S3 call. */
export function judgeBucketOwnerVerification(
  context: CheckContext,
): CheckOutcome {
  const { resource } = context;
  const path = 'S3BucketOwnerVerification';
  const failure = fieldFailure(resource, path);
  if (failure) return failure;
  const raw = getPath(resource.description, path);
  const evidence = [fieldEvidence(resource, path, raw, true)];
  if (typeof raw !== 'boolean') {
    return unknown(
      `${resource.name}: DescribeMlflowTrackingServer did not report S3BucketOwnerVerification; whether S3 calls verify the bucket owner is unknown.`,
      DESCRIBE,
      evidence,
    );
  }
  return raw
    ? pass(
        `${resource.name}: S3 calls to the artifact store verify the bucket owner.`,
        evidence,
      )
    : fail(
        `${resource.name}: S3BucketOwnerVerification is false; a bucket of the same name in another account would receive the artifacts.`,
        evidence,
      );
}

export const mlflowArtifactStoreSameAccount = defineCheck(
  {
    id: 'mlflow-tracking-server-artifact-store-same-account',
    pillar: 'iam',
    title: "MLflow tracking server's artifact store is in its own account",
    severity: 'high',
    resourceTypes: ['mlflow-tracking-server'],
    rationale:
      "The artifact store holds every logged model, dataset sample and run artifact. A bucket owned by another account puts them under that account's bucket policy, keys and deletion rights, outside this account's data perimeter. The expected owner is S3BucketOwnerAccountId; without it the owner is unknown, never assumed.",
    references: {
      seed: {
        pillar: SEED.dataProtection,
        phases: ['experimentation', 'training'],
      },
    },
    remediation: {
      text: "Use a bucket in the tracking server's account (UpdateMlflowTrackingServer ArtifactStoreUri) and set S3BucketOwnerAccountId to that account.",
      docsUrl: MLFLOW_IAM_DOCS,
    },
  },
  judgeArtifactStoreAccount,
);

export const mlflowBucketOwnerVerified = defineCheck(
  {
    id: 'mlflow-tracking-server-bucket-owner-verification',
    pillar: 'iam',
    title: 'MLflow tracking server verifies the artifact bucket owner',
    severity: 'medium',
    resourceTypes: ['mlflow-tracking-server'],
    rationale:
      'With S3BucketOwnerVerification the server sends the expected-bucket-owner condition with each S3 request, so a deleted bucket whose name is re-created by another account (bucket sniping) receives nothing. Without it, artifacts follow the name to whoever owns it.',
    references: {
      seed: {
        pillar: SEED.dataProtection,
        phases: ['experimentation', 'training'],
      },
    },
    remediation: {
      text: 'Set S3BucketOwnerVerification = true and S3BucketOwnerAccountId (UpdateMlflowTrackingServer).',
      docsUrl: BUCKET_OWNER_DOCS,
    },
  },
  judgeBucketOwnerVerification,
);
