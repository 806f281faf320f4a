/**
 * KMS keys (with their aliases and policies) and S3 buckets, as declared.
 */
import {
  GLOBAL_REGION,
  KmsKeyFact,
  PolicyDocument,
  S3BucketFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { isRecord } from '../intrinsics';
import { ResolvedResource } from '../resolveTemplate';
import {
  asBoolean,
  asList,
  Env,
  FactSink,
  keyIdOf,
  keyStateOf,
  ofType,
} from './factSink';

export function kmsFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const aliases = ofType(all, 'AWS::KMS::Alias');
  const aliasMap: Record<string, unknown> = {};
  for (const alias of aliases) {
    if (typeof alias.ref === 'string') {
      aliasMap[alias.ref] = keyIdOf(alias.props.TargetKeyId);
    }
  }
  for (const key of ofType(all, 'AWS::KMS::Key')) {
    const arn = String(key.attributes.Arn);
    const keyId = String(key.attributes.KeyId);
    const enabled = asBoolean(key.props.Enabled, true);
    const data: KmsKeyFact = {
      keyId,
      arn,
      keyManager: 'CUSTOMER',
      keyState: keyStateOf(enabled),
      enabled: enabled as boolean,
      origin: (key.props.Origin as string) ?? 'AWS_KMS',
      keySpec: (key.props.KeySpec as string) ?? 'SYMMETRIC_DEFAULT',
      // CloudFormation leaves rotation off unless EnableKeyRotation is true.
      rotationEnabled: asBoolean(key.props.EnableKeyRotation, false) as boolean,
      keyPolicy: key.props.KeyPolicy as PolicyDocument,
      aliases: Object.entries(aliasMap)
        .filter(([, target]) => target === keyId)
        .map(([name]) => name),
    };
    sink.add('kms-key', arn, env.accountId, env.region, data, key);
  }
  if (aliases.length > 0) {
    sink.add(
      'kms-aliases',
      '-',
      env.accountId,
      env.region,
      { aliases: aliasMap as Record<string, string> },
      aliases[0],
      (existing, added) => Object.assign(existing.aliases, added.aliases),
    );
  }
}

export function bucketFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const policies = ofType(all, 'AWS::S3::BucketPolicy');
  const policyOf = (bucket: unknown): PolicyDocument | null => {
    const statements = policies
      .filter(p => p.props.Bucket === bucket)
      .flatMap(p => {
        const doc = p.props.PolicyDocument;
        return isRecord(doc) ? asList(doc.Statement) : [];
      });
    return statements.length > 0
      ? ({ Version: '2012-10-17', Statement: statements } as PolicyDocument)
      : null;
  };
  const declared = new Set<unknown>();
  for (const bucket of ofType(all, 'AWS::S3::Bucket')) {
    declared.add(bucket.ref);
    if (typeof bucket.ref !== 'string') continue;
    const config = bucket.props.BucketEncryption;
    const rules = isRecord(config)
      ? asList(config.ServerSideEncryptionConfiguration)
      : [];
    const rule = isRecord(rules[0]) ? rules[0] : undefined;
    const byDefault = isRecord(rule?.ServerSideEncryptionByDefault)
      ? rule!.ServerSideEncryptionByDefault
      : undefined;
    const block = bucket.props.PublicAccessBlockConfiguration;
    const data: S3BucketFact = {
      bucket: bucket.ref,
      region: env.region,
      // Since January 2023 S3 encrypts new buckets with SSE-S3 by default.
      encryption: byDefault
        ? {
            sseAlgorithm: byDefault.SSEAlgorithm as string,
            kmsMasterKeyId: byDefault.KMSMasterKeyID as string | undefined,
            bucketKeyEnabled: asBoolean(
              rule!.BucketKeyEnabled,
              false,
            ) as boolean,
          }
        : { sseAlgorithm: 'AES256' },
      policy: policyOf(bucket.ref),
      // Since April 2023 new buckets block all public access by default;
      // a declared configuration leaves omitted settings off.
      publicAccessBlock: isRecord(block)
        ? {
            blockPublicAcls: asBoolean(block.BlockPublicAcls, false) as boolean,
            ignorePublicAcls: asBoolean(
              block.IgnorePublicAcls,
              false,
            ) as boolean,
            blockPublicPolicy: asBoolean(
              block.BlockPublicPolicy,
              false,
            ) as boolean,
            restrictPublicBuckets: asBoolean(
              block.RestrictPublicBuckets,
              false,
            ) as boolean,
          }
        : {
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
          },
    };
    sink.add(
      's3-bucket',
      bucket.ref,
      env.accountId,
      GLOBAL_REGION,
      data,
      bucket,
    );
  }
  // A policy on a bucket created elsewhere: only the policy is known.
  for (const policy of policies) {
    const bucket = policy.props.Bucket;
    if (typeof bucket !== 'string' || declared.has(bucket)) continue;
    declared.add(bucket);
    sink.add(
      's3-bucket',
      bucket,
      env.accountId,
      GLOBAL_REGION,
      { bucket, policy: policyOf(bucket) },
      policy,
    );
  }
}
