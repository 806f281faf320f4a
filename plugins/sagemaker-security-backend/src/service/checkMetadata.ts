import type { CheckMetadata } from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';

/** Check metadata without the function, as the API shows it. */
export function toCheckMetadata(check: SecurityCheck): CheckMetadata {
  return {
    id: check.id,
    pillar: check.pillar,
    title: check.title,
    severity: check.severity,
    resourceTypes: check.resourceTypes,
    rationale: check.rationale,
    references: check.references,
    remediation: check.remediation,
    ...(check.requiresLiveData !== undefined
      ? { requiresLiveData: check.requiresLiveData }
      : {}),
  };
}
