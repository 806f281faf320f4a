import { defineResourceType } from './descriptor';

/** A real-time or asynchronous inference endpoint. */
export const endpoint = defineResourceType({
  id: 'endpoint',
  arnSegment: 'endpoint',
  job: false,
  catalog: {
    abbreviation: 'endpoint',
    consolePage: 'endpoints/{name}',
    dependsOn: [{ on: 'endpoint-config', paths: ['EndpointConfigName'] }],
  },
  api: {
    list: 'ListEndpoints',
    items: 'Endpoints',
    summaryName: 'EndpointName',
    summaryArn: 'EndpointArn',
    describe: 'DescribeEndpoint',
    describeInput: { EndpointName: 'EndpointName' },
    arnField: 'EndpointArn',
    statusField: 'EndpointStatus',
    // UpdateEndpoint (a new config) and status changes move these.
    changeFields: ['LastModifiedTime', 'EndpointStatus'],
    search: { resource: 'Endpoint', record: 'Endpoint' },
  },
  links: { kmsKeys: ['DataCaptureConfig.KmsKeyId'] },
  logGroup: '/aws/sagemaker/Endpoints/{name}',
  cloudFormation: {
    type: 'AWS::SageMaker::Endpoint',
    nameProperty: 'EndpointName',
  },
  simulator: {
    summary: [
      'EndpointName',
      'EndpointArn',
      'EndpointStatus',
      'CreationTime',
      'LastModifiedTime',
    ],
  },
});
