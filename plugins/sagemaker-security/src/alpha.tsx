/**
 * The plugin for Backstage's new frontend system: install by adding the
 * package to an app (`app.packages: all` discovers it).
 *
 * @packageDocumentation
 */

import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  type OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Content } from '@backstage/core-components';
import SecurityIcon from '@material-ui/icons/Security';
import { sageMakerSecurityApiRef, SageMakerSecurityClient } from './api';
import { isSageMakerSecurityAvailable, isTeamEntity } from './availability';
import { entityContentRouteRef, rootRouteRef } from './routes';

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sageMakerSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SageMakerSecurityClient({ discoveryApi, fetchApi }),
    }),
});

/** The Security tab of ML services and SageMaker Resources. */
const securityTab = EntityContentBlueprint.make({
  name: 'security',
  params: {
    path: 'sagemaker-security',
    title: 'Security',
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    filter: isSageMakerSecurityAvailable,
    loader: () =>
      import('./components/EntitySecurityContent').then(m =>
        compatWrapper(<m.EntitySecurityContent />),
      ),
  },
});

/** Overview card of ML services and SageMaker Resources. */
const overviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isSageMakerSecurityAvailable,
    loader: () =>
      import('./components/EntitySecurityCard').then(m =>
        compatWrapper(<m.EntitySecurityCard />),
      ),
  },
});

/** Team card of Group pages. */
const teamCard = EntityCardBlueprint.make({
  name: 'team',
  params: {
    filter: isTeamEntity,
    loader: () =>
      import('./components/TeamSecurityCard').then(m =>
        compatWrapper(<m.TeamSecurityCard />),
      ),
  },
});

/** The org-wide page; its title and icon also make the nav item. */
const orgPage = PageBlueprint.make({
  params: {
    path: '/sagemaker-security',
    title: 'ML Security',
    icon: <SecurityIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/SecurityOrgPage').then(m =>
        compatWrapper(
          <Content>
            <m.SecurityOrgContent />
          </Content>,
        ),
      ),
  },
});

/**
 * The SageMaker security plugin for the new frontend system.
 *
 * @alpha
 */
const sagemakerSecurityPlugin: OverridableFrontendPlugin = createFrontendPlugin(
  {
    pluginId: 'sagemaker-security',
    title: 'SageMaker security',
    icon: <SecurityIcon fontSize="inherit" />,
    routes: convertLegacyRouteRefs({
      root: rootRouteRef,
      entityContent: entityContentRouteRef,
    }),
    extensions: [api, securityTab, overviewCard, teamCard, orgPage],
  },
);

export default sagemakerSecurityPlugin;
