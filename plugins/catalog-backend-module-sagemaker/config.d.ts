import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * SageMaker resources as catalog `Resource` entities, read from the
       * sagemaker-security backend plugin's inventory (AWS is scanned once, by
       * that plugin). Tag keys for owner, system and ML service are shared with
       * the backend plugin under `sagemakerSecurity.linking`.
       */
      sagemakerSecurity?: {
        /**
         * When to rebuild all entities from the inventory.
         * Default: every 30 minutes, timeout 10 minutes, first run after 15 seconds.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of resources whose owner tag is absent or names no catalog Group.
         * An entity reference; default `group:default/unknown`.
         */
        defaultOwner?: string;
        /**
         * Rebuild the entities as soon as a scan finishes, by polling
         * `GET /scans/latest` (a single small request). Default true.
         */
        refreshAfterScan?: boolean;
        /**
         * How often to poll `GET /scans/latest` when `refreshAfterScan` is on.
         * Default: every minute, timeout 10 minutes.
         */
        scanPollSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Inventory items requested per page, 1–1000. Default 200. */
        pageSize?: number;
        /**
         * The secure SageMaker scaffolder templates shipped in this package
         * (`secure-sagemaker-endpoint`, `secure-sagemaker-notebook`,
         * `secure-ml-project-foundation`), the targets of the Security tab's
         * "Fix with template" links. Registered as `Template` entities unless
         * disabled (e.g. when you keep customised copies in your own repository
         * under the same names).
         */
        templates?: {
          /** Default true. */
          enabled?: boolean;
          /** Owner of the templates (an entity reference); default as in the files, `group:default/ml-platform`. */
          owner?: string;
        };
      };
    };
  };
}
