import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_SAGEMAKER_TAG_SELECTOR } from '@mlsec/plugin-sagemaker-security-common';

/**
 * What the provider reads back from the catalog, with service credentials.
 *
 * @public
 */
export class CatalogReader {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** Every Group (kind, name and namespace only), to resolve owner tags. */
  async listGroups(): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items;
  }

  /** Every Component with a tag selector annotation. */
  async listComponentsWithTagSelector(): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_SAGEMAKER_TAG_SELECTOR}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items;
  }
}
