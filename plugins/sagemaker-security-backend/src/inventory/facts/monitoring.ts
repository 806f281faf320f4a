import {
  MetricAlarm,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import type {
  CloudWatchAlarmsFact,
  LogGroupsFact,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, mustRead } from '../changes/plan';

const NAMESPACE = 'AWS/SageMaker';
const LOG_PREFIX = '/aws/sagemaker/';

/** The SageMaker metric of an alarm, including metric-math alarms. */
function sagemakerMetric(alarm: MetricAlarm) {
  if (alarm.Namespace === NAMESPACE) {
    return { metricName: alarm.MetricName, dimensions: alarm.Dimensions };
  }
  const stat = alarm.Metrics?.find(
    m => m.MetricStat?.Metric?.Namespace === NAMESPACE,
  )?.MetricStat?.Metric;
  return stat
    ? { metricName: stat.MetricName, dimensions: stat.Dimensions }
    : undefined;
}

async function readAlarms(ctx: CollectContext): Promise<CloudWatchAlarmsFact> {
  const alarms: CloudWatchAlarmsFact['alarms'] = [];
  const client = ctx.clients.cloudwatch(ctx.target.region);
  for await (const page of paginateDescribeAlarms(
    { client },
    { AlarmTypes: ['MetricAlarm'] },
  )) {
    for (const alarm of page.MetricAlarms ?? []) {
      const metric = sagemakerMetric(alarm);
      if (!metric) continue;
      alarms.push({
        alarmName: String(alarm.AlarmName),
        alarmArn: alarm.AlarmArn,
        metricName: metric.metricName,
        namespace: NAMESPACE,
        dimensions: Object.fromEntries(
          (metric.dimensions ?? []).map(d => [String(d.Name), String(d.Value)]),
        ),
        actionsEnabled: alarm.ActionsEnabled,
        alarmActions: alarm.AlarmActions ?? [],
        stateValue: alarm.StateValue,
      });
    }
  }
  return { alarms };
}

async function readLogGroups(ctx: CollectContext): Promise<LogGroupsFact> {
  const logGroups: LogGroupsFact['logGroups'] = [];
  const client = ctx.clients.logs(ctx.target.region);
  for await (const page of paginateDescribeLogGroups(
    { client },
    { logGroupNamePrefix: LOG_PREFIX },
  )) {
    for (const g of page.logGroups ?? []) {
      logGroups.push({
        logGroupName: String(g.logGroupName),
        arn: g.arn,
        ...(g.retentionInDays !== undefined
          ? { retentionInDays: g.retentionInDays }
          : {}),
        ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
      });
    }
  }
  return { logGroups };
}

async function regionalFact<K extends 'cloudwatch-alarms' | 'log-groups'>(
  ctx: FactsContext,
  kind: K,
  action: string,
  read: () => Promise<RelatedFact<K>['data']>,
) {
  const { accountId, region } = ctx.target;
  if (!(await mustRead(ctx, kind, accountId, region, '-'))) return;
  const fact = {
    kind,
    key: '-',
    accountId,
    region,
    errors: [],
  } as RelatedFact<K>;
  const result = await attempt(
    action,
    { target: `${accountId}/${region}` },
    read,
  );
  if (result.ok) fact.data = result.value;
  else {
    fact.errors.push(result.error);
    ctx.report.record(result.error);
  }
  await ctx.store.upsertFacts([fact], ctx.seenAt);
}

/** CloudWatch alarms on SageMaker metrics and /aws/sagemaker/* log groups of the region. */
export async function collectMonitoring(ctx: FactsContext): Promise<void> {
  await Promise.all([
    regionalFact(ctx, 'cloudwatch-alarms', 'cloudwatch:DescribeAlarms', () =>
      readAlarms(ctx),
    ),
    regionalFact(ctx, 'log-groups', 'logs:DescribeLogGroups', () =>
      readLogGroups(ctx),
    ),
  ]);
}
