import {
  alarms,
  collectionError,
  domain,
  endpoint,
  endpointConfig,
  fact,
  logGroups,
  monitoringSchedule,
  notebook,
  processingJob,
  trainingJob,
  trails,
  resource,
  REGION,
  ACCOUNT,
  ROLE_ARN,
} from '../../testing/fixtures';
import { domainSettingsMonitoringCases } from '../domainGovernance.cases';
import { guardDutyCases } from './guardDuty.cases';
import { CheckCase } from '../../testing/checkCases';

/** A HyperPod cluster (ARN ending in its generated ID). */
const cluster = (description: Record<string, unknown> = {}) =>
  resource(
    'hyperpod-cluster',
    {
      ClusterName: 'llm',
      ClusterArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:cluster/p1q2r3s4t5u6`,
      InstanceGroups: [
        {
          InstanceGroupName: 'workers',
          ExecutionRole: ROLE_ARN,
          LifeCycleConfig: { SourceS3Uri: 's3://sagemaker-lifecycle/scripts/' },
        },
      ],
      ...description,
    },
    {
      name: 'llm',
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:cluster/p1q2r3s4t5u6`,
    },
  );

const serverless = endpoint({
  ProductionVariants: [
    {
      VariantName: 'v',
      CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
    },
  ],
});
const schedule = (
  endpointName: string,
  status: string,
  extra: Record<string, unknown> = {},
) =>
  monitoringSchedule(
    { EndpointName: endpointName, MonitoringScheduleStatus: status, ...extra },
    { name: `${endpointName}-${status}` },
  );
const ERROR_ALARM = {
  metricName: 'Invocation5XXErrors',
  dimensions: { EndpointName: 'test-endpoint', VariantName: 'AllTraffic' },
};
const LATENCY_ALARM = {
  metricName: 'ModelLatency',
  dimensions: { EndpointName: 'test-endpoint' },
};
const withBuckets = trainingJob({
  InputDataConfig: [
    { DataSource: { S3DataSource: { S3Uri: 's3://train-data/x' } } },
  ],
});

