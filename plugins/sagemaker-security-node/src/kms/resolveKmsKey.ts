import {
  CollectionError,
  FactLookup,
  KmsKeyFact,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';

/** @public */
export type KmsKeyResolution =
  | {
      status: 'resolved';
      key: KmsKeyFact;
      keyArn: string;
      /** Errors recorded against the key fact (e.g. rotation status unreadable). */
      errors: CollectionError[];
    }
  | {
      /** An `alias/aws/...` name: reserved by AWS for AWS-managed keys. */
      status: 'aws-managed-alias';
      alias: string;
    }
  | {
      status: 'unresolved';
      reason: string;
      /** The IAM actions that would have resolved it. */
      missing: string[];
      /** True when a fact was simply not collected (absent), not failed. */
      notCollected: boolean;
    };

/**
 * A parsed KMS key or alias reference.
 *
 * @public
 */
export interface ParsedReference {
  kind: 'key' | 'alias';
  /** Key ID or alias name (`alias/x`). */
  id: string;
  partition: string;
  accountId: string;
  region: string;
}

function partitionOf(arn: string): string {
  return arn.startsWith('arn:') ? arn.split(':')[1] || 'aws' : 'aws';
}

/**
 * Parses a key ID, key ARN, alias name or alias ARN.
 *
 * @public
 */
export function parseKmsReference(
  reference: string,
  resource: Pick<SageMakerResource, 'arn' | 'accountId' | 'region'>,
): ParsedReference | undefined {
  const ref = reference.trim();
  if (ref.length === 0) {
    return undefined;
  }
  const arnMatch = /^arn:([^:]+):kms:([^:]*):([^:]*):(key|alias)\/(.+)$/.exec(
    ref,
  );
  if (arnMatch) {
    const [, partition, region, accountId, kind, rest] = arnMatch;
    return {
      kind: kind as 'key' | 'alias',
      id: kind === 'alias' ? `alias/${rest}` : rest,
      partition,
      accountId: accountId || resource.accountId,
      region: region || resource.region,
    };
  }
  if (ref.startsWith('arn:')) {
    return undefined;
  }
  return {
    kind: ref.startsWith('alias/') ? 'alias' : 'key',
    id: ref,
    partition: partitionOf(resource.arn),
    accountId: resource.accountId,
    region: resource.region,
  };
}

function errorActions(errors: CollectionError[], fallback: string): string[] {
  return errors.length > 0 ? errors.map(error => error.action) : [fallback];
}

/**
 * Resolves a KMS key reference as SageMaker accepts it (key ID, key ARN, alias
 * name, alias ARN) to the key's collected facts: aliases through the
 * `kms-aliases` fact of the key's account and region, then the `kms-key` fact
 * keyed by key ARN. A key is judged only once resolved.
 *
 * @public
 */
export function resolveKmsKey(
  reference: string,
  resource: Pick<SageMakerResource, 'arn' | 'accountId' | 'region'>,
  facts: FactLookup,
): KmsKeyResolution {
  const parsed = parseKmsReference(reference, resource);
  if (!parsed) {
    return {
      status: 'unresolved',
      reason: `"${reference}" is not a KMS key ID, key ARN, alias or alias ARN`,
      missing: [],
      notCollected: false,
    };
  }
  let keyId = parsed.id;
  if (parsed.kind === 'alias') {
    const aliases = facts.get(
      'kms-aliases',
      parsed.accountId,
      parsed.region,
      '-',
    );
    const target = aliases?.data?.aliases[parsed.id];
    if (target === undefined) {
      if (parsed.id.startsWith('alias/aws/')) {
        return { status: 'aws-managed-alias', alias: parsed.id };
      }
      if (!aliases) {
        return {
          status: 'unresolved',
          reason: `KMS aliases of ${parsed.accountId}/${parsed.region} were not collected, so ${parsed.id} cannot be resolved`,
          missing: ['kms:ListAliases'],
          notCollected: true,
        };
      }
      if (!aliases.data) {
        return {
          status: 'unresolved',
          reason: `KMS aliases of ${parsed.accountId}/${parsed.region} could not be read, so ${parsed.id} cannot be resolved`,
          missing: errorActions(aliases.errors, 'kms:ListAliases'),
          notCollected: false,
        };
      }
      return {
        status: 'unresolved',
        reason: `KMS alias ${parsed.id} does not exist in ${parsed.accountId}/${parsed.region}`,
        missing: [],
        notCollected: false,
      };
    }
    keyId = target;
  }
  const keyArn = keyId.startsWith('arn:')
    ? keyId
    : `arn:${parsed.partition}:kms:${parsed.region}:${parsed.accountId}:key/${keyId}`;
  const fact = facts.get('kms-key', parsed.accountId, parsed.region, keyArn);
  if (!fact) {
    return {
      status: 'unresolved',
      reason: `KMS key ${keyArn} was not collected`,
      missing: ['kms:DescribeKey'],
      notCollected: true,
    };
  }
  if (!fact.data) {
    return {
      status: 'unresolved',
      reason: `KMS key ${keyArn} could not be described`,
      missing: errorActions(fact.errors, 'kms:DescribeKey'),
      notCollected: false,
    };
  }
  return { status: 'resolved', key: fact.data, keyArn, errors: fact.errors };
}
