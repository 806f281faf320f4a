import {
  CHECK_STATUSES,
  CheckOutcome,
  CheckStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext, SecurityCheck } from '../types';

export interface CheckEvaluation {
  checkId: string;
  outcome: CheckOutcome;
}

function isOutcome(value: unknown): value is CheckOutcome {
  return (
    value !== null &&
    typeof value === 'object' &&
    (CHECK_STATUSES as readonly string[]).includes(
      (value as { status?: unknown }).status as string,
    ) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * Runs the checks that apply to the context's resource. A check that throws or
 * returns something that is not an outcome becomes `unknown` with the reason;
 * it never crashes the run and never passes. In `iac` mode, checks that need
 * live data are `not_applicable`.
 */
export function evaluateResource(
  checks: SecurityCheck[],
  context: CheckContext,
): CheckEvaluation[] {
  const results: CheckEvaluation[] = [];
  for (const check of checks) {
    if (!check.resourceTypes.includes(context.resource.type)) {
      continue;
    }
    if (context.mode === 'iac' && check.requiresLiveData) {
      results.push({
        checkId: check.id,
        outcome: {
          status: 'not_applicable' as CheckStatus,
          message:
            'Needs live data (e.g. alarms, trails, logs); checked by the live scan, not before deployment.',
          evidence: [],
        },
      });
      continue;
    }
    let outcome: CheckOutcome;
    try {
      const returned: unknown = check.evaluate(context);
      outcome = isOutcome(returned)
        ? { ...returned, evidence: returned.evidence ?? [] }
        : {
            status: 'unknown',
            message: `Check ${check.id} returned no valid outcome.`,
            evidence: [],
            missing: [],
          };
    } catch (error) {
      outcome = {
        status: 'unknown',
        message: `Check ${check.id} failed to evaluate: ${
          error instanceof Error ? error.message : String(error)
        }`,
        evidence: [],
        missing: [],
      };
    }
    results.push({ checkId: check.id, outcome });
  }
  return results;
}
