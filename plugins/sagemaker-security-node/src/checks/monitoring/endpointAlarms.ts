import { CloudWatchAlarmsFact } from '@mlsec/plugin-sagemaker-security-common';
import { ENDPOINT_TEMPLATE } from '../../remediation/templates';
import { SecurityCheck } from '../../types';
import {
  defineCheck,
  DOCS,
  fail,
  isServerlessEndpoint,
  pass,
  readFact,
  SEED,
} from '../support';

type Alarm = CloudWatchAlarmsFact['alarms'][number];

function actionable(alarm: Alarm): boolean {
  return alarm.actionsEnabled !== false && alarm.alarmActions.length > 0;
}

interface Spec {
  id: string;
  title: string;
  metrics: string[];
  rationale: string;
}

function endpointAlarmCheck(spec: Spec): SecurityCheck {
  return defineCheck(
    {
      id: spec.id,
      pillar: 'monitoring',
      title: spec.title,
      severity: 'medium',
      resourceTypes: ['endpoint'],
      rationale: spec.rationale,
      references: {
        prowler: [
          'cloudwatch_alarm_actions_enabled',
          'cloudwatch_alarm_actions_alarm_state_configured',
        ],
        securityHub: ['CloudWatch.15'],
        seed: { pillar: SEED.monitoring, phases: ['monitoring'] },
      },
      remediation: {
        text: `Create a CloudWatch alarm in namespace AWS/SageMaker on ${spec.metrics.join(
          ' or ',
        )} with dimension EndpointName = the endpoint, and an SNS action.`,
        docsUrl: DOCS.cloudWatch,
        template: ENDPOINT_TEMPLATE,
      },
      requiresLiveData: true,
    },
    context => {
      const { resource } = context;
      const read = readFact(context, 'cloudwatch-alarms', '-');
      if (!read.ok) return read.outcome;
      const alarms = read.data.alarms.filter(
        alarm =>
          alarm.dimensions.EndpointName === resource.name &&
          spec.metrics.includes(alarm.metricName ?? '') &&
          (alarm.namespace ?? 'AWS/SageMaker') === 'AWS/SageMaker',
      );
      const evidence = [
        {
          path: 'cloudwatch:DescribeAlarms',
          observed: alarms.map(
            alarm =>
              `${alarm.alarmName} (${alarm.metricName}, ${alarm.alarmActions.length} action(s))`,
          ),
          expected: `an alarm on ${spec.metrics.join('/')} with actions`,
          relatedArn: resource.arn,
        },
      ];
      if (alarms.some(actionable)) {
        return pass(
          `${resource.name} has an alarm with actions on ${spec.metrics.join(
            '/',
          )}.`,
          evidence,
        );
      }
      if (alarms.length > 0) {
        return fail(
          `${resource.name}'s ${spec.metrics.join(
            '/',
          )} alarms notify no one (no enabled actions).`,
          evidence,
        );
      }
      const serverless = isServerlessEndpoint(resource)
        ? ' (serverless endpoints publish the same metrics)'
        : '';
      return fail(
        `${resource.name} has no alarm on ${spec.metrics.join(
          '/',
        )}${serverless}.`,
        evidence,
      );
    },
  );
}

export const endpointErrorAlarms = endpointAlarmCheck({
  id: 'endpoint-error-alarms',
  title: 'Endpoint has a CloudWatch alarm with actions on invocation errors',
  metrics: ['Invocation5XXErrors', 'Invocation4XXErrors', 'ModelError'],
  rationale:
    'A spike of 4XX/5XX errors is the first sign of abuse, a broken model or a failing dependency; without an alarm nobody is told.',
});

export const endpointLatencyAlarms = endpointAlarmCheck({
  id: 'endpoint-latency-alarms',
  title: 'Endpoint has a CloudWatch alarm with actions on latency',
  metrics: ['ModelLatency', 'OverheadLatency'],
  rationale:
    'The seed guidance asks for alarms when endpoint latency exceeds a threshold: unexpected latency shows overload, denial of service or a degraded model.',
});
