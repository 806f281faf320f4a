/** Human sentences for what a scan could not read. */
import type {
  CollectionError,
  CollectionErrorKind,
  ScanTargetProgressInfo,
} from '@mlsec/plugin-sagemaker-security-common';

const KIND_LABELS: Record<CollectionErrorKind, string> = {
  access_denied: 'Access denied',
  throttled: 'Throttled',
  not_found: 'Not found',
  region_disabled: 'Region not enabled',
  endpoint_unreachable: 'Endpoint unreachable',
  credentials_unavailable: 'Credentials unavailable',
  invalid_response: 'Invalid response',
  other: 'Error',
};

/** A short name of an error kind, e.g. "Credentials unavailable". */
export function kindLabel(kind: CollectionErrorKind): string {
  return KIND_LABELS[kind] ?? KIND_LABELS.other;
}

/** "account 111122223333 (us-east-1)" */
export function targetName(target: {
  accountId: string;
  region: string;
}): string {
  return `account ${target.accountId} (${target.region})`;
}

/**
 * One sentence per error kind, naming the account and region, the IAM
 * action and, where it helps, AWS's message, e.g. "Credentials unavailable
 * for account 111122223333 (us-east-1): could not assume role …".
 */
export function errorSentence(
  error: CollectionError,
  target: { accountId: string; region: string },
): string {
  const where = targetName(target);
  // An account-level call (sts:AssumeRole) names the account: said already.
  const named =
    error.target && error.target !== target.accountId ? error.target : '';
  switch (error.kind) {
    case 'access_denied':
      return `Access denied for ${where}: the scan may not call ${
        error.action
      }${named ? ` on ${named}` : ''}`;
    case 'throttled':
      return `Throttled in ${where}: AWS kept throttling ${error.action} after the SDK's retries`;
    case 'not_found':
      return `Not found in ${where}: ${named || 'the resource'} (${
        error.action
      })`;
    case 'region_disabled':
      return `Region ${target.region} is not enabled for account ${target.accountId}`;
    case 'endpoint_unreachable':
      return `Endpoint unreachable for ${where}: ${error.action} could not connect: ${error.message}`;
    case 'credentials_unavailable':
      return `Credentials unavailable for ${where}: ${error.message}`;
    case 'invalid_response':
      return `Invalid response in ${where}: the answer to ${error.action} could not be read`;
    default:
      return `${error.action} failed in ${where}: ${error.message}`;
  }
}

/** Errors of one kind and IAM action, with how many there were. */
export interface ErrorGroup {
  kind: CollectionErrorKind;
  action: string;
  count: number;
  first: CollectionError;
}

/** Groups errors by kind and action, most frequent first. */
export function groupErrors(errors: CollectionError[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const error of errors) {
    const key = `${error.kind}|${error.action}`;
    const group = groups.get(key);
    if (group) {
      group.count += 1;
    } else {
      groups.set(key, {
        kind: error.kind,
        action: error.action,
        count: 1,
        first: error,
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** One sentence per group, with the count when more than one call failed. */
export function groupSentence(
  group: ErrorGroup,
  target: { accountId: string; region: string },
): string {
  if (group.count === 1) {
    return errorSentence(group.first, target);
  }
  // Several targets of one action: name none of them.
  const { target: _one, ...first } = group.first;
  return `${errorSentence(first, target)} (${group.count} calls)`;
}

/**
 * The kinds and IAM actions of a target's errors, without what they were
 * for (other teams' roles and buckets): "Access denied (iam:GetRolePolicy,
 * s3:GetBucketPolicy); Throttled (sagemaker:DescribeTrainingJob)".
 */
export function kindsAndActions(errors: CollectionError[]): string {
  const byKind = new Map<CollectionErrorKind, Set<string>>();
  for (const error of errors) {
    const actions = byKind.get(error.kind) ?? new Set<string>();
    actions.add(error.action);
    byKind.set(error.kind, actions);
  }
  return [...byKind]
    .map(([kind, actions]) => `${kindLabel(kind)} (${[...actions].join(', ')})`)
    .join('; ');
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "5 minutes ago"; a dash when the time is absent or invalid. */
export function formatRelative(value?: string, now = Date.now()): string {
  const time = value ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    return '—';
  }
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(seconds, 'second');
}

/** When a target was read: its finish, else its start. */
export function targetTime(target: ScanTargetProgressInfo): string | undefined {
  return target.finishedAt ?? target.startedAt;
}

/** Total AWS calls of a target or scan. */
export function totalCalls(counts?: Record<string, number>): number {
  return Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);
}
