/**
 * CloudTrail trails, CloudWatch alarms and log groups, as declared.
 */
import {
  CloudTrailFact,
  CloudWatchAlarmsFact,
  LogGroupsFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { isRecord } from '../intrinsics';
import { ResolvedResource } from '../resolveTemplate';
import { asBoolean, asList, Env, FactSink, ofType, Props } from './factSink';

function fieldSelectorValues(selectors: unknown[], field: string): unknown[] {
  return selectors
    .filter(isRecord)
    .filter(s => s.Field === field)
    .flatMap(s => [...asList(s.Equals), ...asList(s.StartsWith)]);
}

export function trailFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  for (const trail of ofType(all, 'AWS::CloudTrail::Trail')) {
    const basic = asList(trail.props.EventSelectors).filter(isRecord);
    const advanced = asList(trail.props.AdvancedEventSelectors).filter(
      isRecord,
    );
    const s3DataEventArns = basic.flatMap(selector =>
      asList(selector.DataResources)
        .filter(isRecord)
        .filter(r => r.Type === 'AWS::S3::Object')
        .flatMap(r => asList(r.Values)),
    );
    let includeManagementEvents =
      basic.length === 0 && advanced.length === 0
        ? true
        : basic.some(s => s.IncludeManagementEvents !== false);
    for (const selector of advanced) {
      const fields = asList(selector.FieldSelectors);
      const category = fieldSelectorValues(fields, 'eventCategory');
      if (category.includes('Management')) includeManagementEvents = true;
      if (
        category.includes('Data') &&
        fieldSelectorValues(fields, 'resources.type').includes(
          'AWS::S3::Object',
        )
      ) {
        const arns = fieldSelectorValues(fields, 'resources.ARN');
        s3DataEventArns.push(
          ...(arns.length > 0 ? arns : [`arn:${env.partition}:s3`]),
        );
      }
    }
    const data: CloudTrailFact = {
      trails: [
        {
          name: String(trail.ref),
          arn: String(trail.attributes.Arn),
          homeRegion: env.region,
          isMultiRegionTrail: asBoolean(
            trail.props.IsMultiRegionTrail,
            false,
          ) as boolean,
          isOrganizationTrail: asBoolean(
            trail.props.IsOrganizationTrail,
            false,
          ) as boolean,
          isLogging: asBoolean(trail.props.IsLogging, false) as boolean,
          logFileValidationEnabled: asBoolean(
            trail.props.EnableLogFileValidation,
            false,
          ) as boolean,
          kmsKeyId: trail.props.KMSKeyId as string | undefined,
          includeManagementEvents,
          s3DataEventArns: s3DataEventArns as string[],
        },
      ],
    };
    sink.add(
      'cloudtrail',
      '-',
      env.accountId,
      env.region,
      data,
      trail,
      (e, a) => e.trails.push(...a.trails),
    );
  }
}

export function alarmFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  for (const alarm of ofType(all, 'AWS::CloudWatch::Alarm')) {
    const props = alarm.props;
    // Metric-math alarms name their metrics in `Metrics[].MetricStat.Metric`.
    const stat = asList(props.Metrics)
      .filter(isRecord)
      .map(m => (isRecord(m.MetricStat) ? m.MetricStat.Metric : undefined))
      .find(m => isRecord(m) && m.Namespace === 'AWS/SageMaker') as
      | Props
      | undefined;
    const metric = stat ?? props;
    if (metric.Namespace !== 'AWS/SageMaker') continue;
    const dimensions: Record<string, string> = {};
    for (const d of asList(metric.Dimensions).filter(isRecord)) {
      dimensions[String(d.Name)] = d.Value as string;
    }
    const data: CloudWatchAlarmsFact = {
      alarms: [
        {
          alarmName: String(alarm.ref),
          alarmArn: String(alarm.attributes.Arn),
          metricName: metric.MetricName as string | undefined,
          namespace: 'AWS/SageMaker',
          dimensions,
          actionsEnabled: asBoolean(props.ActionsEnabled, true) as boolean,
          alarmActions: asList(props.AlarmActions) as string[],
        },
      ],
    };
    sink.add(
      'cloudwatch-alarms',
      '-',
      env.accountId,
      env.region,
      data,
      alarm,
      (e, a) => e.alarms.push(...a.alarms),
    );
  }
}

export function logGroupFacts(
  all: ResolvedResource[],
  env: Env,
  sink: FactSink,
) {
  for (const group of ofType(all, 'AWS::Logs::LogGroup')) {
    const name = group.ref;
    if (typeof name !== 'string' || !name.startsWith('/aws/sagemaker/'))
      continue;
    const data: LogGroupsFact = {
      logGroups: [
        {
          logGroupName: name,
          arn: String(group.attributes.Arn),
          retentionInDays: group.props.RetentionInDays as number | undefined,
          kmsKeyId: group.props.KmsKeyId as string | undefined,
        },
      ],
    };
    sink.add(
      'log-groups',
      '-',
      env.accountId,
      env.region,
      data,
      group,
      (e, a) => e.logGroups.push(...a.logGroups),
    );
  }
}
