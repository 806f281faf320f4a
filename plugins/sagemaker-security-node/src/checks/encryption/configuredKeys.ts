import {
  CheckOutcome,
  CollectionError,
  KmsKeyFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { KMS_KEY_FIELDS, resolveKmsKey } from '../../kms';
import { CheckContext } from '../../types';
import {
  combine,
  describePath,
  fieldFailure,
  notApplicable,
  stringValuesAt,
  unknown,
} from '../support';

export interface ConfiguredKey {
  /** Field holding the reference, e.g. `OutputDataConfig.KmsKeyId`. */
  path: string;
  reference: string;
}

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
  context: CheckContext,
) => CheckOutcome;

/**
 * Resolves every KMS key the resource names (alias → key ID → key ARN → key
 * facts) and judges each one; nothing is judged on the raw reference.
 */
export function judgeConfiguredKeys(
  context: CheckContext,
  judge: KeyJudge,
): CheckOutcome {
  const { resource } = context;
  const outcomes: CheckOutcome[] = [];
  for (const pattern of KMS_KEY_FIELDS[resource.type] ?? []) {
    const failure = fieldFailure(resource, pattern.replace(/\[\].*$/, ''));
    if (failure) {
      outcomes.push(failure);
      continue;
    }
    for (const found of stringValuesAt(resource.description, pattern)) {
      const configured = { path: found.path, reference: found.value };
      const resolution = resolveKmsKey(found.value, resource, context.facts);
      if (resolution.status === 'unresolved') {
        outcomes.push(
          resolution.notCollected && context.mode === 'iac'
            ? notApplicable(
                `${resource.name}: key ${found.value} is not declared in the infrastructure code; the live scan checks it.`,
              )
            : unknown(
                `${resource.name}: ${describePath(resource, found.path)} = ${
                  found.value
                } could not be resolved: ${resolution.reason}.`,
                resolution.missing,
                [
                  {
                    path: describePath(resource, found.path),
                    observed: found.value,
                  },
                ],
              ),
        );
      } else if (resolution.status === 'aws-managed-alias') {
        outcomes.push(
          judge(
            { kind: 'aws-managed-alias', alias: resolution.alias },
            configured,
            context,
          ),
        );
      } else {
        outcomes.push(
          judge(
            {
              kind: 'resolved',
              fact: resolution.key,
              keyArn: resolution.keyArn,
              errors: resolution.errors,
            },
            configured,
            context,
          ),
        );
      }
    }
  }
  return combine(
    outcomes,
    notApplicable(
      `${resource.name} names no KMS key; the key presence checks report that.`,
    ),
  );
}
