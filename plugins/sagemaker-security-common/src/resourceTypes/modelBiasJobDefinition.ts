import { monitoringJobDefinition } from './jobDefinition';

/** A ModelBias monitoring job definition. */
export const modelBiasJobDefinition = monitoringJobDefinition(
  'model-bias-job-definition',
  'ModelBias',
);
