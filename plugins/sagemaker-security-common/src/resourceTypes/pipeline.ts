import { defineResourceType } from './descriptor';

/** A SageMaker pipeline. */
export const pipeline = defineResourceType({
  id: 'pipeline',
  arnSegment: 'pipeline',
  job: false,
  catalog: { abbreviation: 'pipeline', consolePage: 'pipelines/{name}' },
  api: {
    list: 'ListPipelines',
    items: 'PipelineSummaries',
    summaryName: 'PipelineName',
    summaryArn: 'PipelineArn',
    describe: 'DescribePipeline',
    describeInput: { PipelineName: 'PipelineName' },
    arnField: 'PipelineArn',
    statusField: 'PipelineStatus',
    search: {
      resource: 'Pipeline',
      record: 'Pipeline',
      // Its steps name roles, keys and buckets (facts/references.ts).
      describeFields: ['PipelineDefinition'],
    },
  },
  links: { roles: ['RoleArn'] },
  cloudFormation: {
    type: 'AWS::SageMaker::Pipeline',
    nameProperty: 'PipelineName',
    refIsName: true,
  },
  simulator: {
    summary: ['PipelineName', 'PipelineArn', 'PipelineStatus', 'CreationTime'],
  },
});
