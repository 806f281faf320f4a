import { RESOURCE_TYPE_DESCRIPTORS } from '@mlsec/plugin-sagemaker-security-common';
import { ResourceSpec, specOf } from './spec';

/** Every SageMaker resource type the collector lists, one spec each, from the registry. */
export const RESOURCE_SPECS: ResourceSpec[] =
  RESOURCE_TYPE_DESCRIPTORS.map(specOf);

export { collectResourceType } from './collectResourceType';
export type { ResourceSpec } from './spec';
