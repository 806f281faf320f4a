import type {
  CollectionError,
  ScanHealth,
  ScanRunInfo,
  ScanTargetProgressInfo,
} from '@mlsec/plugin-sagemaker-security-common';

export const UNREADABLE_ACCOUNT = '777788889999';
export const PROD_ACCOUNT = '111111111111';

/** An ISO time `minutes` before now. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

export const ASSUME_ROLE_MESSAGE = `could not assume role arn:aws:iam::${UNREADABLE_ACCOUNT}:role/backstage-sagemaker-security with the main account's credentials`;

/** The scan could not get credentials for an account 5 minutes ago. */
export function credentialsFailed(): ScanTargetProgressInfo {
  return {
    accountId: UNREADABLE_ACCOUNT,
    region: 'us-east-1',
    status: 'failed',
    resourceCount: 0,
    errorCount: 1,
    startedAt: minutesAgo(5),
    finishedAt: minutesAgo(5),
    errors: [
      {
        kind: 'credentials_unavailable',
        action: 'sts:AssumeRole',
        target: UNREADABLE_ACCOUNT,
        message: ASSUME_ROLE_MESSAGE,
      },
    ],
    callCounts: {},
  };
}

const denied = (target: string): CollectionError => ({
  kind: 'access_denied',
  action: 'iam:GetRolePolicy',
  target,
  code: 'AccessDenied',
  message: `User: arn:aws:sts::${PROD_ACCOUNT}:assumed-role/backstage/scan is not authorized to perform: iam:GetRolePolicy on resource: role ${target}`,
});

/** Three denied calls; the rest of the account and region was read. */
export function partlyRead(): ScanTargetProgressInfo {
  return {
    accountId: PROD_ACCOUNT,
    region: 'eu-west-1',
    status: 'partial',
    resourceCount: 12,
    errorCount: 4,
    startedAt: minutesAgo(6),
    finishedAt: minutesAgo(5),
    errors: [
      denied('FraudRole'),
      denied('ChurnRole'),
      denied('RiskRole'),
      {
        kind: 'throttled',
        action: 'sagemaker:DescribeTrainingJob',
        target: 'fraud-train-0601',
        message: 'Throttled after retries: Rate exceeded',
      },
    ],
    callCounts: {
      'sagemaker:ListEndpoints': 1,
      'sagemaker:DescribeEndpoint': 4,
      'iam:GetRole': 6,
      'iam:GetRolePolicy': 3,
    },
  };
}

export function health(
  targets: ScanTargetProgressInfo[],
  overrides: Partial<ScanHealth> = {},
): ScanHealth {
  return {
    accountsConfigured: true,
    lastFinishedScan: {
      scanId: 'scan-12',
      status: targets.some(t => t.status !== 'succeeded')
        ? 'partial'
        : 'succeeded',
      startedAt: minutesAgo(6),
      finishedAt: minutesAgo(5),
    },
    scope: 'entity',
    targets,
    ...overrides,
  };
}

/** The newest scan: one account read, one in part, one not at all. */
export function latestScan(): ScanRunInfo {
  return {
    id: 'scan-12',
    trigger: 'schedule',
    status: 'partial',
    startedAt: minutesAgo(6),
    finishedAt: minutesAgo(5),
    targets: [
      {
        accountId: PROD_ACCOUNT,
        region: 'us-east-1',
        status: 'succeeded',
        resourceCount: 40,
        errorCount: 0,
        startedAt: minutesAgo(6),
        finishedAt: minutesAgo(5),
        errors: [],
        callCounts: {
          'sagemaker:ListModels': 2,
          'sagemaker:DescribeModel': 38,
        },
      },
      partlyRead(),
      credentialsFailed(),
    ],
    callCounts: { 'sagemaker:ListModels': 2, 'sagemaker:DescribeModel': 38 },
  };
}
