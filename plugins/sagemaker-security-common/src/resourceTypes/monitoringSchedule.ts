import { defineResourceType } from './descriptor';

const JOB = 'MonitoringScheduleConfig.MonitoringJobDefinition';

/** A model monitoring schedule. */
export const monitoringSchedule = defineResourceType({
  id: 'monitoring-schedule',
  arnSegment: 'monitoring-schedule',
  job: false,
  catalog: {
    abbreviation: 'monitor',
    consolePage: 'monitoring-schedules/{name}',
    dependsOn: [
      {
        on: 'endpoint',
        paths: [
          'EndpointName',
          `${JOB}.MonitoringInputs[].EndpointInput.EndpointName`,
        ],
      },
    ],
  },
  api: {
    list: 'ListMonitoringSchedules',
    items: 'MonitoringScheduleSummaries',
    summaryName: 'MonitoringScheduleName',
    summaryArn: 'MonitoringScheduleArn',
    describe: 'DescribeMonitoringSchedule',
    describeInput: { MonitoringScheduleName: 'MonitoringScheduleName' },
    arnField: 'MonitoringScheduleArn',
    statusField: 'MonitoringScheduleStatus',
  },
  links: {
    kmsKeys: [
      `${JOB}.MonitoringOutputConfig.KmsKeyId`,
      `${JOB}.MonitoringResources.ClusterConfig.VolumeKmsKeyId`,
    ],
    roles: [`${JOB}.RoleArn`],
    securityGroups: [`${JOB}.NetworkConfig.VpcConfig.SecurityGroupIds[]`],
    subnets: [`${JOB}.NetworkConfig.VpcConfig.Subnets[]`],
  },
  monitoringJob: {
    outputConfig: `${JOB}.MonitoringOutputConfig`,
    clusterConfig: `${JOB}.MonitoringResources.ClusterConfig`,
    inlineDefinition: JOB,
  },
  cloudFormation: {
    type: 'AWS::SageMaker::MonitoringSchedule',
    nameProperty: 'MonitoringScheduleName',
  },
  simulator: {
    summary: [
      'MonitoringScheduleName',
      'MonitoringScheduleArn',
      'MonitoringScheduleStatus',
      'CreationTime',
    ],
  },
});
