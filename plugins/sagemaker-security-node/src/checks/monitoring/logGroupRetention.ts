import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import {
  defineCheck,
  DOCS,
  fail,
  LOG_GROUP_RESOURCE_TYPES,
  LogGroup,
  ofLogGroup,
  pass,
  SEED,
} from '../support';

/** Days of retention below which logs are gone before most investigations start. */
export const MIN_LOG_RETENTION_DAYS = 365;

function judgeRetention(group: LogGroup): CheckOutcome {
  const days = group.retentionInDays;
  const evidence = [
    {
      path: 'logs:DescribeLogGroups.retentionInDays',
      observed: days ?? 'never expire',
      expected: `>= ${MIN_LOG_RETENTION_DAYS} or never expire`,
      relatedArn: group.arn,
    },
  ];
  return days === undefined || days >= MIN_LOG_RETENTION_DAYS
    ? pass(
        `Log group ${group.logGroupName} keeps logs ${
          days === undefined ? 'forever' : `${days} days`
        }.`,
        evidence,
      )
    : fail(
        `Log group ${group.logGroupName} keeps logs only ${days} days.`,
        evidence,
      );
}

export const logGroupRetention = defineCheck(
  {
    id: 'log-group-retention',
    pillar: 'monitoring',
    title: `SageMaker log group keeps logs for at least ${MIN_LOG_RETENTION_DAYS} days`,
    severity: 'low',
    resourceTypes: LOG_GROUP_RESOURCE_TYPES,
    rationale:
      'Investigations of a leak or misuse need the container logs of the period; short retention deletes the evidence.',
    references: {
      prowler: ['cloudwatch_log_group_retention_policy_specific_days_enabled'],
      seed: { pillar: SEED.monitoring, phases: ['monitoring'] },
    },
    remediation: {
      text: `Set the log group retention to ${MIN_LOG_RETENTION_DAYS} days or more (PutRetentionPolicy), or archive logs to S3.`,
      docsUrl: DOCS.logRetention,
    },
    requiresLiveData: true,
  },
  ofLogGroup(judgeRetention),
);
