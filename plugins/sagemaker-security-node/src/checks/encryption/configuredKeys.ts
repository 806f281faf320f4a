import {
  CheckOutcome,
  CollectionError,
  FactLookup,
  KmsKeyFact,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { KMS_KEY_FIELDS, KmsKeyResolution, resolveKmsKey } from '../../kms';
import { CheckContext } from '../../types';
import {
  combineItems,
  describePath,
  fieldFailure,
  deriveFor,
  deriveFromFact,
  deriveKey,
  notApplicable,
  sharedVerdict,
  stringValuesAt,
  unknown,
} from '../support';

export interface ConfiguredKey {
  /** Field holding the reference, e.g. `OutputDataConfig.KmsKeyId`. */
  path: string;
  reference: string;
  /** Type of the resource that names the key. */
  resourceType: ResourceType;
}

/**
 * A judgment of one configured key. It must be a pure function of its
 * arguments: outcomes are memoised per key fact and configured field.
 */
export type KeyJudge = (
  key:
    | {
        kind: 'resolved';
        fact: KmsKeyFact;
        keyArn: string;
        errors: CollectionError[];
      }
    | { kind: 'aws-managed-alias'; alias: string },
  configured: ConfiguredKey,
) => CheckOutcome;

/** A key field: its failure, or the keys found in it. */
type KeyField = CheckOutcome | Array<{ path: string; value: string }>;

/** The key field, read once per evaluation. */
const keyField = deriveFor(
  'key field',
  (context: CheckContext, pattern: string): KeyField =>
    fieldFailure(context.resource, pattern.replace(/\[\].*$/, '')) ??
    stringValuesAt(context.resource.description, pattern),
);

/** A key or alias ARN that names its account and region: it resolves the same for every resource. */
const FULL_ARN = /^arn:[^:]+:kms:[^:]+:[^:]+:(key|alias)\/./;

/** Not read when resolving a full ARN (see `FULL_ARN`). */
const NO_RESOURCE = { arn: '', accountId: '', region: '' };

/** The resolution of a full key or alias ARN, once per fact lookup. */
const resolutionOfArn = deriveFromFact(
  'resolution of a key ARN',
  (facts: FactLookup, reference: string): KmsKeyResolution =>
    resolveKmsKey(reference, NO_RESOURCE, facts),
);

/** The resolution of a reference, once per evaluation. */
const resolution = deriveFor(
  'key resolution',
  (context: CheckContext, reference: string): KmsKeyResolution =>
    typeof reference === 'string' && FULL_ARN.test(reference.trim())
      ? resolutionOfArn(context, context.facts, reference)
      : resolveKmsKey(reference, context.resource, context.facts),
);

/**
 * The same object for every resource of this type naming the same resolved
 * keys at the same paths; undefined when a key field failed or a key is not
 * resolved to a fact, or when reading throws (malformed facts).
 */
const keysKey = deriveKey('configured key facts', context => {
  const { resource } = context;
  const parts: unknown[] = [];
  try {
    for (const pattern of KMS_KEY_FIELDS[resource.type] ?? []) {
      const field = keyField(context, pattern);
      if (!Array.isArray(field)) return undefined;
      for (const found of field) {
        const resolved = resolution(context, found.value);
        if (resolved.status !== 'resolved') return undefined;
        parts.push(
          resolved.key,
          resolved.errors,
          resolved.keyArn,
          found.path,
          found.value,
        );
      }
    }
  } catch {
    return undefined;
  }
  if (parts.length === 0) return undefined;
  parts.push(resource.type);
  return parts;
});

/**
 * A check function resolving every KMS key the resource names (alias → key
 * ID → key ARN → key facts) and judging each one with `judge`; nothing is
 * judged on the raw reference.
 */
export function eachConfiguredKey(
  judge: KeyJudge,
): (context: CheckContext) => CheckOutcome {
  const judgeKey = deriveFromFact(
    'verdict on a key',
    (
      key: KmsKeyFact,
      errors: CollectionError[],
      keyArn: string,
      resourceType: ResourceType,
      path: string,
      reference: string,
    ) =>
      judge(
        { kind: 'resolved', fact: key, keyArn, errors },
        { path, reference, resourceType },
      ),
  );
  return sharedVerdict(keysKey, context =>
    judgeEachKey(context, judge, judgeKey),
  );
}

function judgeEachKey(
  context: CheckContext,
  judge: KeyJudge,
  judgeKey: (
    context: CheckContext,
    key: KmsKeyFact,
    errors: CollectionError[],
    keyArn: string,
    resourceType: ResourceType,
    path: string,
    reference: string,
  ) => CheckOutcome,
): CheckOutcome {
  const { resource } = context;
  const outcomes: CheckOutcome[] = [];
  for (const pattern of KMS_KEY_FIELDS[resource.type] ?? []) {
    const field = keyField(context, pattern);
    if (!Array.isArray(field)) {
      outcomes.push(field);
      continue;
    }
    for (const found of field) {
      const configured = {
        path: found.path,
        reference: found.value,
        resourceType: resource.type,
      };
      const resolved = resolution(context, found.value);
      if (resolved.status === 'unresolved') {
        outcomes.push(
          resolved.notCollected && context.mode === 'iac'
            ? notApplicable(
                `${resource.name}: key ${found.value} is not declared in the infrastructure code; the live scan checks it.`,
              )
            : unknown(
                `${resource.name}: ${describePath(resource, found.path)} = ${
                  found.value
                } could not be resolved: ${resolved.reason}.`,
                resolved.missing,
                [
                  {
                    path: describePath(resource, found.path),
                    observed: found.value,
                  },
                ],
              ),
        );
      } else if (resolved.status === 'aws-managed-alias') {
        outcomes.push(
          judge(
            { kind: 'aws-managed-alias', alias: resolved.alias },
            configured,
          ),
        );
      } else {
        const { keyArn, errors } = resolved;
        outcomes.push(
          judgeKey(
            context,
            resolved.key,
            errors,
            keyArn,
            resource.type,
            found.path,
            found.value,
          ),
        );
      }
    }
  }
  if (outcomes.length === 0) {
    return notApplicable(
      `${resource.name} names no KMS key; the key presence checks report that.`,
    );
  }
  return combineItems(outcomes);
}
