import {
  DescribeFeatureGroupCommand,
  DescribePipelineCommand,
  paginateListFeatureGroups,
  paginateListPipelines,
} from '@aws-sdk/client-sagemaker';
import { sagemakerSpec } from './spec';

export const pipelineSpecs = [
  sagemakerSpec({
    type: 'pipeline',
    list: 'ListPipelines',
    paginate: paginateListPipelines,
    items: 'PipelineSummaries',
    name: 'PipelineName',
    summaryArn: 'PipelineArn',
    describe: 'DescribePipeline',
    describeCommand: s =>
      new DescribePipelineCommand({ PipelineName: s.PipelineName }),
    arnField: 'PipelineArn',
    statusField: 'PipelineStatus',
  }),
  sagemakerSpec({
    type: 'feature-group',
    list: 'ListFeatureGroups',
    paginate: paginateListFeatureGroups,
    items: 'FeatureGroupSummaries',
    name: 'FeatureGroupName',
    summaryArn: 'FeatureGroupArn',
    describe: 'DescribeFeatureGroup',
    describeCommand: s =>
      new DescribeFeatureGroupCommand({ FeatureGroupName: s.FeatureGroupName }),
    arnField: 'FeatureGroupArn',
    statusField: 'FeatureGroupStatus',
  }),
];
