/**
 * Cases of the Studio domain settings checks (issue 16) of the monitoring,
 * resilience and encryption pillars, spread into the cases of each pillar.
 */
import { ACCOUNT, domain, kmsKey } from '../testing/fixtures';
import { CheckCase } from '../testing/checkCases';
import { canvas, DESCRIBE, unreadable } from './domainSettings.cases';

export const domainSettingsMonitoringCases: CheckCase[] = [
  // domain-execution-role-source-identity
  {
    check: 'domain-execution-role-source-identity',
    name: 'USER_PROFILE_NAME',
    resource: domain({
      DomainSettings: { ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' },
    }),
    expect: 'pass',
  },
  {
    check: 'domain-execution-role-source-identity',
    name: 'absent means DISABLED',
    resource: domain(),
    expect: 'fail',
    message: /absent, so DISABLED/,
  },
  {
    check: 'domain-execution-role-source-identity',
    name: 'DISABLED',
    resource: domain({
      DomainSettings: { ExecutionRoleIdentityConfig: 'DISABLED' },
    }),
    expect: 'fail',
  },
  {
    check: 'domain-execution-role-source-identity',
    name: 'domain settings unreadable',
    resource: unreadable('DomainSettings'),
    expect: 'unknown',
    missing: [DESCRIBE],
  },

  // domain-trusted-identity-propagation
  {
    check: 'domain-trusted-identity-propagation',
    name: 'SSO domain with propagation enabled',
    resource: domain({
      AuthMode: 'SSO',
      DomainSettings: {
        TrustedIdentityPropagationSettings: { Status: 'ENABLED' },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'domain-trusted-identity-propagation',
    name: 'SSO domain, settings absent mean DISABLED',
    resource: domain({ AuthMode: 'SSO' }),
    expect: 'fail',
    message: /absent, so DISABLED/,
  },
  {
    check: 'domain-trusted-identity-propagation',
    name: 'SSO domain with propagation DISABLED',
    resource: domain({
      AuthMode: 'SSO',
      DomainSettings: {
        TrustedIdentityPropagationSettings: { Status: 'DISABLED' },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'domain-trusted-identity-propagation',
    name: 'IAM domain',
    resource: domain({ AuthMode: 'IAM' }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-trusted-identity-propagation',
    name: 'auth mode unreadable',
    resource: unreadable('AuthMode', {
      DomainSettings: {
        TrustedIdentityPropagationSettings: { Status: 'ENABLED' },
      },
    }),
    expect: 'unknown',
  },
];

export const domainSettingsResilienceCases: CheckCase[] = [
  // domain-tag-propagation
  {
    check: 'domain-tag-propagation',
    name: 'ENABLED',
    resource: domain({ TagPropagation: 'ENABLED' }),
    expect: 'pass',
  },
  {
    check: 'domain-tag-propagation',
    name: 'absent means DISABLED',
    resource: domain(),
    expect: 'fail',
    message: /absent, so DISABLED/,
  },
  {
    check: 'domain-tag-propagation',
    name: 'DISABLED',
    resource: domain({ TagPropagation: 'DISABLED' }),
    expect: 'fail',
  },
  {
    check: 'domain-tag-propagation',
    name: 'field unreadable',
    resource: unreadable('TagPropagation', { TagPropagation: 'ENABLED' }),
    expect: 'unknown',
  },
];

const WORKSPACE_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/canvas`;

export const domainSettingsEncryptionCases: CheckCase[] = [
  // domain-canvas-workspace-kms-key
  {
    check: 'domain-canvas-workspace-kms-key',
    name: 'workspace key set',
    resource: canvas({
      WorkspaceSettings: {
        S3ArtifactPath: 's3://canvas-artifacts/',
        S3KmsKeyId: WORKSPACE_KEY,
      },
    }),
    expect: 'pass',
  },
  {
    check: 'domain-canvas-workspace-kms-key',
    name: 'workspace path without key',
    resource: canvas({
      WorkspaceSettings: { S3ArtifactPath: 's3://canvas-artifacts/' },
    }),
    expect: 'fail',
  },
  {
    check: 'domain-canvas-workspace-kms-key',
    name: 'no Canvas settings',
    resource: domain(),
    expect: 'fail',
  },
  {
    check: 'domain-canvas-workspace-kms-key',
    name: 'default user settings unreadable',
    resource: unreadable('DefaultUserSettings'),
    expect: 'unknown',
  },
  // The workspace key is linked: the KMS key checks judge it too.
  {
    check: 'kms-keys-customer-managed',
    name: 'domain Canvas workspace key is AWS-managed',
    resource: canvas({ WorkspaceSettings: { S3KmsKeyId: WORKSPACE_KEY } }),
    facts: [kmsKey({ keyManager: 'AWS' }, { arn: WORKSPACE_KEY })],
    expect: 'fail',
  },
];
