import {
  CheckOutcome,
  Evidence,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  awsPrincipals,
  hasConditionKey,
  isAllow,
  isPrincipalEveryone,
  servicePrincipals,
  statementsOf,
} from '../../policy';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  eachRole,
  factFieldUnknown,
  fail,
  notApplicable,
  pass,
  ROLE_RESOURCE_TYPES,
  RoleContext,
  SEED,
  warn,
} from '../support';

function trustEvidence(
  roleArn: string,
  observed: unknown,
  expected: string,
): Evidence[] {
  return [
    {
      path: 'iam:GetRole.Role.AssumeRolePolicyDocument',
      observed,
      expected,
      relatedArn: roleArn,
    },
  ];
}

function judgeConfusedDeputy({
  role,
  roleArn,
  errors,
}: RoleContext): CheckOutcome {
  if (role.assumeRolePolicyDocument === undefined) {
    return factFieldUnknown(
      { errors },
      'assumeRolePolicyDocument',
      'iam:GetRole',
      `Trust policy of ${roleArn}`,
    );
  }
  const sagemakerTrust = statementsOf(role.assumeRolePolicyDocument).filter(
    statement =>
      isAllow(statement) &&
      servicePrincipals(statement.Principal).some(service =>
        service.toLowerCase().startsWith('sagemaker.'),
      ),
  );
  if (sagemakerTrust.length === 0) {
    return notApplicable(
      `Role ${roleArn} does not trust the SageMaker service.`,
    );
  }
  const unguarded = sagemakerTrust.filter(
    statement =>
      !hasConditionKey(
        statement,
        'aws:SourceAccount',
        'aws:SourceArn',
        'aws:SourceOrgID',
      ),
  );
  const evidence = trustEvidence(
    roleArn,
    unguarded.map(statement => statement.Sid ?? '(no Sid)'),
    'aws:SourceAccount or aws:SourceArn condition',
  );
  return unguarded.length > 0
    ? fail(
        `Role ${roleArn} trusts SageMaker without aws:SourceAccount or aws:SourceArn.`,
        evidence,
      )
    : pass(`Role ${roleArn} limits SageMaker trust to its source.`, evidence);
}

export const executionRoleTrustConfusedDeputy = defineCheck(
  {
    id: 'execution-role-trust-confused-deputy',
    pillar: 'iam',
    title: 'Execution role trust policy limits SageMaker to your account',
    severity: 'medium',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'A trust policy for sagemaker.amazonaws.com without aws:SourceAccount or aws:SourceArn lets SageMaker assume the role on behalf of any account that learns its ARN (confused deputy).',
    references: {
      prowler: ['iam_role_cross_service_confused_deputy_prevention'],
      seed: {
        pillar: SEED.iam,
        phases: ['training', 'deployment', 'experimentation'],
      },
    },
    remediation: {
      text: 'Add Condition StringEquals aws:SourceAccount = <account id> (or ArnLike aws:SourceArn = arn:aws:sagemaker:<region>:<account>:*) to the sagemaker.amazonaws.com trust statement.',
      docsUrl: DOCS.confusedDeputy,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgeConfusedDeputy),
);

const ACCOUNT_GUARDS = [
  'aws:PrincipalOrgID',
  'aws:PrincipalAccount',
  'aws:SourceAccount',
  'aws:PrincipalArn',
  'sts:ExternalId',
];

function judgeTrustNotPublic({
  role,
  roleArn,
  errors,
}: RoleContext): CheckOutcome {
  if (role.assumeRolePolicyDocument === undefined) {
    return factFieldUnknown(
      { errors },
      'assumeRolePolicyDocument',
      'iam:GetRole',
      `Trust policy of ${roleArn}`,
    );
  }
  const ownAccount = roleArn.split(':')[4];
  const allows = statementsOf(role.assumeRolePolicyDocument).filter(isAllow);
  const everyone = allows.filter(
    statement =>
      isPrincipalEveryone(statement.Principal) &&
      !hasConditionKey(statement, ...ACCOUNT_GUARDS),
  );
  const foreign = allows.flatMap(statement =>
    awsPrincipals(statement.Principal).filter(principal => {
      if (principal === '*') return false;
      const account = /^\d{12}$/.test(principal)
        ? principal
        : principal.split(':')[4];
      return account !== undefined && account !== ownAccount;
    }),
  );
  if (everyone.length > 0) {
    return fail(
      `Role ${roleArn} can be assumed by everyone (Principal "*" without an account condition).`,
      trustEvidence(
        roleArn,
        everyone.map(s => s.Sid ?? '(no Sid)'),
        'no Principal "*"',
      ),
    );
  }
  return foreign.length > 0
    ? warn(
        `Role ${roleArn} can be assumed from other accounts: ${foreign.join(
          ', ',
        )}.`,
        trustEvidence(roleArn, foreign, 'principals of the same account'),
      )
    : pass(
        `Role ${roleArn} is trusted only within its account.`,
        trustEvidence(roleArn, [], 'no foreign principals'),
      );
}

export const executionRoleTrustNotPublic = defineCheck(
  {
    id: 'execution-role-trust-not-public',
    pillar: 'iam',
    title: 'Execution role cannot be assumed by everyone or by other accounts',
    severity: 'critical',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'A trust policy with Principal "*" (without an organisation or account condition) lets any AWS principal assume the role; other accounts in the trust policy get the workload\'s data access.',
    references: {
      seed: {
        pillar: SEED.iam,
        phases: ['training', 'deployment', 'experimentation'],
      },
    },
    remediation: {
      text: 'Trust only sagemaker.amazonaws.com (and named roles of your account); add aws:PrincipalOrgID when cross-account access is needed.',
      docsUrl: DOCS.executionRoles,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgeTrustNotPublic),
);

function judgePermissionsBoundary({
  role,
  roleArn,
  errors,
}: RoleContext): CheckOutcome {
  if (role.permissionsBoundaryArn === undefined) {
    return factFieldUnknown(
      { errors },
      'permissionsBoundaryArn',
      'iam:GetRole',
      `Permissions boundary of ${roleArn}`,
    );
  }
  const evidence = [
    {
      path: 'iam:GetRole.Role.PermissionsBoundary',
      observed: role.permissionsBoundaryArn,
      expected: 'a boundary policy ARN',
      relatedArn: roleArn,
    },
  ];
  return role.permissionsBoundaryArn
    ? pass(
        `Role ${roleArn} has permissions boundary ${role.permissionsBoundaryArn}.`,
        evidence,
      )
    : fail(`Role ${roleArn} has no permissions boundary.`, evidence);
}

export const executionRolePermissionsBoundary = defineCheck(
  {
    id: 'execution-role-permissions-boundary',
    pillar: 'iam',
    title: 'Execution role has a permissions boundary',
    severity: 'low',
    resourceTypes: ROLE_RESOURCE_TYPES,
    rationale:
      'A permissions boundary caps what the role can ever be granted, so a later policy change cannot make an ML workload an administrator.',
    references: {
      prowler: ['bedrock_agent_role_least_privilege'],
      seed: { pillar: SEED.iam, phases: ['training', 'deployment'] },
    },
    remediation: {
      text: 'Set a permissions boundary (PutRolePermissionsBoundary) that allows only SageMaker, S3, KMS, ECR and CloudWatch actions on your resources.',
      docsUrl: DOCS.permissionsBoundary,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachRole(judgePermissionsBoundary),
);
