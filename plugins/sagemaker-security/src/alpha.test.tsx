import {
  coreExtensionData,
  type FrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import plugin from './alpha';
import { sageMakerSecurityApiRef } from './api';
import {
  mlServiceEntity,
  mockSecurityApi,
  rollupRow,
  sagemakerResourceEntity,
  teamEntity,
} from './__testUtils__/fixtures';

jest.setTimeout(20_000);

/** The plugin's extensions are typed generically; their filters take an entity. */
type EntityFilter = (entity: Entity) => boolean;

describe('sagemaker-security /alpha', () => {
  it('is a frontend plugin with the expected extensions', () => {
    expect(plugin.$$type).toBe('@backstage/FrontendPlugin');
    expect((plugin as FrontendPlugin).pluginId).toBe('sagemaker-security');
    const ids = [
      'api:sagemaker-security',
      'entity-content:sagemaker-security/security',
      'entity-card:sagemaker-security/overview',
      'entity-card:sagemaker-security/team',
      'page:sagemaker-security',
    ] as const;
    for (const id of ids) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the Security tab and overview card on ML services and SageMaker resources only', () => {
    const tab = createExtensionTester(
      plugin.getExtension('entity-content:sagemaker-security/security'),
    );
    const tabFilter = tab.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    expect(tab.get(coreExtensionData.routePath)).toBe('sagemaker-security');
    expect(tabFilter(mlServiceEntity)).toBe(true);
    expect(tabFilter(sagemakerResourceEntity)).toBe(true);
    expect(tabFilter(teamEntity)).toBe(false);

    const teamCard = createExtensionTester(
      plugin.getExtension('entity-card:sagemaker-security/team'),
    );
    const teamFilter = teamCard.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    expect(teamFilter(teamEntity)).toBe(true);
    expect(teamFilter(mlServiceEntity)).toBe(false);
  });

  it('shows the team card on Group, System and Domain pages', () => {
    const teamFilter = createExtensionTester(
      plugin.getExtension('entity-card:sagemaker-security/team'),
    ).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    const of = (kind: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x', namespace: 'default' },
    });
    expect(['Group', 'System', 'Domain'].map(k => teamFilter(of(k)))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['User', 'API', 'Resource'].map(k => teamFilter(of(k)))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("takes the tab path and title, the cards' filters and sizes from config", () => {
    const tab = createExtensionTester(
      plugin.getExtension('entity-content:sagemaker-security/security'),
      { config: { path: 'security', title: 'SageMaker' } },
    );
    expect(tab.get(coreExtensionData.routePath)).toBe('security');

    const teamCard = createExtensionTester(
      plugin.getExtension('entity-card:sagemaker-security/team'),
      { config: { filter: { kind: 'group' }, maxItems: 3 } },
    );
    const teamFilter = teamCard.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    expect(teamFilter(teamEntity)).toBe(true);
    expect(
      teamFilter({ ...teamEntity, kind: 'System', spec: { owner: 'x' } }),
    ).toBe(false);

    expect(() =>
      createExtensionTester(
        plugin.getExtension('entity-card:sagemaker-security/overview'),
        { config: { maxFindings: 0 } },
      ).reactElement(),
    ).toThrow(/maxFindings/);
  });

  it('renders the org page with the API it is given', async () => {
    const api = mockSecurityApi({
      getOrgRollup: jest.fn(async () => ({
        items: [
          rollupRow({
            entityRef: 'component:default/fraud-scoring',
            title: 'Fraud scoring',
          }),
        ],
        totalCount: 1,
        offset: 0,
        limit: 20,
      })),
      getEntityRollup: jest.fn(() => new Promise<never>(() => {})),
    });
    const tester = createExtensionTester(
      plugin.getExtension('page:sagemaker-security'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/sagemaker-security');
    expect(tester.get(coreExtensionData.title)).toBe('ML Security');
    renderInTestApp(tester.reactElement(), {
      apis: [[sageMakerSecurityApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    });
    expect(
      await screen.findByText('Fraud scoring', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});
