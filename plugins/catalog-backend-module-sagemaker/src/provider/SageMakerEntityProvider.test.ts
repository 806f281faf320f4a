import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  Entity,
  FieldFormatEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CATALOG_RESOURCE_TYPES } from '@mlsec/plugin-sagemaker-security-common';
import { CatalogReader } from '../catalog/CatalogReader';
import { readProviderConfig } from '../config';
import { arnSuffix } from '../entities/naming';
import {
  component,
  fakeConnection,
  FakeInventoryClient,
  group,
  item,
} from '../testing/fakes';
import { SageMakerEntityProvider } from './SageMakerEntityProvider';

const A = { accountId: '111111111111', region: 'us-east-1' };
const B = { accountId: '222222222222', region: 'eu-west-1' };

/** One resource of every catalog type, plus the cases the tests probe. */
function demoInventory() {
  return [
    item('notebook-instance', 'research-nb', {
      tags: { Owner: 'Fraud-ML', system: 'fraud-detection' },
    }),
    item('endpoint', 'fraud-scorer-prod', {
      ...A,
      description: { EndpointConfigName: 'fraud-scorer-config' },
      tags: { team: 'fraud-ml', 'ml-service': 'fraud-scoring' },
    }),
    item('endpoint', 'fraud-scorer-prod', {
      ...B,
      tags: { owner: 'nobody-we-know' },
    }),
    item('endpoint-config', 'fraud-scorer-config', {
      description: {
        ProductionVariants: [{ ModelName: 'fraud-model-v3' }],
        ShadowProductionVariants: [{ ModelName: 'fraud-model-v4' }],
      },
    }),
    item('model', 'fraud-model-v3', {
      description: {
        PrimaryContainer: {
          ModelPackageName:
            'arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud-models/3',
        },
      },
    }),
    item('model', 'fraud-model-v4'),
    item('domain', 'ml-studio', {
      resourcePath: 'domain/d-abc123',
      description: {
        DomainId: 'd-abc123',
        DomainName: 'ml-studio',
        // The custom image every profile is offered, with its app image config.
        DefaultUserSettings: {
          JupyterLabAppSettings: {
            CustomImages: [
              {
                ImageName: 'fraud-notebook',
                AppImageConfigName: 'fraud-jupyterlab',
              },
            ],
          },
        },
      },
    }),
    item('user-profile', 'alice', {
      resourcePath: 'user-profile/d-abc123/alice',
      description: { DomainId: 'd-abc123' },
    }),
    item('model-package-group', 'fraud-models'),
    item('pipeline', 'fraud-training', { tags: { owner: 'platform' } }),
    item('feature-group', 'transactions', {
      tags: { project: 'fraud', env: 'prod' },
    }),
    item('monitoring-schedule', 'fraud-monitor', {
      description: { EndpointName: 'fraud-scorer-prod' },
    }),
    item('hyperpod-cluster', 'llm-pretrain', {
      // A cluster ARN ends in its generated ID, not its name.
      resourcePath: 'cluster/a1b2c3d4e5f6',
    }),
    item('mlflow-tracking-server', 'fraud-experiments'),
    item('mlflow-app', 'fraud-mlflow', {
      // An MLflow App ARN ends in its generated ID, not its name.
      resourcePath: 'mlflow-app/app-0a1b2c3d4e5f',
    }),
    item('partner-app', 'fraud-comet', {
      // A Partner AI App ARN ends in its generated ID, not its name.
      resourcePath: 'partner-app/app-1a2b3c4d5e6f',
    }),
    item('inference-component', 'fraud-llm-ic', {
      description: {
        EndpointName: 'fraud-scorer-prod',
        Specification: { ModelName: 'fraud-model-v4' },
      },
    }),
    item('app-image-config', 'fraud-jupyterlab'),
    item('image', 'fraud-notebook'),
    item('training-job', 'train-1'),
    item('endpoint', 'retired-endpoint', {
      deletedAt: '2026-01-01T00:00:00.000Z',
    }),
  ];
}

