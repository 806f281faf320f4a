import {
  CHECK_STATUSES,
  CheckOutcome,
  CheckStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  knownOutcome,
  SharedJudgment,
  sharedJudgmentOf,
} from '../checks/support/defineCheck';
import { isSharedValue, withEvaluationScope } from '../checks/support/memo';
import { CheckContext, SecurityCheck } from '../types';

/** @public */
export interface CheckEvaluation {
  checkId: string;
  outcome: CheckOutcome;
}

/** `CHECK_STATUSES`, read once. */
const STATUSES: readonly string[] = CHECK_STATUSES;

function isOutcome(value: unknown): value is CheckOutcome {
  return (
    value !== null &&
    typeof value === 'object' &&
    STATUSES.includes((value as { status?: unknown }).status as string) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

interface CheckIndex {
  /** The list as indexed, and each check's resource types then. */
  checks: SecurityCheck[];
  resourceTypes: unknown[];
  byType: Map<string, Applicable>;
}

/** The checks for one resource type, with each one's function and shared judgment when indexed. */
interface Applicable {
  checks: SecurityCheck[];
  evaluates: unknown[];
  shared: Array<SharedJudgment | undefined>;
}

const indexes = new WeakMap<SecurityCheck[], CheckIndex>();

/** The checks of a list that apply to `type`, in list order (indexed once per list). */
function checksFor(checks: SecurityCheck[], type: string): Applicable {
  let index = indexes.get(checks);
  if (index === undefined || !isCurrent(index, checks)) {
    index = {
      checks: [...checks],
      resourceTypes: checks.map(check => check.resourceTypes),
      byType: new Map(),
    };
    indexes.set(checks, index);
  }
  let applicable = index.byType.get(type);
  if (applicable === undefined) {
    const forType = checks.filter(check =>
      check.resourceTypes.includes(type as never),
    );
    applicable = {
      checks: forType,
      evaluates: forType.map(check => check.evaluate),
      shared: forType.map(check => sharedJudgmentOf(check.evaluate)),
    };
    index.byType.set(type, applicable);
  }
  return applicable;
}

/** The list (and each check's resource type list) is still the one indexed. */
function isCurrent(index: CheckIndex, checks: SecurityCheck[]): boolean {
  if (index.checks.length !== checks.length) return false;
  for (let i = 0; i < checks.length; i++) {
    if (
      index.checks[i] !== checks[i] ||
      index.resourceTypes[i] !== checks[i].resourceTypes
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Runs the checks that apply to the context's resource. A check that throws or
 * returns something that is not an outcome becomes `unknown` with the reason;
 * it never crashes the run and never passes. In `iac` mode, checks that need
 * live data are `not_applicable`.
 *
 * @public
 */
export function evaluateResource(
  checks: SecurityCheck[],
  context: CheckContext,
): CheckEvaluation[] {
  if (checks.length === 0) {
    return [];
  }
  const applicable = checksFor(checks, context.resource.type);
  return withEvaluationScope(context, () => {
    const { checks: forType, evaluates, shared } = applicable;
    const results = new Array<CheckEvaluation>(forType.length);
    for (let i = 0; i < forType.length; i++) {
      const check = forType[i];
      // The shared judgment found when indexing, while the function is the same.
      const judgment =
        check.evaluate === evaluates[i]
          ? shared[i]
          : sharedJudgmentOf(check.evaluate);
      results[i] = {
        checkId: check.id,
        outcome: runCheck(check, context, judgment),
      };
    }
    return results;
  });
}

function runCheck(
  check: SecurityCheck,
  context: CheckContext,
  judgment: SharedJudgment | undefined,
): CheckOutcome {
  if (context.mode === 'iac' && check.requiresLiveData) {
    return {
      status: 'not_applicable' as CheckStatus,
      message:
        'Needs live data (e.g. alarms, trails, logs); checked by the live scan, not before deployment.',
      evidence: [],
    };
  }
  try {
    const returned: unknown =
      (judgment && knownOutcome(judgment, context)) ?? check.evaluate(context);
    if (
      isSharedValue(returned) &&
      isOutcome(returned) &&
      returned.evidence !== undefined &&
      returned.evidence !== null
    ) {
      // A memoised outcome, read-only like every result: no copy needed.
      return returned;
    }
    return isOutcome(returned)
      ? { ...returned, evidence: returned.evidence ?? [] }
      : {
          status: 'unknown',
          message: `Check ${check.id} returned no valid outcome.`,
          evidence: [],
          missing: [],
        };
  } catch (error) {
    return {
      status: 'unknown',
      message: `Check ${check.id} failed to evaluate: ${
        error instanceof Error ? error.message : String(error)
      }`,
      evidence: [],
      missing: [],
    };
  }
}
