export * from './buckets';
export * from './clusterGroups';
export * from './defineCheck';
export * from './describe';
export * from './endpoints';
export * from './facts';
export * from './fieldRules';
export * from './inferenceComponents';
export * from './instanceTypes';
export * from './links';
export * from './logGroups';
export * from './outcomes';
export * from './paths';
export * from './references';
export * from './resourceErrors';
export * from './roles';
export * from './securityGroups';
export * from './tuning';
export * from './valuesAt';
export * from './vpcs';
export {
  derive,
  deriveFor,
  deriveFromFact,
  deriveKey,
  sharedVerdict,
} from '../../engine/derived';
export type { Derived, Verdict } from '../../engine/derived';
