import {
  CheckOutcome,
  Evidence,
  PolicyDocument,
  PolicyStatement,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  asList,
  awsPrincipals,
  hasConditionKey,
  isAllow,
  isPrincipalEveryone,
  parsePolicyDocument,
  statementsOf,
} from '../../policy';
import { CheckContext } from '../../types';
import {
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  pass,
  SEED,
  unknown,
  warn,
} from '../support';

const POLICY_ACTION = 'sagemaker:GetModelPackageGroupPolicy';
const POLICY_PATH = `${POLICY_ACTION}.ResourcePolicy`;

/** Conditions that keep a grant to `*` inside an organisation or account. */
const RESTRICTING_KEYS = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:SourceAccount',
];

/**
 * The group's resource policy, or the outcome when there is none to judge:
 * unknown when it could not be read (naming the action), pass when the group
 * has no policy (GetModelPackageGroupPolicy answers "not found": a fact).
 */
function groupPolicy(
  resource: SageMakerResource,
  judged: string,
): PolicyDocument | CheckOutcome {
  const failure = fieldFailure(resource, 'ResourcePolicy', [POLICY_ACTION]);
  if (failure) return failure;
  if (!('ResourcePolicy' in resource.description)) {
    return unknown(`${resource.name}: the resource policy was not collected.`, [
      POLICY_ACTION,
    ]);
  }
  const raw = resource.description.ResourcePolicy;
  if (raw === null || raw === '') {
    return pass(`${resource.name} has no resource policy.`, [
      fieldEvidence(resource, 'ResourcePolicy', null, judged),
    ]);
  }
  try {
    return parsePolicyDocument(raw);
  } catch (error) {
    return unknown(
      `${resource.name}: the resource policy could not be parsed (${
        (error as Error).message
      }).`,
      [POLICY_ACTION],
    );
  }
}

const isOutcome = (
  value: PolicyDocument | CheckOutcome,
): value is CheckOutcome => typeof (value as CheckOutcome).status === 'string';

const sidOf = (statement: PolicyStatement) => statement.Sid ?? '(no Sid)';

function evidenceOf(
  resource: SageMakerResource,
  observed: unknown,
  expected: string,
): Evidence[] {
  return [{ path: POLICY_PATH, observed, expected, relatedArn: resource.arn }];
}

export const modelPackageGroupPolicyNotPublic = defineCheck(
  {
    id: 'model-package-group-policy-not-public',
    pillar: 'iam',
    title: 'Model package group resource policy is not public',
    severity: 'critical',
    resourceTypes: ['model-package-group'],
    rationale:
      'A model package group policy with Principal "*" lets any AWS account list, describe and deploy your registered models, including their artifacts.',
    references: { seed: { pillar: SEED.iam, phases: ['governance'] } },
    remediation: {
      text: 'Replace Principal "*" with named accounts, or add an aws:PrincipalOrgID condition (PutModelPackageGroupPolicy).',
      docsUrl: DOCS.modelPackageGroupPolicy,
    },
  },
  ({ resource }) => {
    const document = groupPolicy(resource, 'no public grant');
    if (isOutcome(document)) return document;
    const open = statementsOf(document).filter(
      statement =>
        isAllow(statement) &&
        isPrincipalEveryone(statement.Principal) &&
        !hasConditionKey(statement, ...RESTRICTING_KEYS),
    );
    const evidence = evidenceOf(
      resource,
      open.map(sidOf),
      'no Allow to Principal "*" without an organisation condition',
    );
    return open.length > 0
      ? fail(`${resource.name}'s resource policy allows everyone.`, evidence)
      : pass(
          `${resource.name}'s resource policy does not allow everyone.`,
          evidence,
        );
  },
);

/** The account a principal names: `123456789012` or an IAM ARN in it. */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The accounts of this scan: the resource's own and every other scanned one. */
function estateAccounts(context: CheckContext): Set<string> {
  return new Set([
    context.resource.accountId,
    ...(context.resources.accountIds?.() ?? []),
  ]);
}

export const modelPackageGroupPolicyNoExternalAccounts = defineCheck(
  {
    id: 'model-package-group-policy-no-external-accounts',
    pillar: 'iam',
    title:
      'Model package group resource policy grants no account outside the estate',
    severity: 'high',
    resourceTypes: ['model-package-group'],
    rationale:
      'A model package group shared with an account that is not scanned here lets someone whose posture nobody checks describe and deploy your registered models and read their artifacts; cross-account sharing of a central registry should stay among your own accounts.',
    references: { seed: { pillar: SEED.iam, phases: ['governance'] } },
    remediation: {
      text: 'Remove the accounts outside your estate from the policy, or scan them too (PutModelPackageGroupPolicy).',
      docsUrl: DOCS.modelPackageGroupPolicy,
    },
  },
  context => {
    const { resource } = context;
    const document = groupPolicy(resource, 'no account outside the estate');
    if (isOutcome(document)) return document;
    const estate = estateAccounts(context);
    const external = new Set<string>();
    for (const statement of statementsOf(document).filter(isAllow)) {
      for (const principal of awsPrincipals(statement.Principal)) {
        const account = principalAccount(principal);
        if (account && !estate.has(account)) external.add(account);
      }
    }
    const accounts = [...external].sort();
    const evidence = evidenceOf(
      resource,
      accounts,
      `principals only of the estate's accounts (${[...estate]
        .sort()
        .join(', ')})`,
    );
    return accounts.length > 0
      ? warn(
          `${
            resource.name
          }'s resource policy grants accounts outside the estate: ${accounts.join(
            ', ',
          )}.`,
          evidence,
        )
      : pass(
          `${resource.name}'s resource policy grants no account outside the estate.`,
          evidence,
        );
  },
);

/** `*`, `sagemaker:*` (any case), or an Allow with NotAction. */
function grantsEveryAction(statement: PolicyStatement): boolean {
  if (statement.NotAction !== undefined) return true;
  return asList(statement.Action).some(action =>
    /^(?:\*|sagemaker:\*)$/i.test(action.trim()),
  );
}

export const modelPackageGroupPolicyNoWildcardActions = defineCheck(
  {
    id: 'model-package-group-policy-no-wildcard-actions',
    pillar: 'iam',
    title: 'Model package group resource policy grants named actions only',
    severity: 'high',
    resourceTypes: ['model-package-group'],
    rationale:
      'Action "*" or "sagemaker:*" on a model package group lets the principals it names change approval status, register and delete model versions, not only read and deploy them.',
    references: { seed: { pillar: SEED.iam, phases: ['governance'] } },
    remediation: {
      text: 'Grant the read and deploy actions the consumer needs (e.g. sagemaker:DescribeModelPackage, sagemaker:ListModelPackages, sagemaker:DescribeModelPackageGroup) instead of a wildcard (PutModelPackageGroupPolicy).',
      docsUrl: DOCS.modelPackageGroupPolicy,
    },
  },
  ({ resource }) => {
    const document = groupPolicy(resource, 'no wildcard action');
    if (isOutcome(document)) return document;
    const broad = statementsOf(document).filter(
      statement => isAllow(statement) && grantsEveryAction(statement),
    );
    const evidence = evidenceOf(
      resource,
      broad.map(sidOf),
      'Allow statements name their actions (no "*", "sagemaker:*" or NotAction)',
    );
    return broad.length > 0
      ? fail(
          `${resource.name}'s resource policy grants every action (${broad
            .map(sidOf)
            .join(', ')}).`,
          evidence,
        )
      : pass(
          `${resource.name}'s resource policy grants named actions only.`,
          evidence,
        );
  },
);
