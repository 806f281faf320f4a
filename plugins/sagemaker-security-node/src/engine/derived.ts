import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../types';
import { EvaluationScope } from './memory';

/**
 * Derivations: what check helpers declare instead of caching. Each function
 * below takes a pure computation and returns a function of the check
 * context; the engine keeps the computed value in the evaluation the context
 * belongs to (see `CheckEvaluator`). Outside an evaluation (a check function
 * called directly) every call computes. Derived values are shared: callers
 * must not modify them.
 */

/** Where the engine puts the evaluation of the context it hands to checks. */
const EVALUATION = Symbol('sagemaker-security.evaluation');

interface EvaluatedContext extends CheckContext {
  readonly [EVALUATION]?: EvaluationScope;
}

/** The context `check.evaluate` receives during the evaluation `scope`. */
export function contextIn(
  scope: EvaluationScope,
  context: CheckContext,
): CheckContext {
  const evaluated: EvaluatedContext = { ...context, [EVALUATION]: scope };
  // Derivations compute with the context that leads back to this scope.
  scope.context = evaluated;
  return evaluated;
}

function scopeOf(context: CheckContext): EvaluationScope | undefined {
  return (context as EvaluatedContext)[EVALUATION];
}

/** A value derived from the check context, once per evaluation of a resource. */
export type Derived<T> = (context: CheckContext) => T;

/**
 * `compute(context)`, computed once per evaluation of a resource and shared
 * by its checks (e.g. the execution roles it names).
 */
export function derive<T>(
  name: string,
  compute: (context: CheckContext) => T,
): Derived<T> {
  const derived: Derived<T> = context => {
    const scope = scopeOf(context);
    return scope === undefined
      ? compute(context)
      : scope.value(derived, compute);
  };
  return named(derived, name);
}

/**
 * `compute(context, a, b)`, computed once per evaluation of a resource for
 * each `a` and `b` (e.g. a fact read by kind and key).
 */
export function deriveFor<A, B, T>(
  name: string,
  compute: (context: CheckContext, a: A, b: B) => T,
): (context: CheckContext, a: A, b?: B) => T {
  const derived = (context: CheckContext, a: A, b?: B): T => {
    const scope = scopeOf(context);
    return scope === undefined
      ? compute(context, a, b as B)
      : scope.valueFor(derived, a, b as B, compute);
  };
  return named(derived, name);
}

/**
 * `compute(owner, ...args)` for a pure function of a collected fact (or its
 * data) and a few strings, computed once per fact object and arguments for
 * every resource the evaluator judges (e.g. the verdict on one role).
 */
export function deriveFromFact<O, A extends unknown[], T>(
  name: string,
  compute: (owner: O, ...args: A) => T,
): (context: CheckContext, owner: O, ...args: A) => T {
  const derived = (context: CheckContext, owner: O, ...args: A): T => {
    const scope = scopeOf(context);
    return scope === undefined
      ? compute(owner, ...args)
      : scope.memory.ofFact(derived, owner, args, () =>
          compute(owner, ...args),
        );
  };
  return named(derived, name);
}

/**
 * A sharing key: the same object for every resource whose `parts` are the
 * same (objects, e.g. facts, by identity; other values by value), found once
 * per evaluation. Undefined when `parts` is, and outside an evaluation.
 */
export function deriveKey(
  name: string,
  parts: (context: CheckContext) => readonly unknown[] | undefined,
): Derived<object | undefined> {
  const intern = (context: CheckContext): object | undefined => {
    const found = parts(context);
    return found === undefined
      ? undefined
      : scopeOf(context)!.memory.intern(found);
  };
  const derived: Derived<object | undefined> = context => {
    const scope = scopeOf(context);
    return scope === undefined ? undefined : scope.value(derived, intern);
  };
  return named(derived, name);
}

/** A verdict: an outcome, or one naming the resource it is given. */
export type Verdict = CheckOutcome | ((resourceName: string) => CheckOutcome);

/**
 * A check function whose verdict is the same for every resource with the
 * same sharing `key` (see `deriveKey`): `verdict` runs once per key, and for
 * every resource without one.
 */
export function sharedVerdict(
  key: Derived<object | undefined>,
  verdict: (context: CheckContext) => Verdict,
): (context: CheckContext) => CheckOutcome {
  const judged = (context: CheckContext): CheckOutcome => {
    const scope = scopeOf(context);
    const found = scope === undefined ? undefined : key(context);
    const given =
      found === undefined
        ? verdict(context)
        : scope!.memory.verdict(judged, found, () => verdict(context));
    return typeof given === 'function' ? given(context.resource.name) : given;
  };
  return judged;
}

function named<F extends (...args: never[]) => unknown>(
  derived: F,
  name: string,
): F {
  Object.defineProperty(derived, 'name', { value: name });
  return derived;
}
