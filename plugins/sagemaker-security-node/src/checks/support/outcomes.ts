import {
  CheckOutcome,
  Evidence,
} from '@mlsec/plugin-sagemaker-security-common';

export function pass(message: string, evidence: Evidence[] = []): CheckOutcome {
  return { status: 'pass', message, evidence };
}

export function fail(message: string, evidence: Evidence[] = []): CheckOutcome {
  return { status: 'fail', message, evidence };
}

export function warn(message: string, evidence: Evidence[] = []): CheckOutcome {
  return { status: 'warn', message, evidence };
}

export function notApplicable(
  message: string,
  evidence: Evidence[] = [],
): CheckOutcome {
  return { status: 'not_applicable', message, evidence };
}

export function unknown(
  message: string,
  missing: string[] = [],
  evidence: Evidence[] = [],
): CheckOutcome {
  return {
    status: 'unknown',
    message,
    evidence,
    missing: [...new Set(missing)],
  };
}

const SEVERITY_OF_STATUS: Record<CheckOutcome['status'], number> = {
  fail: 4,
  unknown: 3,
  warn: 2,
  pass: 1,
  not_applicable: 0,
};

/**
 * As `[...new Set(deciding.map(item => item.message))].join(' ')` for the
 * items of status `status`, without building the lists.
 */
function decidingMessages(items: CheckOutcome[], status: string): string {
  let joined: string | undefined;
  for (let j = 0; j < items.length; j++) {
    const item = items[j];
    if (item.status !== status) continue;
    const { message } = item;
    if (typeof message !== 'string') {
      const deciding = items.filter(each => each.status === status);
      return [...new Set(deciding.map(each => each.message))].join(' ');
    }
    let seen = false;
    for (let i = 0; i < j && !seen; i++) {
      seen = items[i].status === status && items[i].message === message;
    }
    if (!seen) {
      joined = joined === undefined ? message : `${joined} ${message}`;
    }
  }
  return joined ?? '';
}

/** As `items.flatMap(item => item[field] ?? [])`, for the items of `status` when given. */
function flatten<T>(
  items: CheckOutcome[],
  field: (item: CheckOutcome) => T[] | undefined,
  status?: string,
): T[] {
  let count = 0;
  for (const item of items) {
    if (status !== undefined && item.status !== status) continue;
    const values = field(item) ?? [];
    if (Array.isArray(values)) {
      for (let i = 0; i < values.length; i++) {
        if (i in values) count++;
      }
    } else {
      count++;
    }
  }
  if (count === 0) {
    return [];
  }
  // A one-item list as a literal makes: the most common case, in the common shape.
  const all = count === 1 ? [undefined as T] : new Array<T>(count);
  let next = 0;
  for (const item of items) {
    if (status !== undefined && item.status !== status) continue;
    const values = field(item) ?? [];
    if (Array.isArray(values)) {
      for (let i = 0; i < values.length; i++) {
        if (i in values) all[next++] = values[i];
      }
    } else {
      all[next++] = values as T;
    }
  }
  return all;
}

/**
 * Combines per-item verdicts (several keys, roles, buckets...) into one:
 * a proven failure wins over anything unreadable, which wins over a warning;
 * all-not-applicable stays not applicable. Messages of the deciding items are kept.
 */
export function combine(
  items: CheckOutcome[],
  whenEmpty: CheckOutcome,
): CheckOutcome {
  if (items.length === 0) {
    return whenEmpty;
  }
  return combineItems(items);
}

/** `combine` of a non-empty list. */
export function combineItems(items: CheckOutcome[]): CheckOutcome {
  // The first item of the highest severity decides the status.
  let worst = items[0].status;
  for (let i = 1; i < items.length; i++) {
    if (SEVERITY_OF_STATUS[items[i].status] > SEVERITY_OF_STATUS[worst]) {
      worst = items[i].status;
    }
  }
  const message = decidingMessages(items, worst);
  const evidence = flatten(items, item => item.evidence);
  // Built as the builders above build them (one shape per kind of outcome).
  return worst === 'unknown'
    ? {
        status: worst,
        message,
        evidence,
        missing: [...new Set(flatten(items, item => item.missing, worst))],
      }
    : { status: worst, message, evidence };
}
