import {
  CheckOutcome,
  CollectionError,
  IamRoleFact,
  PolicyDocument,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { deriveFromFact, deriveKey, sharedVerdict } from '../../engine/derived';
import { linkedFactParts, readFactOnce } from './facts';
import { resourceRoles } from './links';
import { combine, combineItems, notApplicable, unknown } from './outcomes';
import { describeError } from './resourceErrors';

type IamRoleRecord = RelatedFact<'iam-role'>;

/** An execution role as its checks judge it: the collected fact and its ARN. */
export interface RoleContext {
  role: IamRoleFact;
  roleArn: string;
  errors: CollectionError[];
}

/** The same for resources naming the same roles (with the same facts). */
const rolesKey = deriveKey('execution role facts', context =>
  linkedFactParts(context, 'iam-role', resourceRoles(context), false),
);

/**
 * A check function judging each execution role the resource names (from the
 * `iam-role` facts) with `judge`, a pure function of the role: the roles
 * shared by thousands of jobs are judged once.
 */
export function eachRole(
  judge: (role: RoleContext) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  const judgeRole = deriveFromFact(
    'verdict on a role',
    (fact: IamRoleRecord, roleArn: string) =>
      judge({ role: fact.data!, roleArn, errors: fact.errors }),
  );
  return sharedVerdict(rolesKey, context => {
    const roles = resourceRoles(context);
    if (roles.length === 0) {
      return notApplicable(`${context.resource.name} names no execution role.`);
    }
    return combineItems(
      roles.map(linked => {
        const read = readFactOnce(context, 'iam-role', linked.value);
        return read.ok
          ? judgeRole(context, read.fact, linked.value)
          : read.outcome;
      }),
    );
  });
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
