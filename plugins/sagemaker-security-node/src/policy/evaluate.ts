import {
  PolicyDocument,
  PolicyStatement,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ConditionContext,
  ConditionResult,
  evaluateCondition,
} from './conditions';
import { asList, isAllow, isDeny, statementsOf } from './statements';
import { actionMatches, resourceMatches } from './wildcards';

/**
 * True when the statement's `Action` (or `NotAction`) covers `action`.
 *
 * @public
 */
export function statementCoversAction(
  statement: PolicyStatement,
  action: string,
): boolean {
  if (statement.Action !== undefined) {
    return asList(statement.Action).some(pattern =>
      actionMatches(pattern, action),
    );
  }
  if (statement.NotAction !== undefined) {
    return !asList(statement.NotAction).some(pattern =>
      actionMatches(pattern, action),
    );
  }
  return false;
}

/**
 * True when the statement covers `resource`. Without a resource, `some` asks
 * whether it covers at least one resource (for Allow) and `all` whether it
 * covers every resource (for Deny, which then denies everywhere).
 *
 * @public
 */
export function statementCoversResource(
  statement: PolicyStatement,
  resource: string | undefined,
  quantifier: 'some' | 'all',
): boolean {
  const resources = asList(statement.Resource);
  const notResources = asList(statement.NotResource);
  if (resource !== undefined) {
    if (statement.Resource !== undefined) {
      return resources.some(pattern => resourceMatches(pattern, resource));
    }
    if (statement.NotResource !== undefined) {
      return !notResources.some(pattern => resourceMatches(pattern, resource));
    }
    return true;
  }
  if (statement.Resource !== undefined) {
    return quantifier === 'some'
      ? resources.length > 0
      : resources.includes('*');
  }
  if (statement.NotResource !== undefined) {
    return quantifier === 'some' ? !notResources.includes('*') : false;
  }
  return true;
}

/**
 * True when the statement covers every resource: `Resource: "*"` or any `NotResource`.
 *
 * @public
 */
export function grantsOnAllResources(statement: PolicyStatement): boolean {
  if (statement.Resource !== undefined) {
    return asList(statement.Resource).includes('*');
  }
  // NotResource grants everything but a list; no Resource element at all is unbounded.
  return true;
}

/** @public */
export interface MatchedStatement {
  statement: PolicyStatement;
  /** Index of the document in the list passed in. */
  documentIndex: number;
  conditions: ConditionResult;
}

/** @public */
export interface PolicyQuery {
  action: string;
  /** The resource ARN; omit to ask about any resource. */
  resource?: string;
  context?: ConditionContext;
}

/** @public */
export interface PolicyEvaluation {
  /** Explicit Deny beats Allow; neither is an implicit deny. */
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** Allow statements that grant the request (conditions true or undecided). */
  allowedBy: MatchedStatement[];
  /** Deny statements that certainly apply. */
  deniedBy: MatchedStatement[];
  /** Deny statements that apply only if an undecided condition holds. */
  possiblyDeniedBy: MatchedStatement[];
}

/**
 * Evaluates identity-based policy documents for one request. Explicit Deny
 * wins over Allow; `NotAction`/`NotResource` and wildcards are honoured; a
 * condition that cannot be decided from `context` keeps an Allow (the grant
 * may apply) but does not let a Deny rescue the request.
 *
 * @public
 */
export function evaluatePolicies(
  documents: Array<PolicyDocument | null | undefined>,
  query: PolicyQuery,
): PolicyEvaluation {
  const allowedBy: MatchedStatement[] = [];
  const deniedBy: MatchedStatement[] = [];
  const possiblyDeniedBy: MatchedStatement[] = [];
  for (
    let documentIndex = 0;
    documentIndex < documents.length;
    documentIndex++
  ) {
    // As forEach: holes of a sparse list are skipped.
    if (!(documentIndex in documents)) continue;
    const document = documents[documentIndex];
    for (const statement of statementsOf(document)) {
      if (!statementCoversAction(statement, query.action)) continue;
      const deny = isDeny(statement);
      if (!deny && !isAllow(statement)) continue;
      if (
        !statementCoversResource(
          statement,
          query.resource,
          deny ? 'all' : 'some',
        )
      ) {
        continue;
      }
      const conditions = evaluateCondition(statement.Condition, query.context);
      if (conditions === 'false') continue;
      const match = { statement, documentIndex, conditions };
      if (deny) {
        (conditions === 'true' ? deniedBy : possiblyDeniedBy).push(match);
      } else {
        allowedBy.push(match);
      }
    }
  }
  let decision: PolicyEvaluation['decision'] = 'implicit-deny';
  if (deniedBy.length > 0) {
    decision = 'explicit-deny';
  } else if (allowedBy.length > 0) {
    decision = 'allow';
  }
  return { decision, allowedBy, deniedBy, possiblyDeniedBy };
}

/**
 * True when the documents allow `action` (on `resource`, or on some resource).
 *
 * @public
 */
export function isActionAllowed(
  documents: Array<PolicyDocument | null | undefined>,
  action: string,
  resource?: string,
  context?: ConditionContext,
): boolean {
  return (
    evaluatePolicies(documents, { action, resource, context }).decision ===
    'allow'
  );
}
