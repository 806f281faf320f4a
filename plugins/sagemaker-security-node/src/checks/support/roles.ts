import {
  CheckOutcome,
  CollectionError,
  IamRoleFact,
  PolicyDocument,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { judgingSharedFacts } from './defineCheck';
import { linkedFactsKey, readFactOnce } from './facts';
import { LinkedValue, resourceRoles } from './links';
import { memoCombination, memoFor, memoOn, perEvaluation } from './memo';
import { combine, combineItems, notApplicable, unknown } from './outcomes';
import { describeError } from './resourceErrors';

/** An execution role as its checks judge it: the collected fact and its ARN. */
export interface RoleContext {
  role: IamRoleFact;
  roleArn: string;
  errors: CollectionError[];
}

function rolesKey(context: CheckContext): object | undefined {
  return linkedFactsKey(context, 'iam-role', resourceRoles(context), false);
}

/**
 * Judges each execution role the resource names (from the `iam-role` facts).
 * `judge` must be a pure function of the role: its outcome is memoised per
 * role fact (and per set of roles), so the roles shared by thousands of jobs
 * are judged once.
 */
export function judgeRoles(
  context: CheckContext,
  judge: (role: RoleContext) => CheckOutcome,
): CheckOutcome {
  const roles = resourceRoles(context);
  if (roles.length === 0) {
    return notApplicable(`${context.resource.name} names no execution role.`);
  }
  const key = perEvaluation(context, rolesKey);
  return key
    ? memoFor(judge, key, judgeEachRole, context, roles, judge)
    : judgeEachRole(context, roles, judge);
}

/** A check function judging each execution role with `judge` (see `judgeRoles`). */
export function eachRole(
  judge: (role: RoleContext) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  return judgingSharedFacts(
    context => judgeRoles(context, judge),
    rolesKey,
    judge,
  );
}

function judgeEachRole(
  context: CheckContext,
  roles: LinkedValue[],
  judge: (role: RoleContext) => CheckOutcome,
): CheckOutcome {
  const outcomes = roles.map(linked => {
    const read = readFactOnce(context, 'iam-role', linked.value);
    if (!read.ok) return read.outcome;
    const { fact } = read;
    return memoOn(judge, fact, [linked.value], () =>
      judge({ role: read.data, roleArn: linked.value, errors: fact.errors }),
    );
  });
  return memoCombination(outcomes, combineItems);
}

export interface NamedDocument {
  name: string;
  document: PolicyDocument;
}

export interface RolePermissions {
  documents: NamedDocument[];
  /** Why some policies could not be read (the permission set is incomplete). */
  unreadable: CheckOutcome[];
}

function unreadablePolicy(
  role: RoleContext,
  what: string,
  action: string,
): CheckOutcome {
  const matching = role.errors.filter(
    e => e.action.toLowerCase() === action.toLowerCase(),
  );
  const error =
    matching.find(e => e.target !== undefined && what.includes(e.target)) ??
    matching[0];
  return unknown(
    `${what} of role ${role.roleArn} could not be read${
      error ? `: ${describeError(error)}` : ''
    }.`,
    [error?.action ?? action],
  );
}

/** The role's permission policies (attached and inline), and what could not be read. */
export function rolePermissions(role: RoleContext): RolePermissions {
  const documents: NamedDocument[] = [];
  const unreadable: CheckOutcome[] = [];
  const { attachedPolicies, inlinePolicies } = role.role;
  if (attachedPolicies === undefined) {
    unreadable.push(
      unreadablePolicy(
        role,
        'Attached policies',
        'iam:ListAttachedRolePolicies',
      ),
    );
  } else {
    for (const policy of attachedPolicies) {
      if (policy.document) {
        documents.push({ name: policy.policyArn, document: policy.document });
      } else {
        unreadable.push(
          unreadablePolicy(
            role,
            `Policy ${policy.policyArn}`,
            'iam:GetPolicyVersion',
          ),
        );
      }
    }
  }
  if (inlinePolicies === undefined) {
    unreadable.push(
      unreadablePolicy(role, 'Inline policies', 'iam:ListRolePolicies'),
    );
  } else {
    for (const policy of inlinePolicies) {
      if (policy.document) {
        documents.push({
          name: `inline:${policy.policyName}`,
          document: policy.document,
        });
      } else {
        unreadable.push(
          unreadablePolicy(
            role,
            `Inline policy ${policy.policyName}`,
            'iam:GetRolePolicy',
          ),
        );
      }
    }
  }
  return { documents, unreadable };
}

/**
 * A finding over the role's permissions: proven in readable policies → the
 * finding; nothing found but some policy unreadable → unknown; else `whenClean`.
 */
export function judgeFindings(
  permissions: RolePermissions,
  finding: CheckOutcome | undefined,
  whenClean: CheckOutcome,
): CheckOutcome {
  if (finding) return finding;
  if (permissions.unreadable.length > 0)
    return combine(permissions.unreadable, whenClean);
  return whenClean;
}
