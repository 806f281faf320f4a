import { monitoringJobDefinition } from './jobDefinition';

/** A ModelQuality monitoring job definition. */
export const modelQualityJobDefinition = monitoringJobDefinition(
  'model-quality-job-definition',
  'ModelQuality',
);
