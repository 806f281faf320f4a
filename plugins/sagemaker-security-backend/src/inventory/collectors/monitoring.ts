import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  paginateListDataQualityJobDefinitions,
  paginateListModelBiasJobDefinitions,
  paginateListModelExplainabilityJobDefinitions,
  paginateListModelQualityJobDefinitions,
  paginateListMonitoringSchedules,
} from '@aws-sdk/client-sagemaker';
import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import { sagemakerSpec, Summary } from './spec';

function jobDefinitionSpec(
  type: ResourceType,
  kind: string,
  paginate: Parameters<typeof sagemakerSpec>[0]['paginate'],
  command: (s: Summary) => any,
) {
  return sagemakerSpec({
    type,
    list: `List${kind}JobDefinitions`,
    paginate,
    items: 'JobDefinitionSummaries',
    name: 'MonitoringJobDefinitionName',
    summaryArn: 'MonitoringJobDefinitionArn',
    describe: `Describe${kind}JobDefinition`,
    describeCommand: command,
    arnField: 'JobDefinitionArn',
    // Monitoring job definitions have no Update API.
    immutable: true,
  });
}

const byName = (s: Summary) => ({
  JobDefinitionName: s.MonitoringJobDefinitionName,
});

export const monitoringSpecs = [
  sagemakerSpec({
    type: 'monitoring-schedule',
    list: 'ListMonitoringSchedules',
    paginate: paginateListMonitoringSchedules,
    items: 'MonitoringScheduleSummaries',
    name: 'MonitoringScheduleName',
    summaryArn: 'MonitoringScheduleArn',
    describe: 'DescribeMonitoringSchedule',
    describeCommand: s =>
      new DescribeMonitoringScheduleCommand({
        MonitoringScheduleName: s.MonitoringScheduleName,
      }),
    arnField: 'MonitoringScheduleArn',
    statusField: 'MonitoringScheduleStatus',
  }),
  jobDefinitionSpec(
    'data-quality-job-definition',
    'DataQuality',
    paginateListDataQualityJobDefinitions,
    s => new DescribeDataQualityJobDefinitionCommand(byName(s)),
  ),
  jobDefinitionSpec(
    'model-quality-job-definition',
    'ModelQuality',
    paginateListModelQualityJobDefinitions,
    s => new DescribeModelQualityJobDefinitionCommand(byName(s)),
  ),
  jobDefinitionSpec(
    'model-bias-job-definition',
    'ModelBias',
    paginateListModelBiasJobDefinitions,
    s => new DescribeModelBiasJobDefinitionCommand(byName(s)),
  ),
  jobDefinitionSpec(
    'model-explainability-job-definition',
    'ModelExplainability',
    paginateListModelExplainabilityJobDefinitions,
    s => new DescribeModelExplainabilityJobDefinitionCommand(byName(s)),
  ),
];
