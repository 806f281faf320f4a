import { notFound } from '../awsErrors';
import type { EstateKmsKey } from '../estate';
import { paginate, policyString } from '../paging';
import type { Handler, SimScope } from './types';

function keys(scope: SimScope): EstateKmsKey[] {
  return scope.region?.kmsKeys ?? [];
}

/** DescribeKey and friends accept a key ID, key ARN, alias name or alias ARN. */
function findKey(scope: SimScope, keyId: string): EstateKmsKey {
  const aliasName = keyId.includes(':alias/')
    ? `alias/${keyId.split(':alias/')[1]}`
    : keyId;
  const found = keys(scope).find(
    k =>
      k.metadata.KeyId === keyId ||
      k.metadata.Arn === keyId ||
      (k.aliases ?? []).includes(aliasName),
  );
  if (!found) throw notFound('kms', `Key '${keyId}'`);
  return found;
}

function defaultPolicy(scope: SimScope) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${scope.account.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

export const kmsHandlers: Record<string, Handler> = {
  ListAliases: (input, scope) => {
    const all = keys(scope).flatMap(k =>
      (k.aliases ?? []).map(AliasName => ({
        AliasName,
        AliasArn: `arn:aws:kms:${scope.regionName}:${scope.account.accountId}:${AliasName}`,
        TargetKeyId: k.metadata.KeyId,
      })),
    );
    const { page, next } = paginate(all, input, scope.pageSize, {
      tokenIn: 'Marker',
      sizeIn: 'Limit',
    });
    return {
      Aliases: page,
      Truncated: !!next,
      ...(next ? { NextMarker: next } : {}),
    };
  },
  DescribeKey: (input, scope) => ({
    KeyMetadata: findKey(scope, input.KeyId).metadata,
  }),
  GetKeyRotationStatus: (input, scope) => ({
    KeyRotationEnabled: findKey(scope, input.KeyId).rotationEnabled ?? false,
  }),
  GetKeyPolicy: (input, scope) => {
    const key = findKey(scope, input.KeyId);
    return {
      PolicyName: 'default',
      Policy: policyString(key.policy, false) ?? defaultPolicy(scope),
    };
  },
};
