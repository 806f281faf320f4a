/**
 * SageMaker security scorecards for Backstage: the entity Security tab and
 * overview card, the team card and the org-wide page.
 *
 * @packageDocumentation
 */
export {
  sagemakerSecurityPlugin,
  EntitySageMakerSecurityContent,
  EntitySageMakerSecurityCard,
  EntityTeamSageMakerSecurityCard,
  SageMakerSecurityPage,
} from './plugin';
export { isSageMakerSecurityAvailable, isTeamEntity } from './availability';
export { sageMakerSecurityApiRef, DefaultSageMakerSecurityApi } from './api';
export type {
  SageMakerSecurityApi,
  ResourceDetail,
  ResourceDetailFindings,
  ScanRun,
} from './api';
export type { EntitySecurityContentProps } from './components/EntitySecurityContent';
export type { EntitySecurityCardProps } from './components/EntitySecurityCard';
export type { TeamSecurityCardProps } from './components/TeamSecurityCard';
export { rootRouteRef } from './routes';
