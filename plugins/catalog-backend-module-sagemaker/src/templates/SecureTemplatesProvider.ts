import fs from 'node:fs/promises';
import path from 'node:path';
import {
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { parse } from 'yaml';

/**
 * Name of the provider that registers the secure SageMaker templates.
 *
 * @public
 */
export const TEMPLATES_PROVIDER_NAME = 'sagemaker-security-templates';

/**
 * The folder of the scaffolder templates shipped in this package, one
 * sub-folder per template (`<name>/template.yaml` and its `skeleton/`).
 *
 * @public
 */
export const SECURE_TEMPLATES_DIR = resolvePackagePath(
  '@mlsec/plugin-catalog-backend-module-sagemaker',
  'templates',
);

/**
 * Options of {@link SecureTemplatesProvider}.
 *
 * @public
 */
export interface SecureTemplatesProviderOptions {
  logger: LoggerService;
  /** Overrides `spec.owner` of every template (an entity reference). */
  owner?: string;
  /** Folder to read the templates from; default {@link SECURE_TEMPLATES_DIR}. */
  directory?: string;
}

/**
 * Registers the secure SageMaker scaffolder templates shipped in this package
 * (the targets of the "Fix with template" links) as `Template` entities. Each
 * entity's location is its file, so the scaffolder fetches `./skeleton` from
 * beside it.
 *
 * @public
 */
export class SecureTemplatesProvider implements EntityProvider {
  constructor(private readonly options: SecureTemplatesProviderOptions) {}

  getProviderName(): string {
    return TEMPLATES_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const entities = await readSecureTemplates(
      this.options.directory ?? SECURE_TEMPLATES_DIR,
      this.options.owner,
    );
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: TEMPLATES_PROVIDER_NAME,
      })),
    });
    this.options.logger.info(
      `Registered ${entities.length} secure SageMaker templates: ${entities
        .map(e => e.metadata.name)
        .join(', ')}`,
    );
  }
}

/**
 * Reads `<directory>/<name>/template.yaml` of every template folder, with
 * location annotations naming the file.
 *
 * @public
 */
export async function readSecureTemplates(
  directory: string,
  owner?: string,
): Promise<Entity[]> {
  const folders = (await fs.readdir(directory, { withFileTypes: true }))
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();
  const entities: Entity[] = [];
  for (const folder of folders) {
    const file = path.join(directory, folder, 'template.yaml');
    const entity = parse(await fs.readFile(file, 'utf8')) as Entity;
    if (entity?.kind !== 'Template') {
      throw new Error(`${file} is not a Template entity`);
    }
    const location = `file:${file}`;
    entities.push({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
      },
      spec: owner ? { ...entity.spec, owner } : entity.spec,
    });
  }
  if (entities.length === 0) {
    throw new Error(`No templates found in ${directory}`);
  }
  return entities;
}
