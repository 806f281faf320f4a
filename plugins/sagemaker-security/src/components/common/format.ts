import type {
  Pillar,
  ResultStatus,
  Severity,
} from '@mlsec/plugin-sagemaker-security-common';
import { SEVERITIES } from '@mlsec/plugin-sagemaker-security-common';

const PILLAR_LABELS: Record<Pillar, string> = {
  encryption: 'Encryption',
  network: 'Network',
  iam: 'IAM',
  monitoring: 'Monitoring',
  resilience: 'Resilience',
};

export function pillarLabel(pillar: Pillar): string {
  return PILLAR_LABELS[pillar] ?? pillar;
}

const STATUS_LABELS: Record<ResultStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  warn: 'Warning',
  unknown: 'Could not evaluate',
  not_applicable: 'Not applicable',
  waived: 'Waived',
};

export function statusLabel(status: ResultStatus): string {
  return STATUS_LABELS[status] ?? status;
}

export function severityLabel(severity: Severity): string {
  return severity.charAt(0).toLocaleUpperCase('en-US') + severity.slice(1);
}

/** Sort key: critical first. */
export function severityRank(severity: Severity): number {
  const index = SEVERITIES.indexOf(severity);
  return index === -1 ? SEVERITIES.length : index;
}

/** A timestamp in the reader's locale, or a dash when absent or invalid. */
export function formatDateTime(value?: string): string {
  if (!value) {
    return '—';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

export function formatDate(value?: string): string {
  if (!value) {
    return '—';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString();
}

/** Evidence values are JSON of any shape; show strings bare and the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) {
    return '(absent)';
  }
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value);
}
