import {
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * Every field of a Describe response that names a KMS key, per resource type
 * (paths may contain `[]` for "each element of the list"), from the
 * descriptors' `links.kmsKeys`.
 *
 * @public
 */
export const KMS_KEY_FIELDS: Partial<Record<ResourceType, string[]>> =
  Object.fromEntries(
    RESOURCE_TYPE_DESCRIPTORS.filter(
      d => (d.links.kmsKeys?.length ?? 0) > 0,
    ).map(d => [d.id, d.links.kmsKeys]),
  );

/** @public */
export const KMS_KEY_RESOURCE_TYPES = Object.keys(
  KMS_KEY_FIELDS,
) as ResourceType[];
