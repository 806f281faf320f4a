/**
 * Whether an execution role's reach is scoped: S3 objects, the roles it may
 * pass, privilege escalation paths, presigned URL conditions.
 */
import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { asList, evaluatePolicies, hasConditionKey } from '../../policy';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  eachRole,
  fail,
  judgeFindings,
  pass,
  ROLE_RESOURCE_TYPES,
  RoleContext,
  rolePermissions,
  SEED,
  warn,
} from '../support';
import {
  policyEvidence,
  probeRoleArn,
  PROBE_OBJECT,
} from './executionRoleEvidence';

function judgeS3AccessScoped(role: RoleContext): CheckOutcome {
  const permissions = rolePermissions(role);
  const documents = permissions.documents.map(item => item.document);
  const broad = ['s3:GetObject', 's3:PutObject'].filter(
    action =>
      evaluatePolicies(documents, { action, resource: PROBE_OBJECT })
        .decision === 'allow',
  );
  const evidence = policyEvidence(
    role,
    broad,
    'object actions only on named buckets',
  );
  return judgeFindings(
    permissions,
    broad.length > 0
      ? fail(
          `Role ${role.roleArn} allows ${broad.join(' and ')} on any bucket.`,
          evidence,
        )
      : undefined,
    pass(
      `Role ${role.roleArn} scopes S3 object access to named buckets.`,
      evidence,
    ),
  );
}

