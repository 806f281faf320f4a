/**
 * The plugin for Backstage's new frontend system: install by adding the
 * package to an app (`app.packages: all` discovers it).
 *
 * Extensions (configure under `app.extensions` with these ids):
 * - `api:sagemaker-security` — the REST client;
 * - `entity-content:sagemaker-security/security` — the Security tab of ML
 *   services and SageMaker Resources (config `path`, `title`, `filter`, `group`);
 * - `entity-card:sagemaker-security/overview` — the overview card (config
 *   `filter`, `type`, `maxFindings`, `tabPath`);
 * - `entity-card:sagemaker-security/team` — the rollup card of Group, System and
 *   Domain pages (config `filter`, `type`, `maxItems`);
 * - `page:sagemaker-security` — the org-wide page at `/sagemaker-security`
 *   (config `path`, `title`), also a nav item.
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
import { z } from 'zod';
import { sageMakerSecurityApiRef, DefaultSageMakerSecurityApi } from './api';
import { isSageMakerSecurityAvailable } from './availability';
import { entityContentRouteRef, rootRouteRef } from './routes';

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sageMakerSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DefaultSageMakerSecurityApi({ discoveryApi, fetchApi }),
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
const overviewCard = EntityCardBlueprint.makeWithOverrides({
  name: 'overview',
  configSchema: {
    /** How many failing checks the card lists (default 5). */
    maxFindings: z.number().int().min(1).max(50).optional(),
    /** Path of the Security tab, when its `path` is configured (default `sagemaker-security`). */
    tabPath: z.string().optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: isSageMakerSecurityAvailable,
      loader: () =>
        import('./components/EntitySecurityCard').then(m =>
          compatWrapper(
            <m.EntitySecurityCard
              maxFindings={config.maxFindings}
              tabPath={config.tabPath}
            />,
          ),
        ),
    });
  },
});

/**
 * Rollup card of Group (nested teams included), System and Domain pages;
 * `filter` in config replaces the default kinds.
 */
const teamCard = EntityCardBlueprint.makeWithOverrides({
  name: 'team',
  configSchema: {
    /** How many findings and waivers the card lists (default 5). */
    maxItems: z.number().int().min(1).max(50).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: { kind: { $in: ['group', 'system', 'domain'] } },
      loader: () =>
        import('./components/TeamSecurityCard').then(m =>
          compatWrapper(<m.TeamSecurityCard maxItems={config.maxItems} />),
        ),
    });
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