export const monitoringCases: CheckCase[] = [
  // endpoint-data-capture-enabled
  {
    check: 'endpoint-data-capture-enabled',
    name: 'capture on the endpoint',
    resource: endpoint({
      DataCaptureConfig: {
        EnableCapture: true,
        CaptureStatus: 'Started',
        DestinationS3Uri: 's3://cap/',
      },
    }),
    expect: 'pass',
  },
  {
    check: 'endpoint-data-capture-enabled',
    name: 'capture stopped',
    resource: endpoint({
      DataCaptureConfig: { EnableCapture: true, CaptureStatus: 'Stopped' },
    }),
    expect: 'fail',
  },
  {
    check: 'endpoint-data-capture-enabled',
    name: 'never configured',
    resource: endpoint(),
    expect: 'fail',
  },
  {
    check: 'endpoint-data-capture-enabled',
    name: 'capture declared on the endpoint configuration (iac)',
    resource: endpoint(),
    resources: [endpointConfig({ DataCaptureConfig: { EnableCapture: true } })],
    mode: 'iac',
    expect: 'pass',
  },
  {
    check: 'endpoint-data-capture-enabled',
    name: 'serverless endpoint',
    resource: serverless,
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-data-capture-enabled',
    name: 'capture field unreadable',
    resource: endpoint(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeEndpoint', {
            field: 'DataCaptureConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // endpoint-model-monitor-schedule
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'scheduled monitor',
    resource: endpoint(),
    resources: [schedule('test-endpoint', 'Scheduled')],
    expect: 'pass',
  },
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'inline definition naming the endpoint',
    resource: endpoint(),
    resources: [
      monitoringSchedule({
        MonitoringScheduleStatus: 'Scheduled',
        MonitoringScheduleConfig: {
          MonitoringJobDefinition: {
            MonitoringInputs: [
              { EndpointInput: { EndpointName: 'test-endpoint' } },
            ],
          },
        },
      }),
    ],
    expect: 'pass',
  },
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'a schedule for another endpoint only',
    resource: endpoint(),
    resources: [schedule('other-endpoint', 'Scheduled')],
    expect: 'fail',
  },
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'stopped schedule',
    resource: endpoint(),
    resources: [schedule('test-endpoint', 'Stopped')],
    expect: 'fail',
    message: /Stopped/,
  },
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'serverless',
    resource: serverless,
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'schedules could not be listed',
    resource: endpoint(
      {},
      { errors: [collectionError('sagemaker:ListMonitoringSchedules')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:ListMonitoringSchedules'],
  },
  {
    check: 'endpoint-model-monitor-schedule',
    name: 'region listing of schedules failed (no schedule seen is not proof)',
    resource: endpoint(),
    listingErrors: {
      'monitoring-schedule': [
        collectionError('sagemaker:ListMonitoringSchedules', {
          kind: 'throttled',
          code: 'ThrottlingException',
        }),
      ],
    },
    expect: 'unknown',
    missing: ['sagemaker:ListMonitoringSchedules'],
  },

  // monitoring-schedule-last-execution-healthy
  {
    check: 'monitoring-schedule-last-execution-healthy',
    name: 'completed',
    resource: schedule('e', 'Scheduled', {
      LastMonitoringExecutionSummary: {
        MonitoringExecutionStatus: 'Completed',
      },
    }),
    expect: 'pass',
  },
  {
    check: 'monitoring-schedule-last-execution-healthy',
    name: 'violations',
    resource: schedule('e', 'Scheduled', {
      LastMonitoringExecutionSummary: {
        MonitoringExecutionStatus: 'CompletedWithViolations',
      },
    }),
    expect: 'warn',
  },
  {
    check: 'monitoring-schedule-last-execution-healthy',
    name: 'failed execution',
    resource: schedule('e', 'Scheduled', {
      LastMonitoringExecutionSummary: { MonitoringExecutionStatus: 'Failed' },
    }),
    expect: 'fail',
  },
  {
    check: 'monitoring-schedule-last-execution-healthy',
    name: 'stopped schedule',
    resource: schedule('e', 'Stopped'),
    expect: 'fail',
  },
  {
    check: 'monitoring-schedule-last-execution-healthy',
    name: 'never ran',
    resource: schedule('e', 'Scheduled'),
    expect: 'not_applicable',
  },
  {
    check: 'monitoring-schedule-last-execution-healthy',
    name: 'status absent',
    resource: monitoringSchedule({ MonitoringScheduleConfig: {} }),
    expect: 'unknown',
  },

  // endpoint alarms
  {
    check: 'endpoint-error-alarms',
    name: '5XX alarm with SNS action',
    resource: endpoint(),
    facts: [alarms([ERROR_ALARM])],
    expect: 'pass',
  },
  {
    check: 'endpoint-error-alarms',
    name: 'alarm without actions',
    resource: endpoint(),
    facts: [alarms([{ ...ERROR_ALARM, alarmActions: [] }])],
    expect: 'fail',
    message: /notify no one/,
  },
  {
    check: 'endpoint-error-alarms',
    name: 'actions disabled',
    resource: endpoint(),
    facts: [alarms([{ ...ERROR_ALARM, actionsEnabled: false }])],
    expect: 'fail',
  },
  {
    check: 'endpoint-error-alarms',
    name: 'only a latency alarm',
    resource: endpoint(),
    facts: [alarms([LATENCY_ALARM])],
    expect: 'fail',
  },
  {
    check: 'endpoint-error-alarms',
    name: 'alarms not collected',
    resource: endpoint(),
    expect: 'unknown',
    missing: ['cloudwatch:DescribeAlarms'],
  },
  {
    check: 'endpoint-latency-alarms',
    name: 'latency alarm',
    resource: endpoint(),
    facts: [alarms([LATENCY_ALARM])],
    expect: 'pass',
  },
  {
    check: 'endpoint-latency-alarms',
    name: 'latency alarm for another endpoint',
    resource: endpoint(),
    facts: [
      alarms([{ ...LATENCY_ALARM, dimensions: { EndpointName: 'other' } }]),
    ],
    expect: 'fail',
  },
  {
    check: 'endpoint-latency-alarms',
    name: 'DescribeAlarms denied',
    resource: endpoint(),
    facts: [
      fact('cloudwatch-alarms', '-', undefined, {
        errors: [collectionError('cloudwatch:DescribeAlarms')],
      }),
    ],
    expect: 'unknown',
    missing: ['cloudwatch:DescribeAlarms'],
  },

  // CloudTrail
  {
    check: 'cloudtrail-logging-in-region',
    name: 'multi-region trail logging',
    resource: notebook(),
    facts: [trails([{}])],
    expect: 'pass',
  },
  {
    check: 'cloudtrail-logging-in-region',
    name: 'regional trail of another region',
    resource: notebook(),
    facts: [trails([{ isMultiRegionTrail: false, homeRegion: 'us-east-1' }])],
    expect: 'fail',
  },
  {
    check: 'cloudtrail-logging-in-region',
    name: 'trail stopped',
    resource: domain(),
    facts: [trails([{ isLogging: false }])],
    expect: 'fail',
  },
  {
    check: 'cloudtrail-logging-in-region',
    name: 'no trails',
    resource: endpoint(),
    facts: [trails([])],
    expect: 'fail',
  },
  {
    check: 'cloudtrail-logging-in-region',
    name: 'trail status denied',
    resource: notebook(),
    facts: [
      trails(
        [{ isLogging: undefined }],
        [collectionError('cloudtrail:GetTrailStatus')],
      ),
    ],
    expect: 'unknown',
    missing: ['cloudtrail:GetTrailStatus'],
  },
  {
    check: 'cloudtrail-logging-in-region',
    name: 'trails not collected',
    resource: notebook(),
    expect: 'unknown',
    missing: ['cloudtrail:DescribeTrails'],
  },
  {
    check: 'cloudtrail-log-file-validation',
    name: 'validated',
    resource: notebook(),
    facts: [trails([{}])],
    expect: 'pass',
  },
  {
    check: 'cloudtrail-log-file-validation',
    name: 'not validated',
    resource: notebook(),
    facts: [trails([{ logFileValidationEnabled: false }])],
    expect: 'fail',
  },
  {
    check: 'cloudtrail-log-file-validation',
    name: 'no logging trail',
    resource: notebook(),
    facts: [trails([])],
    expect: 'not_applicable',
  },
  {
    check: 'cloudtrail-log-file-validation',
    name: 'not collected',
    resource: notebook(),
    expect: 'unknown',
  },
  {
    check: 'cloudtrail-kms-encryption',
    name: 'KMS',
    resource: domain(),
    facts: [trails([{}])],
    expect: 'pass',
  },
  {
    check: 'cloudtrail-kms-encryption',
    name: 'SSE-S3 only',
    resource: domain(),
    facts: [trails([{ kmsKeyId: undefined }])],
    expect: 'fail',
  },
  {
    check: 'cloudtrail-kms-encryption',
    name: 'no logging trail',
    resource: domain(),
    facts: [trails([{ isLogging: false }])],
    expect: 'not_applicable',
  },
  {
    check: 'cloudtrail-kms-encryption',
    name: 'not collected',
    resource: domain(),
    expect: 'unknown',
  },
  {
    check: 'cloudtrail-s3-data-events',
    name: 'all buckets',
    resource: withBuckets,
    facts: [trails([{}])],
    expect: 'pass',
  },
  {
    check: 'cloudtrail-s3-data-events',
    name: 'this bucket',
    resource: withBuckets,
    facts: [trails([{ s3DataEventArns: ['arn:aws:s3:::train-data/'] }])],
    expect: 'pass',
  },
  {
    check: 'cloudtrail-s3-data-events',
    name: 'another bucket only',
    resource: withBuckets,
    facts: [trails([{ s3DataEventArns: ['arn:aws:s3:::other/'] }])],
    expect: 'fail',
  },
  {
    check: 'cloudtrail-s3-data-events',
    name: 'event selectors denied',
    resource: withBuckets,
    facts: [trails([{ s3DataEventArns: undefined }])],
    expect: 'unknown',
    missing: ['cloudtrail:GetEventSelectors'],
  },
  {
    check: 'cloudtrail-s3-data-events',
    name: 'no S3 input',
    resource: processingJob(),
    expect: 'not_applicable',
  },

  // log-group-retention
  {
    check: 'log-group-retention',
    name: 'one year',
    resource: endpoint(),
    facts: [
      logGroups([
        {
          logGroupName: '/aws/sagemaker/Endpoints/test-endpoint',
          retentionInDays: 365,
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'log-group-retention',
    name: 'never expires',
    resource: trainingJob(),
    facts: [logGroups([{ logGroupName: '/aws/sagemaker/TrainingJobs' }])],
    expect: 'pass',
  },
  {
    check: 'log-group-retention',
    name: 'one week',
    resource: endpoint(),
    facts: [
      logGroups([
        {
          logGroupName: '/aws/sagemaker/Endpoints/test-endpoint',
          retentionInDays: 7,
        },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'log-group-retention',
    name: 'DescribeLogGroups denied',
    resource: endpoint(),
    facts: [
      fact('log-groups', '-', undefined, {
        errors: [collectionError('logs:DescribeLogGroups')],
      }),
    ],
    expect: 'unknown',
  },
  {
    check: 'log-group-retention',
    name: 'no log group yet',
    resource: endpoint(),
    facts: [logGroups([])],
    expect: 'not_applicable',
  },

  // log-group-retention reads the cluster's log group, named by its ARN's cluster ID.
  {
    check: 'log-group-retention',
    name: 'HyperPod cluster log group (/aws/sagemaker/Clusters/<name>/<id>) kept a week',
    resource: cluster(),
    facts: [
      logGroups([
        {
          logGroupName: '/aws/sagemaker/Clusters/llm/p1q2r3s4t5u6',
          retentionInDays: 7,
        },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'log-group-retention',
    name: 'HyperPod cluster log group kept a year',
    resource: cluster(),
    facts: [
      logGroups([
        {
          logGroupName: '/aws/sagemaker/Clusters/llm/p1q2r3s4t5u6',
          retentionInDays: 365,
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'log-group-retention',
    name: 'HyperPod cluster log group of another cluster ID only',
    resource: cluster(),
    facts: [
      logGroups([
        {
          logGroupName: '/aws/sagemaker/Clusters/llm/zzzzzzzzzzzz',
          retentionInDays: 7,
        },
      ]),
    ],
    expect: 'not_applicable',
  },
  ...domainSettingsMonitoringCases,
  ...guardDutyCases,
];
