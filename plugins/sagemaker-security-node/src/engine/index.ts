export { evaluateResource } from './evaluateResource';
export type { CheckEvaluation } from './evaluateResource';
