/**
 * How broad an execution role's grants are: full-access managed policies,
 * wildcard actions, full access to KMS.
 */
import {
  CheckOutcome,
  PolicyStatement,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  asList,
  evaluatePolicies,
  grantsOnAllResources,
  isAllow,
  statementCoversAction,
  statementsOf,
} from '../../policy';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  eachRole,
  factFieldUnknown,
  fail,
  judgeFindings,
  pass,
  ROLE_RESOURCE_TYPES,
  RoleContext,
  rolePermissions,
  SEED,
} from '../support';
import { policyEvidence, ROLE_PHASES } from './executionRoleEvidence';

function judgeFullAccessPolicies(role: RoleContext): CheckOutcome {
  const attached = role.role.attachedPolicies;
  if (attached === undefined) {
    return factFieldUnknown(
      role,
      'attachedPolicies',
      'iam:ListAttachedRolePolicies',
      `Attached policies of role ${role.roleArn}`,
    );
  }
  const broad = attached
    .map(policy => policy.policyArn)
    .filter(arn =>
      /(FullAccess|AdministratorAccess|PowerUserAccess)$/.test(arn),
    );
  const evidence = [
    {
      path: 'iam:ListAttachedRolePolicies.AttachedPolicies',
      observed: broad,
      expected: 'no *FullAccess, AdministratorAccess or PowerUserAccess',
      relatedArn: role.roleArn,
    },
  ];
  return broad.length > 0
    ? fail(`Role ${role.roleArn} has ${broad.join(', ')} attached.`, evidence)
    : pass(`Role ${role.roleArn} has no full-access managed policy.`, evidence);
}

export const executionRoleNoFullAccessPolicies = defineCheck(
  {
    id: 'execution-role-no-full-access-policies',
    pillar: 'iam',
    title:
      'Execution role has no *FullAccess or administrator managed policies',
    severity: 'high',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'AmazonSageMakerFullAccess, AdministratorAccess and other *FullAccess policies give code running in notebooks, jobs and endpoints far more than it needs; Prowler skips service roles, so nothing else flags them.',
    references: {
      prowler: [
        'iam_role_administratoraccess_policy',
        'bedrock_agent_role_least_privilege',
      ],
      seed: { pillar: SEED.iam, phases: ROLE_PHASES },
    },
    remediation: {
      text: 'Detach the broad managed policies and attach a scoped policy naming the buckets, keys and repositories the workload uses (SageMaker Role Manager can generate one).',
      docsUrl: DOCS.executionRoles,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgeFullAccessPolicies),
);

function wildcardActions(statement: PolicyStatement): string[] {
  if (!isAllow(statement)) return [];
  if (statement.NotAction !== undefined) {
    return [`NotAction ${asList(statement.NotAction).join(', ')}`];
  }
  return asList(statement.Action).filter(
    action => action === '*' || /^[a-z0-9-]+:\*$/i.test(action),
  );
}

function judgeWildcardActions(role: RoleContext): CheckOutcome {
  const permissions = rolePermissions(role);
  const found = permissions.documents.flatMap(({ name, document }) =>
    statementsOf(document).flatMap(statement =>
      wildcardActions(statement).map(action => `${name}: ${action}`),
    ),
  );
  const evidence = policyEvidence(role, found, 'no "*" or "service:*" actions');
  return judgeFindings(
    permissions,
    found.length > 0
      ? fail(
          `Role ${role.roleArn} allows wildcard actions: ${found.join('; ')}.`,
          evidence,
        )
      : undefined,
    pass(`Role ${role.roleArn} allows no wildcard actions.`, evidence),
  );
}

export const executionRoleNoWildcardActions = defineCheck(
  {
    id: 'execution-role-no-wildcard-actions',
    pillar: 'iam',
    title: 'Execution role policies allow no wildcard actions',
    severity: 'high',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'Action "*" or "service:*" (or an Allow with NotAction) grants every present and future action of a service, including deleting data and changing policies.',
    references: {
      securityHub: ['IAM.1', 'IAM.21'],
      checkov: ['CKV2_AWS_68'],
      prowler: [
        'iam_inline_policy_no_administrative_privileges',
        'iam_customer_attached_policy_no_administrative_privileges',
      ],
      seed: { pillar: SEED.iam, phases: ROLE_PHASES },
    },
    remediation: {
      text: 'List the specific actions the workload needs instead of "*" or "service:*".',
      docsUrl: DOCS.leastPrivilege,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgeWildcardActions),
);

function judgeKmsNotFullAccess(role: RoleContext): CheckOutcome {
  const permissions = rolePermissions(role);
  const documents = permissions.documents.map(item => item.document);
  const deniedEverywhere =
    evaluatePolicies(documents, { action: 'kms:ScheduleKeyDeletion' })
      .decision === 'explicit-deny';
  const broad = deniedEverywhere
    ? []
    : permissions.documents.flatMap(({ name, document }) =>
        statementsOf(document)
          .filter(
            statement =>
              isAllow(statement) &&
              statementCoversAction(statement, 'kms:*') &&
              grantsOnAllResources(statement),
          )
          .map(
            statement => `${name}${statement.Sid ? ` (${statement.Sid})` : ''}`,
          ),
      );
  const evidence = policyEvidence(role, broad, 'no kms:* on all keys');
  return judgeFindings(
    permissions,
    broad.length > 0
      ? fail(
          `Role ${role.roleArn} allows kms:* on all keys: ${broad.join(', ')}.`,
          evidence,
        )
      : undefined,
    pass(`Role ${role.roleArn} has no kms:* on all keys.`, evidence),
  );
}

export const executionRoleKmsNotFullAccess = defineCheck(
  {
    id: 'execution-role-kms-not-full-access',
    pillar: 'iam',
    title: 'Execution role is not allowed kms:* on all keys',
    severity: 'medium',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'kms:* on every key lets the workload decrypt any data, disable keys or schedule them for deletion; it needs Decrypt/GenerateDataKey on its own keys.',
    references: {
      prowler: [
        'iam_policy_no_full_access_to_kms',
        'iam_inline_policy_no_full_access_to_kms',
      ],
      seed: { pillar: SEED.iam, phases: ['training', 'deployment'] },
    },
    remediation: {
      text: 'Grant kms:Decrypt, kms:GenerateDataKey and kms:DescribeKey on the specific key ARNs instead of kms:*.',
      docsUrl: DOCS.keyManagement,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgeKmsNotFullAccess),
);
