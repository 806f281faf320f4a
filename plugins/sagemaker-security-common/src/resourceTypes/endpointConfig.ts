import { defineResourceType } from './descriptor';

/** An endpoint configuration (variants, data capture, async output). */
export const endpointConfig = defineResourceType({
  id: 'endpoint-config',
  arnSegment: 'endpoint-config',
  job: false,
  catalog: {
    abbreviation: 'endpoint-config',
    label: 'endpoint configuration',
    consolePage: 'endpointConfig/{name}',
    dependsOn: [
      {
        on: 'model',
        paths: [
          'ProductionVariants[].ModelName',
          'ShadowProductionVariants[].ModelName',
        ],
      },
    ],
  },
  api: {
    list: 'ListEndpointConfigs',
    items: 'EndpointConfigs',
    summaryName: 'EndpointConfigName',
    summaryArn: 'EndpointConfigArn',
    describe: 'DescribeEndpointConfig',
    describeInput: { EndpointConfigName: 'EndpointConfigName' },
    arnField: 'EndpointConfigArn',
    // Tags through the Resource Groups Tagging API (see taggingApi).
    taggingApi: true,
    // No UpdateEndpointConfig: an endpoint moves to a new config instead.
    immutable: true,
  },
  links: {
    kmsKeys: [
      'KmsKeyId',
      'DataCaptureConfig.KmsKeyId',
      'AsyncInferenceConfig.OutputConfig.KmsKeyId',
    ],
    s3Uris: [
      // Written only while capture is enabled (as endpoint-config-data-capture-kms-key reads it).
      {
        path: 'DataCaptureConfig.DestinationS3Uri',
        when: { path: 'DataCaptureConfig.EnableCapture', equals: true },
      },
      'AsyncInferenceConfig.OutputConfig.S3OutputPath',
      'AsyncInferenceConfig.OutputConfig.S3FailurePath',
    ],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::EndpointConfig',
    nameProperty: 'EndpointConfigName',
  },
  simulator: {
    summary: [
      'EndpointConfigName',
      'EndpointConfigArn',
      'EndpointConfigStatus',
      'CreationTime',
    ],
  },
});
