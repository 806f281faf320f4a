import { SageMakerResource } from '@mlsec/plugin-sagemaker-security-common';
import { arrayAt, getPath, nonEmptyString } from './paths';

/** True when every production variant of the endpoint is serverless. */
export function isServerlessEndpoint(endpoint: SageMakerResource): boolean {
  const variants = arrayAt(endpoint.description, 'ProductionVariants');
  return (
    variants.length > 0 &&
    variants.every(
      variant =>
        getPath(variant, 'CurrentServerlessConfig') !== undefined ||
        getPath(variant, 'DesiredServerlessConfig') !== undefined ||
        getPath(variant, 'ServerlessConfig') !== undefined,
    )
  );
}

/** The endpoint a monitoring schedule watches. */
export function monitoredEndpointName(
  schedule: SageMakerResource,
): string | undefined {
  return (
    nonEmptyString(getPath(schedule.description, 'EndpointName')) ??
    nonEmptyString(
      getPath(
        schedule.description,
        'MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringInputs.0.EndpointInput.EndpointName',
      ),
    )
  );
}