function setup(
  options: {
    config?: object;
    items?: ReturnType<typeof demoInventory>;
    entities?: Entity[];
  } = {},
) {
  const client = new FakeInventoryClient(options.items ?? demoInventory());
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler.mock();
  const catalog = catalogServiceMock({
    entities: options.entities ?? [
      group('fraud-ml'),
      group('fraud-ml', 'other'),
      group('platform'),
      component('fraud-service', 'project=fraud,env=prod'),
      component('broken-service', '=nope'),
      component('plain-service'),
    ],
  });
  const provider = new SageMakerEntityProvider({
    client,
    catalog: new CatalogReader(catalog, mockServices.auth()),
    config: readProviderConfig(new ConfigReader(options.config ?? {})),
    logger,
    scheduler,
  });
  return { client, logger, scheduler, provider, ...fakeConnection() };
}

const byTitle = (entities: Entity[], title: string, account = A.accountId) => {
  const found = entities.filter(
    e =>
      e.metadata.title === title &&
      e.metadata.annotations?.['amazonaws.com/account-id'] === account,
  );
  expect(found).toHaveLength(1);
  return found[0];
};

describe('SageMakerEntityProvider', () => {
  it('emits a valid Resource entity for every catalog resource type, and no jobs or deleted resources', async () => {
    const { provider, connection, lastEntities, client } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({ entities: 19 });

    const entities = lastEntities();
    expect(new Set(entities.map(e => e.spec?.type))).toEqual(
      new Set(CATALOG_RESOURCE_TYPES.map(t => `sagemaker-${t}`)),
    );
    expect(entities.map(e => e.metadata.title)).not.toContain('train-1');
    expect(entities.map(e => e.metadata.title)).not.toContain(
      'retired-endpoint',
    );
    expect(client.requests.map(r => r.type)).toEqual([
      ...CATALOG_RESOURCE_TYPES,
    ]);

    const policy = new FieldFormatEntityPolicy();
    for (const entity of entities) {
      await expect(policy.enforce(entity)).resolves.toBe(entity);
      await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    }
    expect(new Set(entities.map(e => e.metadata.name)).size).toBe(
      entities.length,
    );
    expect(
      (connection.applyMutation as jest.Mock).mock.calls[0][0].entities.every(
        (e: { locationKey: string }) => e.locationKey === 'sagemaker-security',
      ),
    ).toBe(true);
  });

  it('shapes an endpoint entity: name, title, annotations, labels, owner, links', async () => {
    const { provider, connection, lastEntities } = setup();
    await provider.connect(connection);
    await provider.refresh();

    const notebook = byTitle(lastEntities(), 'research-nb');
    expect(notebook).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'notebook-research-nb',
        namespace: 'default',
        title: 'research-nb',
        description:
          'SageMaker notebook instance research-nb in account 111111111111, us-east-1 (InService).',
        annotations: {
          'amazonaws.com/arn':
            'arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/research-nb',
          'amazonaws.com/account-id': '111111111111',
          'amazonaws.com/region': 'us-east-1',
          'backstage.io/managed-by-location':
            'sagemaker-security:111111111111/us-east-1',
          'backstage.io/managed-by-origin-location':
            'sagemaker-security:111111111111/us-east-1',
          'backstage.io/view-url':
            'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/notebook-instances/research-nb',
        },
        labels: {
          Owner: 'Fraud-ML',
          system: 'fraud-detection',
          'sagemaker.mlsec.io/resource-type': 'notebook-instance',
        },
        tags: ['aws', 'sagemaker'],
        links: [
          {
            url: 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/notebook-instances/research-nb',
            title: 'AWS console',
            icon: 'cloud',
          },
        ],
      },
      spec: {
        type: 'sagemaker-notebook-instance',
        owner: 'group:default/fraud-ml',
        system: 'system:default/fraud-detection',
      },
    });
  });

  describe('owner resolution', () => {
    it('matches the owner tag to a group ignoring case, preferring the default namespace', async () => {
      const { provider, connection, lastEntities } = setup();
      await provider.connect(connection);
      await provider.refresh();
      // Tag `Owner=Fraud-ML`; group:other/fraud-ml exists too.
      expect(byTitle(lastEntities(), 'research-nb').spec?.owner).toBe(
        'group:default/fraud-ml',
      );
    });

    it('falls through the configured keys in order (`team` when `owner` is absent)', async () => {
      const { provider, connection, lastEntities } = setup();
      await provider.connect(connection);
      await provider.refresh();
      expect(byTitle(lastEntities(), 'fraud-scorer-prod').spec?.owner).toBe(
        'group:default/fraud-ml',
      );
      expect(byTitle(lastEntities(), 'fraud-training').spec?.owner).toBe(
        'group:default/platform',
      );
    });

    it('uses the default owner when no owner tag is present', async () => {
      const { provider, connection, lastEntities } = setup();
      await provider.connect(connection);
      await provider.refresh();
      const model = byTitle(lastEntities(), 'fraud-model-v4');
      expect(model.spec?.owner).toBe('group:default/unknown');
      expect(model.metadata.annotations).not.toHaveProperty(
        'sagemaker.mlsec.io/unresolved-owner',
      );
    });

    it('falls back for an unknown group and keeps the raw tag visible', async () => {
      const { provider, connection, lastEntities } = setup({
        config: {
          catalog: {
            providers: {
              sagemakerSecurity: { defaultOwner: 'group:default/ml-platform' },
            },
          },
        },
      });
      await provider.connect(connection);
      await provider.refresh();
      const endpointB = byTitle(
        lastEntities(),
        'fraud-scorer-prod',
        B.accountId,
      );
      expect(endpointB.spec?.owner).toBe('group:default/ml-platform');
      expect(
        endpointB.metadata.annotations?.['sagemaker.mlsec.io/unresolved-owner'],
      ).toBe('owner=nobody-we-know');
      expect(endpointB.metadata.labels?.owner).toBe('nobody-we-know');
    });

    it('honours configured owner tag keys', async () => {
      const { provider, connection, lastEntities } = setup({
        config: { sagemakerSecurity: { linking: { ownerTagKeys: ['team'] } } },
      });
      await provider.connect(connection);
      await provider.refresh();
      // Only `Owner` is set on the notebook, and `owner` is no longer a key.
      expect(byTitle(lastEntities(), 'research-nb').spec?.owner).toBe(
        'group:default/unknown',
      );
    });
  });

  it('suffixes only colliding names with a stable hash of the ARN', async () => {
    const { provider, connection, lastEntities } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const entities = lastEntities();
    const endpointA = byTitle(entities, 'fraud-scorer-prod', A.accountId);
    const endpointB = byTitle(entities, 'fraud-scorer-prod', B.accountId);
    expect(endpointA.metadata.name).toBe(
      `endpoint-fraud-scorer-prod-${arnSuffix(
        'arn:aws:sagemaker:us-east-1:111111111111:endpoint/fraud-scorer-prod',
      )}`,
    );
    expect(endpointB.metadata.name).toBe(
      `endpoint-fraud-scorer-prod-${arnSuffix(
        'arn:aws:sagemaker:eu-west-1:222222222222:endpoint/fraud-scorer-prod',
      )}`,
    );
    expect(endpointA.metadata.name).not.toBe(endpointB.metadata.name);
    expect(byTitle(entities, 'fraud-scorer-config').metadata.name).toBe(
      'endpoint-config-fraud-scorer-config',
    );
  });

  it('relates endpoint → config → models → package group, monitor → endpoint, profile → domain, domain → custom images', async () => {
    const { provider, connection, lastEntities } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const entities = lastEntities();
    const ref = (title: string, account = A.accountId) =>
      `resource:default/${byTitle(entities, title, account).metadata.name}`;

    expect(byTitle(entities, 'fraud-scorer-prod').spec?.dependsOn).toEqual([
      'resource:default/endpoint-config-fraud-scorer-config',
    ]);
    expect(byTitle(entities, 'fraud-scorer-config').spec?.dependsOn).toEqual([
      'resource:default/model-fraud-model-v3',
      'resource:default/model-fraud-model-v4',
    ]);
    expect(byTitle(entities, 'fraud-model-v3').spec?.dependsOn).toEqual([
      'resource:default/model-group-fraud-models',
    ]);
    // The schedule watches the endpoint in its own account and region, not the twin in B.
    expect(byTitle(entities, 'fraud-monitor').spec?.dependsOn).toEqual([
      ref('fraud-scorer-prod'),
    ]);
    // An inference component depends on its endpoint (in its own account
    // and region) and its model.
    expect(byTitle(entities, 'fraud-llm-ic').spec?.dependsOn).toEqual([
      ref('fraud-scorer-prod'),
      'resource:default/model-fraud-model-v4',
    ]);
    expect(byTitle(entities, 'alice').spec?.dependsOn).toEqual([
      'resource:default/domain-ml-studio',
    ]);
    // A domain depends on the custom images (and their app image
    // configurations) its default user settings offer.
    expect(byTitle(entities, 'ml-studio').spec?.dependsOn).toEqual([
      ref('fraud-jupyterlab'),
      ref('fraud-notebook'),
    ]);
    expect(byTitle(entities, 'fraud-notebook')).toMatchObject({
      metadata: { name: expect.stringMatching(/^image-fraud-notebook/) },
      spec: { type: 'sagemaker-image' },
    });
    expect(byTitle(entities, 'fraud-jupyterlab')).toMatchObject({
      metadata: {
        name: expect.stringMatching(/^app-image-config-fraud-jupyterlab/),
      },
      spec: { type: 'sagemaker-app-image-config' },
    });
    expect(byTitle(entities, 'ml-studio').metadata.annotations).toMatchObject({
      'backstage.io/view-url':
        'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/studio/d-abc123',
    });
    // A HyperPod cluster is named by its name (its ARN ends in the cluster ID).
    expect(byTitle(entities, 'llm-pretrain')).toMatchObject({
      metadata: {
        name: expect.stringMatching(/^hyperpod-llm-pretrain/),
        annotations: {
          'backstage.io/view-url':
            'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/cluster-management/llm-pretrain',
        },
      },
      spec: { type: 'sagemaker-hyperpod-cluster' },
    });
    // An MLflow tracking server: no documented console page, so no view link.
    const tracking = byTitle(entities, 'fraud-experiments');
    expect(tracking).toMatchObject({
      metadata: { name: expect.stringMatching(/^mlflow-fraud-experiments/) },
      spec: { type: 'sagemaker-mlflow-tracking-server' },
    });
    expect(tracking.metadata.annotations).not.toHaveProperty(
      'backstage.io/view-url',
    );
    // An MLflow App is named by its name, not the ID that ends its ARN.
    expect(byTitle(entities, 'fraud-mlflow')).toMatchObject({
      metadata: { name: expect.stringMatching(/^mlflow-app-fraud-mlflow/) },
      spec: { type: 'sagemaker-mlflow-app' },
    });
    // A Partner AI App is named by its name, not the ID that ends its ARN.
    expect(byTitle(entities, 'fraud-comet')).toMatchObject({
      metadata: { name: expect.stringMatching(/^partner-app-fraud-comet/) },
      spec: { type: 'sagemaker-partner-app' },
    });
    // The twin endpoint in B has no description: no dangling relation.
    expect(
      byTitle(entities, 'fraud-scorer-prod', B.accountId).spec,
    ).not.toHaveProperty('dependsOn');
  });

  describe('linking to ML services', () => {
    it('makes a resource tagged with the component tag a dependency of that Component', async () => {
      const { provider, connection, lastEntities } = setup();
      await provider.connect(connection);
      await provider.refresh();
      expect(byTitle(lastEntities(), 'fraud-scorer-prod').spec).toMatchObject({
        dependencyOf: ['component:default/fraud-scoring'],
      });
    });

    it('honours a configured component tag key', async () => {
      const { provider, connection, lastEntities } = setup({
        config: { sagemakerSecurity: { linking: { componentTagKey: 'env' } } },
      });
      await provider.connect(connection);
      await provider.refresh();
      expect(
        byTitle(lastEntities(), 'transactions').spec?.dependencyOf,
      ).toEqual(['component:default/fraud-service', 'component:default/prod']);
      expect(
        byTitle(lastEntities(), 'fraud-scorer-prod').spec,
      ).not.toHaveProperty('dependencyOf');
    });

    it('links resources matching a Component tag selector, and skips malformed selectors with a warning', async () => {
      const { provider, connection, lastEntities, logger } = setup();
      await provider.connect(connection);
      await provider.refresh();
      const entities = lastEntities();
      expect(byTitle(entities, 'transactions').spec?.dependencyOf).toEqual([
        'component:default/fraud-service',
      ]);
      // All pairs must match: `project=fraud` alone is not enough.
      const withDependencyOnService = entities.filter(e =>
        (e.spec?.dependencyOf as string[] | undefined)?.includes(
          'component:default/fraud-service',
        ),
      );
      expect(withDependencyOnService.map(e => e.metadata.title)).toEqual([
        'transactions',
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('component:default/broken-service'),
      );
    });
  });

  it('drops a resource from the catalog once it is gone from the inventory', async () => {
    const { provider, connection, client, mutations } = setup();
    await provider.connect(connection);
    await provider.refresh();
    client.items = client.items.filter(i => i.name !== 'fraud-model-v4');
    await provider.refresh();

    const names = (n: number) => mutations[n].map(m => m.entity.metadata.name);
    expect(names(0)).toContain('model-fraud-model-v4');
    expect(names(1)).not.toContain('model-fraud-model-v4');
    expect(names(1)).toHaveLength(names(0).length - 1);
    // The config no longer points at a model that is not in the catalog.
    const config = mutations[1].find(
      m => m.entity.metadata.name === 'endpoint-config-fraud-scorer-config',
    );
    expect(config?.entity.spec?.dependsOn).toEqual([
      'resource:default/model-fraud-model-v3',
    ]);
  });

  it('reads large inventories page by page', async () => {
    const endpoints = Array.from({ length: 5 }, (_, i) =>
      item('endpoint', `ep-${i}`),
    );
    const { provider, connection, client, lastEntities } = setup({
      items: endpoints,
      config: {
        catalog: { providers: { sagemakerSecurity: { pageSize: 2 } } },
      },
    });
    await provider.connect(connection);
    await provider.refresh();

    expect(client.requests.filter(r => r.type === 'endpoint')).toEqual([
      { type: 'endpoint', limit: 2, cursor: undefined },
      { type: 'endpoint', limit: 2, cursor: 'c-2' },
      { type: 'endpoint', limit: 2, cursor: 'c-4' },
    ]);
    expect(
      lastEntities()
        .map(e => e.metadata.name)
        .sort(),
    ).toEqual([
      'endpoint-ep-0',
      'endpoint-ep-1',
      'endpoint-ep-2',
      'endpoint-ep-3',
      'endpoint-ep-4',
    ]);
  });

  it('keeps the last good entities when the inventory cannot be read', async () => {
    const { provider, connection, client } = setup();
    await provider.connect(connection);
    await provider.refresh();
    client.listResources = async () => {
      throw new Error('503 Service Unavailable');
    };
    await expect(provider.refresh()).rejects.toThrow('503');
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });

  it('schedules the refresh and the scan watch, and refreshes once per finished scan', async () => {
    const { provider, connection, client, scheduler, mutations } = setup({
      config: {
        catalog: {
          providers: {
            sagemakerSecurity: { schedule: { frequency: { minutes: 5 } } },
          },
        },
      },
    });
    await provider.connect(connection);
    const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task);
    expect(tasks.map(t => [t.id, t.frequency])).toEqual([
      ['sagemaker-security-entity-provider:refresh', { minutes: 5 }],
      ['sagemaker-security-entity-provider:scan-watch', { minutes: 1 }],
    ]);

    client.latestScan = { status: 'running' };
    await tasks[1].fn(new AbortController().signal);
    expect(mutations).toHaveLength(0);

    client.latestScan = {
      status: 'succeeded',
      finishedAt: '2026-05-01T10:00:00Z',
    };
    await expect(provider.refreshIfScanFinished()).resolves.toBe(true);
    await expect(provider.refreshIfScanFinished()).resolves.toBe(false);
    expect(mutations).toHaveLength(1);

    await tasks[0].fn(new AbortController().signal);
    expect(mutations).toHaveLength(2);
    client.latestScan = {
      status: 'partial',
      finishedAt: '2026-05-01T11:00:00Z',
    };
    await expect(provider.refreshIfScanFinished()).resolves.toBe(true);
    expect(mutations).toHaveLength(3);
  });

  it('does not schedule the scan watch when refreshAfterScan is off', async () => {
    const { provider, connection, scheduler } = setup({
      config: {
        catalog: {
          providers: { sagemakerSecurity: { refreshAfterScan: false } },
        },
      },
    });
    await provider.connect(connection);
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
  });
});
