import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import {
  combine,
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
  return combine(
    requirements.map(requirement =>
      requirement.notApplicable
        ? notApplicable(
            `${name}: no ${requirement.label} needed (${requirement.notApplicable}).`,
          )
        : expectPresent(context, requirement.path, requirement.label),
    ),
    notApplicable(`${name}: no KMS key fields apply.`),
  );
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
  const local = instanceTypePaths
    .flatMap(pattern => stringValuesAt(context.resource.description, pattern))
    .map(found => found.value)
    .filter(hasLocalInstanceStorage);
  return {
    path,
    label,
    notApplicable:
      local.length > 0
        ? `instance type ${local[0]} has local NVMe storage, encrypted in hardware; SageMaker rejects a volume key for it`
        : undefined,
  };
}
