import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config, ConfigReader } from '@backstage/config';
import {
  DEFAULT_COMPONENT_TAG_KEY,
  DEFAULT_OWNER_TAG_KEYS,
  DEFAULT_SYSTEM_TAG_KEY,
} from '@mlsec/plugin-sagemaker-security-common';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const PROVIDER_KEY = 'catalog.providers.sagemakerSecurity';
const LINKING_KEY = 'sagemakerSecurity.linking';

/**
 * How SageMaker tags map onto catalog fields.
 *
 * @public
 */
export interface LinkingOptions {
  /** Tag keys naming the owning Group, first resolvable one wins. */
  ownerTagKeys: string[];
  /** Tag key naming the System. */
  systemTagKey: string;
  /** Tag key naming the ML service Component. */
  componentTagKey: string;
}

/**
 * The module's configuration, read by `readProviderConfig`.
 *
 * @public
 */
export interface ProviderConfig {
  /** When to rebuild all entities from the inventory. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Full entity ref, e.g. `group:default/unknown`. */
  defaultOwner: string;
  /** Whether to rebuild the entities as soon as a scan finishes. */
  refreshAfterScan: boolean;
  /** How often to poll `GET /scans/latest` when `refreshAfterScan` is on. */
  scanPollSchedule: SchedulerServiceTaskScheduleDefinition;
  /** Inventory items requested per page. */
  pageSize: number;
  /** How tags map onto catalog fields (`sagemakerSecurity.linking`). */
  linking: LinkingOptions;
  /** The secure SageMaker templates shipped in this package. */
  templates: {
    /** Whether to register them as `Template` entities (default true). */
    enabled: boolean;
    /** Overrides their `spec.owner`. */
    owner?: string;
  };
}

/**
 * Owner of resources whose owner tags name no catalog Group, unless configured.
 *
 * @public
 */
export const DEFAULT_OWNER = 'group:default/unknown';
export const DEFAULT_PAGE_SIZE = 200;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const DEFAULT_SCAN_POLL_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 10 },
};

/**
 * Reads and validates the module's configuration; errors name the key.
 *
 * @public
 */
export function readProviderConfig(root: Config): ProviderConfig {
  const config = root.getOptionalConfig(PROVIDER_KEY);
  const linking = root.getOptionalConfig(LINKING_KEY);

  const pageSize = config?.getOptionalNumber('pageSize') ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new Error(
      `${PROVIDER_KEY}.pageSize must be an integer from 1 to 1000, got ${pageSize}`,
    );
  }

  return {
    schedule: readSchedule(config, 'schedule', DEFAULT_SCHEDULE),
    scanPollSchedule: readSchedule(
      config,
      'scanPollSchedule',
      DEFAULT_SCAN_POLL_SCHEDULE,
    ),
    refreshAfterScan: config?.getOptionalBoolean('refreshAfterScan') ?? true,
    defaultOwner: readOwnerRef(config?.getOptionalString('defaultOwner')),
    pageSize,
    templates: {
      enabled: config?.getOptionalBoolean('templates.enabled') ?? true,
      owner: readOptionalOwnerRef(config, 'templates.owner'),
    },
    linking: {
      ownerTagKeys: readTagKeys(linking),
      systemTagKey: readTagKey(linking, 'systemTagKey', DEFAULT_SYSTEM_TAG_KEY),
      componentTagKey: readTagKey(
        linking,
        'componentTagKey',
        DEFAULT_COMPONENT_TAG_KEY,
      ),
    },
  };
}

/** A configured schedule over the defaults, so `frequency` alone is enough. */
function readSchedule(
  config: Config | undefined,
  key: string,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  if (!config?.has(key)) {
    return defaults;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({
        ...(defaults as unknown as JsonObject),
        ...config.getConfig(key).get<JsonObject>(),
      }),
    );
  } catch (error) {
    throw new Error(`Invalid ${PROVIDER_KEY}.${key}: ${error}`);
  }
}

function readOptionalOwnerRef(
  config: Config | undefined,
  key: string,
): string | undefined {
  const value = config?.getOptionalString(key);
  return value === undefined ? undefined : readOwnerRef(value, key);
}

function readOwnerRef(value: string | undefined, key = 'defaultOwner'): string {
  if (value === undefined) {
    return DEFAULT_OWNER;
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!['group', 'user'].includes(ref.kind.toLocaleLowerCase('en-US'))) {
      throw new Error(`kind must be Group or User, got ${ref.kind}`);
    }
    return stringifyEntityRef(ref);
  } catch (error) {
    throw new Error(
      `Invalid ${PROVIDER_KEY}.${key} "${value}": ${(error as Error).message}`,
    );
  }
}

function readTagKeys(linking: Config | undefined): string[] {
  const keys =
    linking?.getOptionalStringArray('ownerTagKeys') ?? DEFAULT_OWNER_TAG_KEYS;
  if (keys.some(key => key.trim() === '')) {
    throw new Error(`${LINKING_KEY}.ownerTagKeys must not contain empty keys`);
  }
  return keys.map(key => key.trim());
}

function readTagKey(
  linking: Config | undefined,
  key: string,
  fallback: string,
): string {
  const value = linking?.getOptionalString(key) ?? fallback;
  if (value.trim() === '') {
    throw new Error(`${LINKING_KEY}.${key} must not be empty`);
  }
  return value.trim();
}
