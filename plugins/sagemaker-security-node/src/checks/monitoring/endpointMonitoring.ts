import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { ENDPOINT_TEMPLATE } from '../../remediation/templates';
import { CheckContext } from '../../types';
import {
  defineCheck,
  describeFailure,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  isServerlessEndpoint,
  monitoredEndpointName,
  nonEmptyString,
  notApplicable,
  pass,
  SEED,
  unknown,
  warn,
} from '../support';

function captureVerdict(
  context: CheckContext,
  source: string,
  config: unknown,
): CheckOutcome {
  const enabled = getPath(config, 'EnableCapture') === true;
  const status = getPath(config, 'CaptureStatus');
  const evidence = [
    fieldEvidence(
      context.resource,
      `${source}.EnableCapture`,
      getPath(config, 'EnableCapture') ?? null,
      true,
    ),
  ];
  if (enabled && status !== 'Stopped') {
    return pass(
      `${context.resource.name} captures inference data to ${String(
        getPath(config, 'DestinationS3Uri') ?? 'S3',
      )}.`,
      evidence,
    );
  }
  return fail(
    enabled
      ? `${context.resource.name}: data capture is configured but stopped.`
      : `${context.resource.name} does not capture inference data.`,
    evidence,
  );
}

export const endpointDataCapture = defineCheck(
  {
    id: 'endpoint-data-capture-enabled',
    pillar: 'monitoring',
    title: 'Endpoint captures inference requests and responses',
    severity: 'medium',
    resourceTypes: ['endpoint'],
    rationale:
      'Without data capture there is no record of what the model received and answered: no drift monitoring, no investigation of abuse or data leaks.',
    references: {
      seed: { pillar: SEED.monitoring, phases: ['monitoring', 'deployment'] },
    },
    remediation: {
      text: 'Enable DataCaptureConfig (EnableCapture, a sampling percentage, an encrypted S3 destination) in a new endpoint configuration and update the endpoint.',
      docsUrl: DOCS.dataCapture,
      template: ENDPOINT_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    if (isServerlessEndpoint(resource)) {
      return notApplicable(
        `${resource.name} is serverless; SageMaker does not capture data for serverless endpoints.`,
      );
    }
    const failure = fieldFailure(resource, 'DataCaptureConfig');
    if (failure) return failure;
    const onEndpoint = getPath(resource.description, 'DataCaptureConfig');
    if (onEndpoint !== undefined) {
      return captureVerdict(context, 'DataCaptureConfig', onEndpoint);
    }
    const configName = nonEmptyString(
      getPath(resource.description, 'EndpointConfigName'),
    );
    const config = configName
      ? context.resources.get(
          'endpoint-config',
          resource.accountId,
          resource.region,
          configName,
        )
      : undefined;
    // The configuration may hold the capture settings: unreadable is unknown.
    const configFailed = config && describeFailure(config);
    if (configFailed) return configFailed;
    if (
      config &&
      getPath(config.description, 'DataCaptureConfig') !== undefined
    ) {
      return captureVerdict(
        context,
        'EndpointConfig.DataCaptureConfig',
        getPath(config.description, 'DataCaptureConfig'),
      );
    }
    // DescribeEndpoint omits DataCaptureConfig when capture was never configured.
    return fail(`${resource.name} does not capture inference data.`, [
      fieldEvidence(
        resource,
        'DataCaptureConfig',
        null,
        'EnableCapture = true',
      ),
    ]);
  },
);

const SCHEDULE_LISTING = 'sagemaker:ListMonitoringSchedules';

export const endpointModelMonitorSchedule = defineCheck(
  {
    id: 'endpoint-model-monitor-schedule',
    pillar: 'monitoring',
    title: 'Endpoint has an active Model Monitor schedule',
    severity: 'medium',
    resourceTypes: ['endpoint'],
    rationale:
      'A monitoring schedule per endpoint detects data and model drift, bias and quality loss; a region-level check (Prowler) passes while most endpoints go unwatched.',
    references: {
      prowler: ['sagemaker_models_monitor_enabled'],
      seed: { pillar: SEED.monitoring, phases: ['monitoring'] },
    },
    remediation: {
      text: 'Create a data quality (and model quality) monitoring schedule for the endpoint (CreateMonitoringSchedule with EndpointInput).',
      docsUrl: DOCS.modelMonitor,
      template: ENDPOINT_TEMPLATE,
    },
    requiresLiveData: true,
  },
  context => {
    const { resource } = context;
    if (isServerlessEndpoint(resource)) {
      return notApplicable(
        `${resource.name} is serverless; Model Monitor does not support serverless endpoints.`,
      );
    }
    const listing =
      resource.errors.find(
        error =>
          error.action.toLowerCase() === SCHEDULE_LISTING.toLowerCase() ||
          error.field === 'MonitoringSchedules',
      ) ??
      context.resources.listingErrors?.(
        'monitoring-schedule',
        resource.accountId,
        resource.region,
      )[0];
    if (listing) {
      return unknown(
        `Monitoring schedules of ${resource.name} could not be listed: ${listing.message}.`,
        [listing.action],
      );
    }
    const inRegion = context.resources.list(
      'monitoring-schedule',
      resource.accountId,
      resource.region,
    );
    const schedules = inRegion.filter(
      schedule => monitoredEndpointName(schedule) === resource.name,
    );
    // A schedule that could not be described may be this endpoint's.
    const undescribed = inRegion
      .map(schedule => describeFailure(schedule))
      .find(Boolean);
    const statusOf = (schedule: (typeof schedules)[number]) =>
      String(
        getPath(schedule.description, 'MonitoringScheduleStatus') ??
          schedule.status ??
          'unknown',
      );
    const evidence = [
      {
        path: 'ListMonitoringSchedules(EndpointName).MonitoringScheduleStatus',
        observed: schedules.map(
          schedule => `${schedule.name}: ${statusOf(schedule)}`,
        ),
        expected: 'at least one Scheduled',
        relatedArn: resource.arn,
      },
    ];
    if (schedules.some(schedule => statusOf(schedule) === 'Scheduled')) {
      return pass(
        `${resource.name} has an active monitoring schedule.`,
        evidence,
      );
    }
    if (undescribed) {
      return unknown(
        `${resource.name} has no active schedule among those read, but another schedule could not be described: ${undescribed.message}`,
        undescribed.missing ?? ['sagemaker:DescribeMonitoringSchedule'],
        evidence,
      );
    }
    return fail(
      schedules.length === 0
        ? `${resource.name} has no Model Monitor schedule.`
        : `${resource.name}'s monitoring schedules are not active (${schedules
            .map(statusOf)
            .join(', ')}).`,
      evidence,
    );
  },
);

export const monitoringScheduleHealthy = defineCheck(
  {
    id: 'monitoring-schedule-last-execution-healthy',
    pillar: 'monitoring',
    title: 'Monitoring schedule is running and its last execution succeeded',
    severity: 'low',
    resourceTypes: ['monitoring-schedule'],
    rationale:
      'A stopped schedule or failing executions leave the endpoint unwatched while the schedule looks configured; violations need attention.',
    references: { seed: { pillar: SEED.monitoring, phases: ['monitoring'] } },
    remediation: {
      text: "Read the last execution's FailureReason or violation report, fix the baseline or job definition, and start the schedule (StartMonitoringSchedule).",
      docsUrl: DOCS.modelMonitor,
    },
    requiresLiveData: true,
  },
  context => {
    const { resource } = context;
    const status =
      getPath(resource.description, 'MonitoringScheduleStatus') ??
      resource.status;
    const last = getPath(
      resource.description,
      'LastMonitoringExecutionSummary.MonitoringExecutionStatus',
    );
    const evidence = [
      fieldEvidence(
        resource,
        'MonitoringScheduleStatus',
        status ?? null,
        'Scheduled',
      ),
      fieldEvidence(
        resource,
        'LastMonitoringExecutionSummary.MonitoringExecutionStatus',
        last ?? null,
        'Completed',
      ),
    ];
    if (status === undefined) {
      return unknown(`${resource.name}: MonitoringScheduleStatus is absent.`, [
        'sagemaker:DescribeMonitoringSchedule',
      ]);
    }
    if (status !== 'Scheduled') {
      return fail(
        `${resource.name} is ${String(status)}, not Scheduled.`,
        evidence,
      );
    }
    switch (last) {
      case undefined:
        return notApplicable(`${resource.name} has not run yet.`, evidence);
      case 'Completed':
      case 'InProgress':
      case 'Pending':
        return pass(
          `${resource.name} is Scheduled; last execution ${String(last)}.`,
          evidence,
        );
      case 'CompletedWithViolations':
        return warn(
          `${resource.name}'s last execution found violations.`,
          evidence,
        );
      default:
        return fail(
          `${resource.name}'s last execution is ${String(last)}.`,
          evidence,
        );
    }
  },
);
