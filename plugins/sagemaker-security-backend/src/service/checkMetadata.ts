import type { CheckMetadata } from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import { withPeerReferences } from '@mlsec/plugin-sagemaker-security-node';

/**
 * Check metadata without the function, as the API shows it. The references
 * carry the peer control ids of the parity table (docs/parity.md) as well as
 * those the check declares.
 */
export function toCheckMetadata(check: SecurityCheck): CheckMetadata {
  return {
    id: check.id,
    pillar: check.pillar,
    title: check.title,
    severity: check.severity,
    resourceTypes: check.resourceTypes,
    rationale: check.rationale,
    references: withPeerReferences(check.id, check.references),
    remediation: check.remediation,
    ...(check.requiresLiveData !== undefined
      ? { requiresLiveData: check.requiresLiveData }
      : {}),
  };
}
