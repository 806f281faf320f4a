import { inferenceSpecs } from './inference';
import { jobSpecs } from './jobs';
import { monitoringSpecs } from './monitoring';
import { notebookSpecs } from './notebooks';
import { pipelineSpecs } from './pipelines';
import { registrySpecs } from './registry';
import type { ResourceSpec } from './spec';
import { studioSpecs } from './studio';

/** Every SageMaker resource type the collector lists, one spec each. */
export const RESOURCE_SPECS: ResourceSpec[] = [
  ...notebookSpecs,
  ...studioSpecs,
  ...inferenceSpecs,
  ...jobSpecs,
  ...pipelineSpecs,
  ...registrySpecs,
  ...monitoringSpecs,
];

export { collectResourceType } from './collectResourceType';
export type { ResourceSpec } from './spec';
