import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { sageMakerSecurityApiRef, DefaultSageMakerSecurityApi } from './api';
import type { EntitySecurityCardProps } from './components/EntitySecurityCard';
import type { EntitySecurityContentProps } from './components/EntitySecurityContent';
import type { TeamSecurityCardProps } from './components/TeamSecurityCard';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The SageMaker security plugin for the legacy frontend system; `/alpha` has
 * the one for the new frontend system.
 *
 * @public
 */
export const sagemakerSecurityPlugin = createPlugin({
  id: 'sagemaker-security',
  apis: [
    createApiFactory({
      api: sageMakerSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DefaultSageMakerSecurityApi({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/**
 * The Security tab of an ML service (Component) or SageMaker Resource:
 * `<EntityLayout.Route path="/security" title="Security" if={isSageMakerSecurityAvailable}>`.
 *
 * @public
 */
export const EntitySageMakerSecurityContent: (
  props: EntitySecurityContentProps,
) => JSX.Element = sagemakerSecurityPlugin.provide(
  createRoutableExtension({
    name: 'EntitySageMakerSecurityContent',
    component: () =>
      import('./components/EntitySecurityContent').then(
        m => m.EntitySecurityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * Overview card: grade, pillar statuses and the top failing checks.
 *
 * @public
 */
export const EntitySageMakerSecurityCard: (
  props: EntitySecurityCardProps,
) => JSX.Element = sagemakerSecurityPlugin.provide(
  createComponentExtension({
    name: 'EntitySageMakerSecurityCard',
    component: {
      lazy: () =>
        import('./components/EntitySecurityCard').then(
          m => m.EntitySecurityCard,
        ),
    },
  }),
);

/**
 * Team card for Group pages: the team's grade (nested teams included), its ML
 * services, worst open findings and expiring waivers.
 *
 * @public
 */
export const EntityTeamSageMakerSecurityCard: (
  props: TeamSecurityCardProps,
) => JSX.Element = sagemakerSecurityPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamSageMakerSecurityCard',
    component: {
      lazy: () =>
        import('./components/TeamSecurityCard').then(m => m.TeamSecurityCard),
    },
  }),
);

/**
 * Org-wide page: every ML service with its grade and pillar scores, team
 * rollups and CSV export.
 *
 * @public
 */
export const SageMakerSecurityPage: () => JSX.Element =
  sagemakerSecurityPlugin.provide(
    createRoutableExtension({
      name: 'SageMakerSecurityPage',
      component: () =>
        import('./components/SecurityOrgPage').then(m => m.SecurityOrgPage),
      mountPoint: rootRouteRef,
    }),
  );
