/**
 * What the plugin wiring (src/plugin.ts) uses of the scorecard side:
 * build the services, mount the router, register the actions.
 */
export { createScorecardService } from './createScorecardService';
export type {
  CreateScorecardServiceOptions,
  ScorecardBackend,
} from './createScorecardService';
export { ScorecardService, toCheckMetadata } from './ScorecardService';
export { AuthorizedScorecardService } from './AuthorizedScorecardService';
export { createRouter } from '../api/createRouter';
export type { RouterOptions, ScanTrigger } from '../api/createRouter';
export { registerSecurityActions } from '../actions/createSecurityActions';
export type { EvaluationSummary, ScanEvents } from '../checks/CheckEngine';
