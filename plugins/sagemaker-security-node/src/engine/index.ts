export { createCheckEvaluator, evaluateResource } from './evaluateResource';
export type { CheckEvaluation, CheckEvaluator } from './evaluateResource';
export {
  derive,
  deriveFor,
  deriveFromFact,
  deriveKey,
  sharedVerdict,
} from './derived';
export type { Derived, Verdict } from './derived';
export type { ReadTracer } from './memory';
