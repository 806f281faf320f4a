import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeInferenceExperimentCommand,
  DescribeModelCommand,
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListInferenceExperiments,
  paginateListModels,
} from '@aws-sdk/client-sagemaker';
import { sagemakerSpec } from './spec';

export const inferenceSpecs = [
  sagemakerSpec({
    type: 'model',
    list: 'ListModels',
    paginate: paginateListModels,
    items: 'Models',
    name: 'ModelName',
    summaryArn: 'ModelArn',
    describe: 'DescribeModel',
    describeCommand: s => new DescribeModelCommand({ ModelName: s.ModelName }),
    arnField: 'ModelArn',
    // SageMaker has no UpdateModel: a model changes only by being recreated.
    immutable: true,
  }),
  sagemakerSpec({
    type: 'endpoint-config',
    list: 'ListEndpointConfigs',
    paginate: paginateListEndpointConfigs,
    items: 'EndpointConfigs',
    name: 'EndpointConfigName',
    summaryArn: 'EndpointConfigArn',
    describe: 'DescribeEndpointConfig',
    describeCommand: s =>
      new DescribeEndpointConfigCommand({
        EndpointConfigName: s.EndpointConfigName,
      }),
    arnField: 'EndpointConfigArn',
    // No UpdateEndpointConfig: an endpoint moves to a new config instead.
    immutable: true,
  }),
  sagemakerSpec({
    type: 'endpoint',
    list: 'ListEndpoints',
    paginate: paginateListEndpoints,
    items: 'Endpoints',
    name: 'EndpointName',
    summaryArn: 'EndpointArn',
    describe: 'DescribeEndpoint',
    describeCommand: s =>
      new DescribeEndpointCommand({ EndpointName: s.EndpointName }),
    arnField: 'EndpointArn',
    statusField: 'EndpointStatus',
    // UpdateEndpoint (a new config) and status changes move these.
    changeFields: ['LastModifiedTime', 'EndpointStatus'],
  }),
  sagemakerSpec({
    type: 'inference-experiment',
    list: 'ListInferenceExperiments',
    paginate: paginateListInferenceExperiments,
    items: 'InferenceExperiments',
    name: 'Name',
    describe: 'DescribeInferenceExperiment',
    describeCommand: s =>
      new DescribeInferenceExperimentCommand({ Name: s.Name }),
    arnField: 'Arn',
    statusField: 'Status',
  }),
];
