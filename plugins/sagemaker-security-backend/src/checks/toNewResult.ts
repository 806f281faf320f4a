import {
  CheckOutcome,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import type { NewResult } from './ResultStore';

/** A check's outcome on a resource, as the result store keeps it. */
export function toNewResult(
  check: SecurityCheck,
  resource: SageMakerResource,
  outcome: CheckOutcome,
): NewResult {
  return {
    resourceArn: resource.arn,
    checkId: check.id,
    resourceType: resource.type,
    resourceName: resource.name,
    accountId: resource.accountId,
    region: resource.region,
    pillar: check.pillar,
    severity: check.severity,
    status: outcome.status,
    message: outcome.message,
    evidence: outcome.evidence ?? [],
    ...(outcome.missing?.length ? { missing: outcome.missing } : {}),
  };
}
