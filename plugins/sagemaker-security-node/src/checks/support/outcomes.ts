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
  const worst = items.reduce((a, b) =>
    SEVERITY_OF_STATUS[b.status] > SEVERITY_OF_STATUS[a.status] ? b : a,
  ).status;
  const deciding = items.filter(item => item.status === worst);
  const evidence = items.flatMap(item => item.evidence ?? []);
  const missing = deciding.flatMap(item => item.missing ?? []);
  const outcome: CheckOutcome = {
    status: worst,
    message: [...new Set(deciding.map(item => item.message))].join(' '),
    evidence,
  };
  if (worst === 'unknown') {
    outcome.missing = [...new Set(missing)];
  }
  return outcome;
}
