import type {
  CheckReferences,
  Finding,
  ResultStatus,
  Severity,
} from '@mlsec/plugin-sagemaker-security-common';
import { peerControls } from './csv';

/**
 * A finding as an OCSF 1.1.0 Compliance Finding (class 2003, category 2
 * Findings): one result of one check on one resource, with the check as the
 * control and the peer controls it answers as the standards.
 */
export const OCSF_VERSION = '1.1.0';

const SEVERITY_ID: Record<Severity, number> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

/** OCSF `compliance.status_id`: 0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other. */
const COMPLIANCE: Record<ResultStatus, { id: number; name: string }> = {
  pass: { id: 1, name: 'Pass' },
  warn: { id: 2, name: 'Warning' },
  fail: { id: 3, name: 'Fail' },
  unknown: { id: 0, name: 'Unknown' },
  not_applicable: { id: 99, name: 'Not applicable' },
  waived: { id: 99, name: 'Waived' },
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function toOcsf(
  finding: Finding,
  references: CheckReferences | undefined,
  product: { name: string; vendor: string },
): Record<string, unknown> {
  const { result, check } = finding;
  const compliance = COMPLIANCE[result.status];
  const waived = result.status === 'waived';
  const time = Date.parse(result.evaluatedAt);
  return {
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2003,
    class_name: 'Compliance Finding',
    // 1 Create: a finding as of its evaluation; `since` says when it began.
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200301,
    type_name: 'Compliance Finding: Create',
    time,
    severity_id: SEVERITY_ID[check.severity],
    severity: capitalised(check.severity),
    // 3 Suppressed for a waived result, else 1 New.
    status_id: waived ? 3 : 1,
    status: waived ? 'Suppressed' : 'New',
    message: result.message,
    metadata: {
      version: OCSF_VERSION,
      product: {
        name: product.name,
        vendor_name: product.vendor,
      },
    },
    finding_info: {
      uid: `${result.resourceArn}|${check.id}`,
      title: check.title,
      desc: result.message,
      types: [check.pillar],
      first_seen_time: Date.parse(result.since),
      last_seen_time: time,
    },
    compliance: {
      control: check.id,
      standards: peerControls(references),
      status_id: compliance.id,
      status: compliance.name,
      ...(result.missing?.length
        ? { status_detail: `Not evaluated: needs ${result.missing.join(', ')}` }
        : {}),
    },
    cloud: {
      provider: 'AWS',
      region: result.region,
      account: { uid: result.accountId, type: 'AWS Account', type_id: 10 },
    },
    resources: [
      {
        uid: result.resourceArn,
        name: result.resourceName,
        type: result.resourceType,
        region: result.region,
        cloud_partition: result.resourceArn.split(':')[1],
      },
    ],
    unmapped: {
      entityRef: finding.entityRef,
      evaluatedStatus: result.evaluatedStatus,
      ...(result.waiver
        ? {
            waiver: {
              id: result.waiver.id,
              expiresAt: result.waiver.expiresAt,
            },
          }
        : {}),
    },
  };
}
