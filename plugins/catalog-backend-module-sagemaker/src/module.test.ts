import {
  coreServices,
  createBackendPlugin,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CATALOG_RESOURCE_TYPES } from '@mlsec/plugin-sagemaker-security-common';
import { catalogModuleSageMaker } from './module';
import { fakeConnection, group, item } from './testing/fakes';

const inventory = [
  item('endpoint', 'fraud-scorer-prod', { tags: { team: 'fraud-ml' } }),
  item('endpoint', 'churn-prod', { tags: { owner: 'nobody' } }),
  item('endpoint', 'old', { deletedAt: '2026-01-01T00:00:00Z' }),
  item('model', 'fraud-model'),
];

/** Stands in for the sagemaker-security backend plugin's REST API. */
const fakeSageMakerSecurityPlugin = (callers: string[]) =>
  createBackendPlugin({
    pluginId: 'sagemaker-security',
    register(reg) {
      reg.registerInit({
        deps: {
          http: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ http, httpAuth }) {
          http.use(async (req, res, next) => {
            if (req.path === '/scans/latest') {
              res.json({
                scanId: 's1',
                status: 'succeeded',
                finishedAt: '2026-05-01T10:00:00Z',
              });
              return;
            }
            if (req.path !== '/inventory/resources') {
              next();
              return;
            }
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            callers.push(credentials.principal.subject);
            const items = inventory.filter(i => i.type === req.query.type);
            const start = Number(req.query.cursor ?? 0);
            const limit = Number(req.query.limit);
            res.json({
              items: items.slice(start, start + limit),
              nextCursor:
                start + limit < items.length
                  ? String(start + limit)
                  : undefined,
            });
          });
        },
      });
    },
  });

describe('catalogModuleSageMaker', () => {
  it('reads the inventory from the sagemaker-security plugin with service credentials', async () => {
    const providers: EntityProvider[] = [];
    const processors: unknown[] = [];
    const scheduler = mockServices.scheduler.mock();
    const callers: string[] = [];

    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...p: any[]) => providers.push(...p.flat()),
            addProcessor: (...p: any[]) => processors.push(...p.flat()),
          },
        ],
      ],
      features: [
        catalogModuleSageMaker,
        fakeSageMakerSecurityPlugin(callers),
        scheduler.factory,
        catalogServiceMock.factory({ entities: [group('fraud-ml')] }),
        mockServices.rootConfig.factory({
          data: {
            catalog: { providers: { sagemakerSecurity: { pageSize: 1 } } },
          },
        }),
      ],
    });

    expect(providers.map(p => p.getProviderName())).toEqual([
      'sagemaker-security',
      'sagemaker-security-templates',
    ]);
    expect(processors).toHaveLength(1);

    const { connection, lastEntities } = fakeConnection();
    await providers[0].connect(connection);
    const refresh = scheduler.scheduleTask.mock.calls
      .map(([task]) => task as SchedulerServiceTaskInvocationDefinition)
      .find(task => task.id.endsWith(':refresh'))!;
    await refresh.fn(new AbortController().signal);

    expect(
      lastEntities()
        .map(e => [e.metadata.name, e.spec?.owner])
        .sort(),
    ).toEqual([
      ['endpoint-churn-prod', 'group:default/unknown'],
      ['endpoint-fraud-scorer-prod', 'group:default/fraud-ml'],
      ['model-fraud-model', 'group:default/unknown'],
    ]);
    // pageSize 1: three endpoint pages, one page for each other type.
    expect(callers).toHaveLength(CATALOG_RESOURCE_TYPES.length + 2);
    expect(new Set(callers)).toEqual(new Set(['plugin:catalog']));
  });
});
