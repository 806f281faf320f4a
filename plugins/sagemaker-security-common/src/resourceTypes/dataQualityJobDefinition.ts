import { monitoringJobDefinition } from './jobDefinition';

/** A DataQuality monitoring job definition. */
export const dataQualityJobDefinition = monitoringJobDefinition(
  'data-quality-job-definition',
  'DataQuality',
);
