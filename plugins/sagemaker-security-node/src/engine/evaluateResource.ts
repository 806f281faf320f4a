import {
  CHECK_STATUSES,
  CheckOutcome,
  CheckStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext, SecurityCheck } from '../types';
import { contextIn } from './derived';
import { EvaluationMemory, ReadTracer } from './memory';

/** @public */
export interface CheckEvaluation {
  checkId: string;
  outcome: CheckOutcome;
}

/**
 * Runs a list of checks over resource after resource, sharing what they
 * derive from the same facts (see `derive` and `deriveFromFact`) for as long
 * as the evaluator lives: make one per scan (or per batch of resources
 * judged against the same facts), not one per process.
 *
 * @public
 */
export interface CheckEvaluator {
  /**
   * Runs the checks that apply to the context's resource. A check that throws or
   * returns something that is not an outcome becomes `unknown` with the reason;
   * it never crashes the run and never passes. In `iac` mode, checks that need
   * live data are `not_applicable`.
   */
  evaluate(context: CheckContext): CheckEvaluation[];
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

/**
 * An evaluator of `checks` (the list as it is now: a check added later is not
 * run by it). With a `tracer`, a verdict shared by several resources has its
 * reads recorded for each of them (see `ReadTracer`).
 *
 * @public
 */
export function createCheckEvaluator(
  checks: SecurityCheck[],
  options?: {
    /** Told where shared computations begin and end (see `ReadTracer`). */
    tracer?: ReadTracer;
  },
): CheckEvaluator {
  const listed = [...checks];
  const memory = new EvaluationMemory(options?.tracer);
  const byType = new Map<string, SecurityCheck[]>();
  const checksFor = (type: string): SecurityCheck[] => {
    let forType = byType.get(type);
    if (forType === undefined) {
      forType = listed.filter(check =>
        check.resourceTypes.includes(type as never),
      );
      byType.set(type, forType);
    }
    return forType;
  };
  return {
    evaluate(context) {
      const forType = checksFor(context.resource.type);
      if (forType.length === 0) {
        return [];
      }
      const scope = memory.open();
      try {
        const evaluated = contextIn(scope, context);
        const results = new Array<CheckEvaluation>(forType.length);
        for (let i = 0; i < forType.length; i++) {
          const check = forType[i];
          results[i] = {
            checkId: check.id,
            outcome: runCheck(check, evaluated, memory),
          };
        }
        return results;
      } finally {
        memory.close(scope);
      }
    },
  };
}

/**
 * Runs the checks that apply to the context's resource (see
 * `CheckEvaluator.evaluate`). Nothing is shared with other calls: to judge
 * many resources, use one `createCheckEvaluator`.
 *
 * @public
 */
export function evaluateResource(
  checks: SecurityCheck[],
  context: CheckContext,
): CheckEvaluation[] {
  return createCheckEvaluator(checks).evaluate(context);
}

function runCheck(
  check: SecurityCheck,
  context: CheckContext,
  memory: EvaluationMemory,
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
    const returned: unknown = check.evaluate(context);
    if (
      memory.isShared(returned) &&
      isOutcome(returned) &&
      returned.evidence !== undefined &&
      returned.evidence !== null
    ) {
      // A kept outcome, read-only like every result: no copy needed.
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
