import {
  CheckMetadata,
  CheckOutcome,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext, SecurityCheck } from '../../types';
import { judgmentsOf, perEvaluation } from './memo';
import { describeFailure } from './resourceErrors';

/** Shared by every check of the resource during one evaluation. */
function resourceDescribeFailure(
  context: CheckContext,
): CheckOutcome | undefined {
  return describeFailure(context.resource);
}

/**
 * A check function that judges facts shared by many resources (roles,
 * buckets, keys...) and memoises its verdict with `memoFor(judge, key(context))`,
 * where `key` is a `perEvaluation` derivation, undefined when the function
 * must judge the long way. A verdict is an outcome, or a function of the
 * resource name giving it.
 */
export interface SharedJudgment {
  key: (context: CheckContext) => object | undefined;
  judgments: WeakMap<object, unknown>;
}

const sharedJudgments = new WeakMap<object, SharedJudgment>();

/** The shared judgment of each check function made by `defineCheck`. */
const definedOnSharedFacts = new WeakMap<object, SharedJudgment>();

/** `evaluate`, marked as memoising `memoFor(judge, key(context))` (see `SharedJudgment`). */
export function judgingSharedFacts<
  F extends (context: CheckContext) => unknown,
>(
  evaluate: F,
  key: (context: CheckContext) => object | undefined,
  judge: object,
): F {
  sharedJudgments.set(evaluate, { key, judgments: judgmentsOf(judge) });
  return evaluate;
}

/**
 * A check whose function runs only over a described resource: a failed or
 * missing Describe response makes every check `unknown`, never `pass`.
 */
export function defineCheck(
  metadata: CheckMetadata,
  evaluate: (context: CheckContext) => CheckOutcome,
): SecurityCheck {
  const described = (context: CheckContext) =>
    perEvaluation(context, resourceDescribeFailure) ?? evaluate(context);
  const shared = sharedJudgments.get(evaluate);
  if (shared !== undefined) {
    definedOnSharedFacts.set(described, shared);
  }
  return { ...metadata, evaluate: described };
}

/** The shared judgment behind a check function made by `defineCheck`, if any. */
export function sharedJudgmentOf(
  evaluate: unknown,
): SharedJudgment | undefined {
  return typeof evaluate === 'function'
    ? definedOnSharedFacts.get(evaluate)
    : undefined;
}

/**
 * What `check.evaluate(context)` returns for a check function with this
 * shared judgment (see `sharedJudgmentOf`), when it is already known without
 * running it: the resource's Describe failure, or the memoised verdict of a
 * check defined over shared facts. Undefined otherwise (and whenever looking
 * it up fails): the caller then runs the check.
 */
export function knownOutcome(
  shared: SharedJudgment,
  context: CheckContext,
): CheckOutcome | undefined {
  try {
    const failure = perEvaluation(context, resourceDescribeFailure);
    if (failure !== undefined) {
      return failure;
    }
    const key = perEvaluation(context, shared.key);
    if (key === undefined) {
      return undefined;
    }
    const verdict = shared.judgments.get(key);
    return typeof verdict === 'function'
      ? (verdict(context.resource.name) as CheckOutcome)
      : (verdict as CheckOutcome | undefined);
  } catch {
    return undefined;
  }
}
