import {
  CheckOutcome,
  CollectionError,
  KmsKeyFact,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { KMS_KEY_FIELDS, KmsKeyResolution } from '../../kms';
import { resolveKmsKeyOnce } from '../../kms/resolveKmsKey';
import { CheckContext } from '../../types';
import {
  combineItems,
  describePath,
  fieldFailure,
  internKey,
  judgingSharedFacts,
  memoCombination,
  memoFor,
  memoOn,
  notApplicable,
  perEvaluation,
  storedInEvaluation,
  storeInEvaluation,
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

/**
 * The same object for every resource of this type naming the same resolved
 * keys at the same paths; undefined when a key field failed or a key is not
 * resolved to a fact, or when reading throws (malformed facts).
 */
function keysKey(context: CheckContext): object | undefined {
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
  return internKey(parts);
}

/** `pattern` without its `[]` part: the field whose failure hides its keys. */
const fieldOfPattern = new Map<string, string>();

/** The key field, read once per evaluation. */
function keyField(context: CheckContext, pattern: string): KeyField {
  const known = storedInEvaluation(context, keyField, pattern);
  if (known !== undefined) {
    return known as KeyField;
  }
  const { resource } = context;
  let field = fieldOfPattern.get(pattern);
  if (field === undefined) {
    field = pattern.replace(/\[\].*$/, '');
    fieldOfPattern.set(pattern, field);
  }
  const read: KeyField =
    fieldFailure(resource, field) ??
    stringValuesAt(resource.description, pattern);
  storeInEvaluation(context, keyField, pattern, read);
  return read;
}

/** The resolution of a reference, once per evaluation. */
function resolution(
  context: CheckContext,
  reference: string,
): KmsKeyResolution {
  const known = storedInEvaluation(context, resolution, reference);
  if (known !== undefined) {
    return known as KmsKeyResolution;
  }
  const resolved = resolveKmsKeyOnce(
    reference,
    context.resource,
    context.facts,
  );
  storeInEvaluation(context, resolution, reference, resolved);
  return resolved;
}

/**
 * Resolves every KMS key the resource names (alias → key ID → key ARN → key
 * facts) and judges each one; nothing is judged on the raw reference.
 */
export function judgeConfiguredKeys(
  context: CheckContext,
  judge: KeyJudge,
): CheckOutcome {
  const key = perEvaluation(context, keysKey);
  return key
    ? memoFor(judge, key, judgeEachKey, context, judge)
    : judgeEachKey(context, judge);
}

/** A check function judging each configured key with `judge` (see `judgeConfiguredKeys`). */
export function eachConfiguredKey(
  judge: KeyJudge,
): (context: CheckContext) => CheckOutcome {
  return judgingSharedFacts(
    context => judgeConfiguredKeys(context, judge),
    keysKey,
    judge,
  );
}

function judgeEachKey(context: CheckContext, judge: KeyJudge): CheckOutcome {
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
          memoOn(
            judge,
            resolved.key,
            [errors, keyArn, resource.type, found.path, found.value],
            () =>
              judge(
                { kind: 'resolved', fact: resolved.key, keyArn, errors },
                configured,
              ),
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
  return memoCombination(outcomes, combineItems);
}
