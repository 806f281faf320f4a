import { PolicyStatement } from '@mlsec/plugin-sagemaker-security-common';
import { wildcardMatch } from './wildcards';

/**
 * What is known about the request. A key that is absent from the context is
 * *unknown*; a key set to `null` is known to be absent from the request.
 *
 * @public
 */
export type ConditionContext = Record<
  string,
  string | number | boolean | string[] | null
>;

/**
 * A condition block evaluates to true, false, or cannot be decided.
 *
 * @public
 */
export type ConditionResult = 'true' | 'false' | 'unresolved';

type Comparator = (conditionValue: string, requestValue: string) => boolean;

const COMPARATORS: Record<string, { compare: Comparator; negated: boolean }> = {
  stringequals: { compare: (a, b) => a === b, negated: false },
  stringnotequals: { compare: (a, b) => a === b, negated: true },
  stringequalsignorecase: {
    compare: (a, b) => a.toLowerCase() === b.toLowerCase(),
    negated: false,
  },
  stringnotequalsignorecase: {
    compare: (a, b) => a.toLowerCase() === b.toLowerCase(),
    negated: true,
  },
  stringlike: {
    compare: (a, b) => wildcardMatch(a, b, { ignoreCase: false }),
    negated: false,
  },
  stringnotlike: {
    compare: (a, b) => wildcardMatch(a, b, { ignoreCase: false }),
    negated: true,
  },
  arnequals: {
    compare: (a, b) => wildcardMatch(a, b, { ignoreCase: false }),
    negated: false,
  },
  arnlike: {
    compare: (a, b) => wildcardMatch(a, b, { ignoreCase: false }),
    negated: false,
  },
  arnnotequals: {
    compare: (a, b) => wildcardMatch(a, b, { ignoreCase: false }),
    negated: true,
  },
  arnnotlike: {
    compare: (a, b) => wildcardMatch(a, b, { ignoreCase: false }),
    negated: true,
  },
  bool: {
    compare: (a, b) => a.toLowerCase() === b.toLowerCase(),
    negated: false,
  },
  numericequals: { compare: (a, b) => Number(a) === Number(b), negated: false },
  numericnotequals: {
    compare: (a, b) => Number(a) === Number(b),
    negated: true,
  },
  numericlessthan: { compare: (a, b) => Number(b) < Number(a), negated: false },
  numericlessthanequals: {
    compare: (a, b) => Number(b) <= Number(a),
    negated: false,
  },
  numericgreaterthan: {
    compare: (a, b) => Number(b) > Number(a),
    negated: false,
  },
  numericgreaterthanequals: {
    compare: (a, b) => Number(b) >= Number(a),
    negated: false,
  },
};

function toStrings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter(item => item !== null && item !== undefined)
    .map(item => String(item));
}

function lookup(
  context: ConditionContext,
  key: string,
): { known: false } | { known: true; values: string[] | null } {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted) {
      return { known: true, values: value === null ? null : toStrings(value) };
    }
  }
  return { known: false };
}

interface ParsedOperator {
  base: string;
  ifExists: boolean;
  set?: 'any' | 'all';
}

function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let set: ParsedOperator['set'];
  const lowered = rest.toLowerCase();
  if (lowered.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('foranyvalue:'.length);
  } else if (lowered.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('forallvalues:'.length);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  return { base: rest.toLowerCase(), ifExists, set };
}

function evaluateKey(
  operator: ParsedOperator,
  conditionValues: string[],
  request: { known: false } | { known: true; values: string[] | null },
): ConditionResult {
  if (!request.known) {
    return 'unresolved';
  }
  if (operator.base === 'null') {
    const expectsAbsent = conditionValues.some(v => v.toLowerCase() === 'true');
    const absent = request.values === null || request.values.length === 0;
    return expectsAbsent === absent ? 'true' : 'false';
  }
  const comparator = COMPARATORS[operator.base];
  if (!comparator) {
    return 'unresolved';
  }
  if (request.values === null) {
    // The key is absent from the request.
    if (operator.ifExists || operator.set === 'all') return 'true';
    if (operator.set === 'any') return 'false';
    return comparator.negated ? 'true' : 'false';
  }
  const matches = (value: string) =>
    conditionValues.some(conditionValue =>
      comparator.compare(conditionValue, value),
    );
  if (operator.set === 'all') {
    const allMatch = request.values.every(matches);
    const noneMatch = request.values.every(value => !matches(value));
    return (comparator.negated ? noneMatch : allMatch) ? 'true' : 'false';
  }
  const anyMatch = request.values.some(matches);
  return (comparator.negated ? !anyMatch : anyMatch) ? 'true' : 'false';
}

/**
 * Evaluates a statement's `Condition` block against what is known of the
 * request: every operator and key must hold (AND); `unresolved` when one
 * cannot be decided and none is false.
 *
 * @public
 */
export function evaluateCondition(
  condition: PolicyStatement['Condition'],
  context: ConditionContext = {},
): ConditionResult {
  if (!condition || typeof condition !== 'object') {
    return 'true';
  }
  let result: ConditionResult = 'true';
  for (const [operatorName, block] of Object.entries(condition)) {
    if (!block || typeof block !== 'object') {
      return 'unresolved';
    }
    const operator = parseOperator(operatorName);
    for (const [key, value] of Object.entries(block)) {
      const keyResult = evaluateKey(
        operator,
        toStrings(value),
        lookup(context, key),
      );
      if (keyResult === 'false') {
        return 'false';
      }
      if (keyResult === 'unresolved') {
        result = 'unresolved';
      }
    }
  }
  return result;
}

/**
 * Condition keys used by a statement, lower-cased (e.g. `iam:passedtoservice`).
 *
 * @public
 */
export function conditionKeys(statement: PolicyStatement): string[] {
  const keys: string[] = [];
  for (const block of Object.values(statement.Condition ?? {})) {
    if (block && typeof block === 'object') {
      keys.push(...Object.keys(block).map(key => key.toLowerCase()));
    }
  }
  return keys;
}

/**
 * True when the statement has a condition on any of `keys` (case-insensitive).
 *
 * @public
 */
export function hasConditionKey(
  statement: PolicyStatement,
  ...keys: string[]
): boolean {
  const present = conditionKeys(statement);
  return keys.some(key => present.includes(key.toLowerCase()));
}