export const executionRoleS3AccessScoped = defineCheck(
  {
    id: 'execution-role-s3-access-scoped',
    pillar: 'iam',
    title: 'Execution role reads and writes only named S3 buckets',
    severity: 'medium',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'Object access on every bucket of the account (Resource "*" or arn:aws:s3:::*) lets a compromised workload read or overwrite data of other teams; scope it to the buckets it uses.',
    references: {
      seed: { pillar: SEED.iam, phases: ['data-preparation', 'training'] },
    },
    remediation: {
      text: 'Replace Resource "*" in s3:GetObject / s3:PutObject statements with the ARNs of the buckets (and prefixes) the workload uses.',
      docsUrl: DOCS.leastPrivilege,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgeS3AccessScoped),
);

function judgePassRoleScoped(role: RoleContext): CheckOutcome {
  const permissions = rolePermissions(role);
  const evaluation = evaluatePolicies(
    permissions.documents.map(item => item.document),
    { action: 'iam:PassRole', resource: probeRoleArn(role.roleArn) },
  );
  const unscoped =
    evaluation.decision === 'allow'
      ? evaluation.allowedBy.filter(
          match => !hasConditionKey(match.statement, 'iam:PassedToService'),
        )
      : [];
  const evidence = policyEvidence(
    role,
    unscoped.map(
      match =>
        match.statement.Sid ?? asList(match.statement.Resource).join(', '),
    ),
    'iam:PassRole only on named roles with iam:PassedToService',
  );
  return judgeFindings(
    permissions,
    unscoped.length > 0
      ? fail(
          `Role ${role.roleArn} may pass any role to any service (iam:PassRole on a wildcard resource without iam:PassedToService).`,
          evidence,
        )
      : undefined,
    pass(
      `Role ${role.roleArn} cannot pass arbitrary roles to arbitrary services.`,
      evidence,
    ),
  );
}

export const executionRolePassRoleScoped = defineCheck(
  {
    id: 'execution-role-passrole-scoped',
    pillar: 'iam',
    title: 'Execution role may pass only named roles, to named services',
    severity: 'high',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'iam:PassRole on any role without an iam:PassedToService condition lets code in the workload hand a more privileged role to any service and act with it (privilege escalation).',
    references: {
      prowler: ['iam_policy_allows_privilege_escalation'],
      seed: { pillar: SEED.iam, phases: ['training', 'experimentation'] },
    },
    remediation: {
      text: 'Limit iam:PassRole to the ARNs of the SageMaker execution roles and add Condition StringEquals iam:PassedToService = sagemaker.amazonaws.com.',
      docsUrl: DOCS.passRole,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgePassRoleScoped),
);

const JOB_LAUNCHERS = [
  'sagemaker:CreateNotebookInstance',
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
];

function judgePrivilegeEscalation(role: RoleContext): CheckOutcome {
  const permissions = rolePermissions(role);
  const documents = permissions.documents.map(item => item.document);
  const allowed = (action: string, resource?: string) =>
    evaluatePolicies(documents, { action, resource }).decision === 'allow';
  const paths: string[] = [];
  if (allowed('iam:PassRole', probeRoleArn(role.roleArn))) {
    paths.push(
      ...JOB_LAUNCHERS.filter(action => allowed(action)).map(
        action => `iam:PassRole(any role) + ${action}`,
      ),
    );
  }
  if (
    allowed('sagemaker:CreateNotebookInstanceLifecycleConfig') &&
    allowed('sagemaker:UpdateNotebookInstance')
  ) {
    paths.push(
      'sagemaker:CreateNotebookInstanceLifecycleConfig + sagemaker:UpdateNotebookInstance',
    );
  }
  const evidence = policyEvidence(role, paths, 'no escalation combination');
  return judgeFindings(
    permissions,
    paths.length > 0
      ? fail(
          `Role ${role.roleArn} allows privilege escalation: ${paths.join(
            '; ',
          )}.`,
          evidence,
        )
      : undefined,
    pass(
      `Role ${role.roleArn} has no known SageMaker escalation path.`,
      evidence,
    ),
  );
}

export const executionRolePrivilegeEscalation = defineCheck(
  {
    id: 'execution-role-privilege-escalation',
    pillar: 'iam',
    title: 'Execution role has no known SageMaker privilege-escalation path',
    severity: 'high',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'iam:PassRole on any role together with sagemaker:CreateNotebookInstance/CreateTrainingJob/CreateProcessingJob lets code run with a more privileged role; CreateNotebookInstanceLifecycleConfig with UpdateNotebookInstance injects code into other notebooks.',
    references: {
      prowler: [
        'iam_policy_allows_privilege_escalation',
        'iam_inline_policy_allows_privilege_escalation',
      ],
      seed: { pillar: SEED.iam, phases: ['training', 'experimentation'] },
    },
    remediation: {
      text: 'Scope iam:PassRole to the role the workload must pass, and remove lifecycle configuration and notebook update rights from execution roles.',
      docsUrl: DOCS.passRole,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgePrivilegeEscalation),
);

const PRESIGNED_ACTIONS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:CreatePresignedDomainUrl',
];
const ACCESS_CONDITIONS = [
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
  'aws:SourceIp',
  'aws:SourceVpce',
  'aws:SourceVpc',
];

function judgePresignedUrlConditions(role: RoleContext): CheckOutcome {
  const permissions = rolePermissions(role);
  const documents = permissions.documents.map(item => item.document);
  const open = PRESIGNED_ACTIONS.filter(action => {
    const evaluation = evaluatePolicies(documents, { action });
    return (
      evaluation.decision === 'allow' &&
      evaluation.allowedBy.some(
        match => !hasConditionKey(match.statement, ...ACCESS_CONDITIONS),
      )
    );
  });
  const evidence = policyEvidence(
    role,
    open,
    'MFA or source conditions on presigned URL actions',
  );
  return judgeFindings(
    permissions,
    open.length > 0
      ? warn(
          `Role ${role.roleArn} allows ${open.join(
            ', ',
          )} without MFA or source conditions.`,
          evidence,
        )
      : undefined,
    pass(
      `Role ${role.roleArn} grants no unconditioned presigned URLs.`,
      evidence,
    ),
  );
}

export const executionRolePresignedUrlConditions = defineCheck(
  {
    id: 'execution-role-presigned-url-conditions',
    pillar: 'iam',
    title: 'Presigned notebook and Studio URLs require MFA or a network source',
    severity: 'medium',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'A presigned URL opens a notebook or Studio session with the execution role; granting it without aws:MultiFactorAuthPresent or aws:SourceIp/aws:SourceVpce conditions lets anyone with the role open sessions from anywhere.',
    references: { seed: { pillar: SEED.iam, phases: ['experimentation'] } },
    remediation: {
      text: 'Add a Condition with aws:MultiFactorAuthPresent = true, or aws:SourceIp / aws:SourceVpce, to statements allowing CreatePresigned*Url, or remove the permission from execution roles.',
      docsUrl: DOCS.leastPrivilege,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgePresignedUrlConditions),
);
