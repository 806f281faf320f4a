/**
 * The part of Prowler's OCSF output (`prowler aws --output-formats
 * json-ocsf`: a JSON array of OCSF Detection Findings, class_uid 2004) that
 * the import reads. Other fields are allowed and not kept.
 */
import { z } from 'zod';
import type {
  ExternalFindingSeverity,
  ExternalFindingStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ExternalFindingRecord } from '../ExternalFindingStore';

/** OCSF severity names (Prowler writes e.g. `High`), case-insensitive. */
const OCSF_SEVERITIES = [
  'unknown',
  'informational',
  'low',
  'medium',
  'high',
  'critical',
  'fatal',
  'other',
] as const;

const text = z.string().min(1).max(4096);

export const prowlerFindingSchema = z.object({
  class_uid: z.literal(2004, {
    errorMap: () => ({
      message: 'expected 2004 (an OCSF Detection Finding, as Prowler writes)',
    }),
  }),
  finding_info: z.object({
    uid: text,
    title: z.string().max(4096).optional(),
  }),
  metadata: z.object({
    /** The Prowler check id, e.g. `sagemaker_notebook_instance_encryption_enabled`. */
    event_code: z.string().min(1).max(255),
  }),
  severity: z.preprocess(
    value => (typeof value === 'string' ? value.toLowerCase() : value),
    z.enum(OCSF_SEVERITIES),
  ),
  /** Prowler's verdict: PASS, FAIL or MANUAL. */
  status_code: z.string().min(1).max(64),
  resources: z
    .array(
      z.object({
        uid: text,
        region: z.string().max(64).optional(),
      }),
    )
    .min(1),
  cloud: z.object({
    account: z.object({
      uid: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account ID'),
    }),
    region: z.string().min(1).max(64),
  }),
  remediation: z
    .object({ references: z.array(z.string().max(4096)).optional() })
    .optional(),
  time_dt: z.string().max(64).optional(),
});

export type ProwlerFinding = z.infer<typeof prowlerFindingSchema>;

/** An ARN of a SageMaker resource, in any partition. */
const SAGEMAKER_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:.+/;

function severityOf(
  value: ProwlerFinding['severity'],
): ExternalFindingSeverity {
  switch (value) {
    case 'fatal':
    case 'critical':
      return 'critical';
    case 'high':
    case 'medium':
    case 'low':
    case 'informational':
      return value;
    default:
      return 'informational';
  }
}

function statusOf(code: string): ExternalFindingStatus {
  switch (code.toUpperCase()) {
    case 'FAIL':
      return 'failed';
    case 'PASS':
      return 'passed';
    default:
      return 'other';
  }
}

/** The first http(s) link among the remediation references. */
function remediationUrlOf(finding: ProwlerFinding): string | undefined {
  return finding.remediation?.references?.find(ref =>
    /^https?:\/\//i.test(ref),
  );
}

/** Prowler writes `time_dt` without an offset: it is UTC. */
function utcTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The finding as stored, or undefined when none of its resources is a
 * SageMaker resource (the import counts those as ignored).
 */
export function toProwlerRecord(
  finding: ProwlerFinding,
): ExternalFindingRecord | undefined {
  const resource = finding.resources.find(r => SAGEMAKER_ARN.test(r.uid));
  if (!resource) return undefined;
  const observed = utcTime(finding.time_dt);
  const url = remediationUrlOf(finding);
  return {
    source: 'prowler',
    sourceId: finding.finding_info.uid,
    resourceArn: resource.uid,
    accountId: finding.cloud.account.uid,
    region: resource.region || finding.cloud.region,
    controlId: finding.metadata.event_code,
    title: finding.finding_info.title || finding.metadata.event_code,
    severity: severityOf(finding.severity),
    status: statusOf(finding.status_code),
    ...(url ? { remediationUrl: url } : {}),
    ...(observed
      ? { firstObservedAt: observed, lastObservedAt: observed }
      : {}),
  };
}

/** A zod issue path as `body[12].resources[0].uid`. */
export function fieldOf(index: number, path: Array<string | number>): string {
  return path.reduce<string>(
    (field, part) =>
      typeof part === 'number' ? `${field}[${part}]` : `${field}.${part}`,
    `body[${index}]`,
  );
}
