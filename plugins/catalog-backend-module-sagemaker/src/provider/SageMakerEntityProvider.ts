import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { CATALOG_RESOURCE_TYPES } from '@mlsec/plugin-sagemaker-security-common';
import { CatalogReader } from '../catalog/CatalogReader';
import { readComponentSelectors } from '../catalog/ComponentSelectors';
import { OwnerResolver } from '../catalog/OwnerResolver';
import { ProviderConfig } from '../config';
import { buildResourceEntities } from '../entities/buildResourceEntities';
import {
  InventoryClient,
  InventoryItem,
  readLiveResources,
} from '../inventory/InventoryClient';

/**
 * Name of the entity provider; the catalog keys the provider's entities by it.
 *
 * @public
 */
export const PROVIDER_NAME = 'sagemaker-security';

/**
 * Mirrors the sagemaker-security inventory into the catalog as `Resource`
 * entities with full mutations, so resources deleted in AWS leave the catalog.
 * Refreshes on its schedule, and right after each scan (it polls the cheap
 * `GET /scans/latest` and compares `finishedAt`).
 *
 * @public
 */
export class SageMakerEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Refreshes run one at a time on this instance. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastScanFinishedAt?: string;

  constructor(
    private readonly options: {
      client: InventoryClient;
      catalog: CatalogReader;
      config: ProviderConfig;
      logger: LoggerService;
      scheduler: SchedulerService;
    },
  ) {}

  /** Returns `PROVIDER_NAME`. */
  getProviderName(): string {
    return PROVIDER_NAME;
  }

  /** Stores the catalog connection and schedules the refresh and scan-watch tasks. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { scheduler, config, logger } = this.options;

    await scheduler.scheduleTask({
      id: `${PROVIDER_NAME}-entity-provider:refresh`,
      ...config.schedule,
      fn: async () => {
        await this.refresh().catch(error =>
          logger.error(`SageMaker catalog refresh failed: ${error}`),
        );
      },
    });

    if (config.refreshAfterScan) {
      await scheduler.scheduleTask({
        id: `${PROVIDER_NAME}-entity-provider:scan-watch`,
        ...config.scanPollSchedule,
        fn: async () => {
          await this.refreshIfScanFinished().catch(error =>
            logger.warn(`SageMaker catalog scan watch failed: ${error}`),
          );
        },
      });
    }
  }

  /** Rebuilds every entity from the inventory; the last good set stays on failure. */
  refresh(): Promise<{ entities: number }> {
    return this.enqueue(() => this.rebuild());
  }

  /** Refreshes when a scan has finished since the last refresh; true if it did. */
  refreshIfScanFinished(): Promise<boolean> {
    return this.enqueue(async () => {
      const scan = await this.options.client.getLatestScan();
      if (!scan?.finishedAt || scan.finishedAt === this.lastScanFinishedAt) {
        return false;
      }
      this.options.logger.info(
        `SageMaker scan finished at ${scan.finishedAt}; refreshing catalog entities`,
      );
      await this.rebuild();
      return true;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<{ entities: number }> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(`${PROVIDER_NAME} entity provider is not connected`);
    }
    const { client, catalog, config, logger } = this.options;

    const scanFinishedAt = await client
      .getLatestScan()
      .then(scan => scan?.finishedAt)
      .catch(error => {
        logger.warn(`Could not read the latest SageMaker scan: ${error}`);
        return undefined;
      });

    const resources: InventoryItem[] = [];
    for await (const page of readLiveResources(
      client,
      CATALOG_RESOURCE_TYPES,
      config.pageSize,
    )) {
      resources.push(...page);
    }

    const [groups, components] = await Promise.all([
      catalog.listGroups(),
      catalog.listComponentsWithTagSelector(),
    ]);
    const componentSelectors = readComponentSelectors(
      components,
      (ref, error) =>
        logger.warn(`Ignoring the tag selector of ${ref}: ${error.message}`),
    );

    const entities = buildResourceEntities(resources, {
      linking: config.linking,
      owners: new OwnerResolver(
        groups,
        config.linking.ownerTagKeys,
        config.defaultOwner,
      ),
      componentSelectors,
    });

    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PROVIDER_NAME,
      })),
    });
    this.lastScanFinishedAt = scanFinishedAt;
    logger.info(
      `SageMaker catalog refresh applied ${entities.length} resource entities`,
    );
    return { entities: entities.length };
  }
}
