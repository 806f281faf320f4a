/**
 * What the plugin wiring (src/plugin.ts) uses of the scorecard side: build
 * the services. The router (src/api) and the actions (src/actions) sit above
 * this layer and are imported from there.
 */
export { createScorecardService } from './createScorecardService';
export type {
  CreateScorecardServiceOptions,
  ScorecardBackend,
} from './createScorecardService';
export { ScorecardService, toCheckMetadata } from './ScorecardService';
export { AuthorizedScorecardService } from './AuthorizedScorecardService';
export type { EvaluationSummary, ScanEvents } from '../checks/CheckEngine';
