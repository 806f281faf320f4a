import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import {
  combineItems,
  expectPresent,
  hasLocalInstanceStorage,
  notApplicable,
  stringValuesAt,
} from '../support';

export interface KeyRequirement {
  /** Field that must name a KMS key. */
  path: string;
  /** e.g. `training output key`. */
  label: string;
  /** Why no key is expected here, if none is. */
  notApplicable?: string;
}

/** Each requirement must name a key; not-applicable parts are skipped. */
export function requireKeys(
  context: CheckContext,
  requirements: KeyRequirement[],
): CheckOutcome {
  const { name } = context.resource;
  const outcomes = requirements.map(requirement =>
    requirement.notApplicable
      ? notApplicable(
          `${name}: no ${requirement.label} needed (${requirement.notApplicable}).`,
        )
      : expectPresent(context, requirement.path, requirement.label),
  );
  return outcomes.length === 0
    ? notApplicable(`${name}: no KMS key fields apply.`)
    : combineItems(outcomes);
}

/**
 * A volume key requirement, not applicable when an instance type of the job
 * has local NVMe storage: SageMaker encrypts it in hardware and rejects a
 * volume KMS key for such types.
 */
export function volumeKeyRequirement(
  context: CheckContext,
  path: string,
  instanceTypePaths: string[],
  label = 'storage volume key',
): KeyRequirement {
  // The first instance type with local storage, if any.
  let local: string | undefined;
  for (const pattern of instanceTypePaths) {
    for (const found of stringValuesAt(context.resource.description, pattern)) {
      if (hasLocalInstanceStorage(found.value)) {
        local = found.value;
        break;
      }
    }
    if (local !== undefined) break;
  }
  return {
    path,
    label,
    notApplicable:
      local !== undefined
        ? `instance type ${local} has local NVMe storage, encrypted in hardware; SageMaker rejects a volume key for it`
        : undefined,
  };
}
