/**
 * Small check and resource fixtures for tests (the real catalogue lives in
 * @mlsec/plugin-sagemaker-security-node).
 */
import {
  GLOBAL_REGION,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';

export function arnOf(
  type: string,
  name: string,
  region = REGION,
  accountId = ACCOUNT,
): string {
  return `arn:aws:sagemaker:${region}:${accountId}:${type}/${name}`;
}

export function resource(
  partial: Partial<SageMakerResource> &
    Pick<SageMakerResource, 'type' | 'name'>,
): SageMakerResource {
  const region = partial.region ?? REGION;
  const accountId = partial.accountId ?? ACCOUNT;
  return {
    arn: arnOf(partial.type, partial.name, region, accountId),
    accountId,
    region,
    tags: {},
    description: {},
    errors: [],
    ...partial,
  };
}

const base = {
  rationale: 'Test check.',
  references: { seed: { pillar: 'test', phases: [] } },
  remediation: { text: 'Fix it.', docsUrl: 'https://docs.aws.amazon.com/' },
};

/** Encryption at rest: passes when `KmsKeyId` is set. */
export const kmsCheck: SecurityCheck = {
  ...base,
  id: 'test-kms-key',
  pillar: 'encryption',
  title: 'Volumes are encrypted with a customer managed key',
  severity: 'high',
  resourceTypes: ['notebook-instance', 'endpoint-config', 'training-job'],
  evaluate: ({ resource: r }) =>
    r.description.KmsKeyId
      ? {
          status: 'pass',
          message: 'A KMS key is set',
          evidence: [{ path: 'KmsKeyId', observed: r.description.KmsKeyId }],
        }
      : {
          status: 'fail',
          message: 'No KMS key is set',
          evidence: [{ path: 'KmsKeyId', observed: null }],
        },
};

/** Direct internet access: unknown when the field is absent. */
export const internetCheck: SecurityCheck = {
  ...base,
  id: 'test-direct-internet',
  pillar: 'network',
  title: 'Notebook has no direct internet access',
  severity: 'critical',
  resourceTypes: ['notebook-instance'],
  evaluate: ({ resource: r }) => {
    const value = r.description.DirectInternetAccess;
    if (value === undefined) {
      return {
        status: 'unknown',
        message: 'DirectInternetAccess was not read',
        missing: ['sagemaker:DescribeNotebookInstance'],
      };
    }
    return value === 'Disabled'
      ? { status: 'pass', message: 'Disabled' }
      : { status: 'fail', message: 'Direct internet access is enabled' };
  },
};

/** Reads the execution role fact; unknown when it could not be read. */
export const roleCheck: SecurityCheck = {
  ...base,
  id: 'test-role-boundary',
  pillar: 'iam',
  title: 'Execution role has a permissions boundary',
  severity: 'medium',
  resourceTypes: ['notebook-instance', 'training-job'],
  evaluate: ({ resource: r, facts }) => {
    const role = facts.get(
      'iam-role',
      r.accountId,
      GLOBAL_REGION,
      String(r.description.RoleArn),
    );
    if (!role?.data) {
      return {
        status: 'unknown',
        message: 'The role could not be read',
        missing: ['iam:GetRole'],
      };
    }
    return role.data.permissionsBoundaryArn
      ? { status: 'pass', message: 'Boundary set' }
      : { status: 'fail', message: 'No permissions boundary' };
  },
};

/** Uses the resource lookup: the endpoint's config must capture data. */
export const captureCheck: SecurityCheck = {
  ...base,
  id: 'test-data-capture',
  pillar: 'monitoring',
  title: 'Endpoint captures data',
  severity: 'low',
  resourceTypes: ['endpoint'],
  evaluate: ({ resource: r, resources }) => {
    const config = resources.get(
      'endpoint-config',
      r.accountId,
      r.region,
      String(r.description.EndpointConfigName),
    );
    if (!config) {
      return { status: 'unknown', message: 'Endpoint config not found' };
    }
    return config.description.DataCaptureConfig
      ? { status: 'pass', message: 'Data capture on' }
      : { status: 'warn', message: 'Data capture off' };
  },
};

export const testChecks: SecurityCheck[] = [
  kmsCheck,
  internetCheck,
  roleCheck,
  captureCheck,
];
