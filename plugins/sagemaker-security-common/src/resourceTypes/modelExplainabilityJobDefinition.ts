import { monitoringJobDefinition } from './jobDefinition';

/** A ModelExplainability monitoring job definition. */
export const modelExplainabilityJobDefinition = monitoringJobDefinition(
  'model-explainability-job-definition',
  'ModelExplainability',
);
