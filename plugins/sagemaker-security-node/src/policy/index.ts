export { parsePolicyDocument } from './parsePolicyDocument';
export {
  statementsOf,
  asList,
  isAllow,
  isDeny,
  isPrincipalEveryone,
  servicePrincipals,
  awsPrincipals,
} from './statements';
export { actionMatches, resourceMatches, wildcardMatch } from './wildcards';
export {
  evaluateCondition,
  conditionKeys,
  hasConditionKey,
} from './conditions';
export type { ConditionContext, ConditionResult } from './conditions';
export {
  evaluatePolicies,
  isActionAllowed,
  statementCoversAction,
  statementCoversResource,
  grantsOnAllResources,
} from './evaluate';
export type {
  MatchedStatement,
  PolicyEvaluation,
  PolicyQuery,
} from './evaluate';
export { deniesInsecureTransport } from './secureTransport';
