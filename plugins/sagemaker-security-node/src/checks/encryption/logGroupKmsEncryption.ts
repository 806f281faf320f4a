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

function judgeKmsEncryption(group: LogGroup): CheckOutcome {
  const evidence = [
    {
      path: 'logs:DescribeLogGroups.kmsKeyId',
      observed: group.kmsKeyId ?? null,
      expected: 'a KMS key ARN',
      relatedArn: group.arn,
    },
  ];
  return group.kmsKeyId
    ? pass(
        `Log group ${group.logGroupName} is encrypted with ${group.kmsKeyId}.`,
        evidence,
      )
    : fail(
        `Log group ${group.logGroupName} is not encrypted with a KMS key.`,
        evidence,
      );
}

export const logGroupKmsEncryption = defineCheck(
  {
    id: 'log-group-kms-encryption',
    pillar: 'encryption',
    title: 'SageMaker log group is encrypted with a KMS key',
    severity: 'medium',
    resourceTypes: LOG_GROUP_RESOURCE_TYPES,
    rationale:
      'Container logs often echo inputs, predictions and stack traces with data in them.',
    references: {
      prowler: ['cloudwatch_log_group_kms_encryption_enabled'],
      configRules: ['cloudwatch-log-group-encrypted'],
      seed: {
        pillar: SEED.monitoring,
        phases: ['training', 'deployment', 'monitoring'],
      },
    },
    remediation: {
      text: 'Associate a customer-managed KMS key with the log group (logs:AssociateKmsKey); the key policy must allow the logs service principal.',
      docsUrl: DOCS.logEncryption,
    },
    requiresLiveData: true,
  },
  ofLogGroup(judgeKmsEncryption),
);
