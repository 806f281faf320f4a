import {
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { awsError } from '../awsErrors';
import { paginate } from '../paging';
import { Handler } from './types';

/** `sagemaker:<arnSegment>` → the type and its ARN field. */
const TYPES = new Map<string, { type: ResourceType; arnField: string }>(
  RESOURCE_TYPE_DESCRIPTORS.map(d => [
    `sagemaker:${d.arnSegment}`,
    { type: d.id, arnField: d.api.arnField },
  ]),
);

/**
 * The Resource Groups Tagging API's `GetResources` over the estate's
 * SageMaker resources: those with tags (the API lists only tagged ones),
 * filtered by `ResourceTypeFilters`, paged by `ResourcesPerPage` and
 * `PaginationToken`. A filter it does not know is refused as AWS refuses it.
 */
export const taggingHandlers: Record<string, Handler> = {
  GetResources: (input, scope) => {
    const filters: string[] = input.ResourceTypeFilters ?? [...TYPES.keys()];
    const mappings: Array<{
      ResourceARN: string;
      Tags: Array<{ Key: string; Value: string }>;
    }> = [];
    for (const filter of filters) {
      const known = TYPES.get(filter);
      if (!known) {
        throw awsError(
          'InvalidParameterException',
          `Unsupported resource type filter: ${filter}`,
          400,
        );
      }
      for (const r of scope.region?.sagemaker?.[known.type] ?? []) {
        const tags = Object.entries(r.tags ?? {});
        if (tags.length === 0) continue;
        mappings.push({
          ResourceARN: String(r.description[known.arnField]),
          Tags: tags.map(([Key, Value]) => ({ Key, Value })),
        });
      }
    }
    const { page, next } = paginate(mappings, input, scope.pageSize, {
      tokenIn: 'PaginationToken',
      sizeIn: 'ResourcesPerPage',
    });
    return {
      ResourceTagMappingList: page,
      ...(next ? { PaginationToken: next } : {}),
    };
  },
};
