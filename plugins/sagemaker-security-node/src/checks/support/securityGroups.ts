import {
  CheckOutcome,
  RelatedFact,
  SecurityGroupFact,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  deriveFromFact,
  deriveKey,
  sharedVerdict,
  Verdict,
} from '../../engine/derived';
import { CheckContext } from '../../types';
import { linkedFactParts, readFactOnce } from './facts';
import { resourceSecurityGroups } from './links';
import { combineItems, notApplicable } from './outcomes';

/** A group's verdict, or one that names the resource it is attached to. */
export type GroupVerdict = Verdict;

/** The same object for resources with the same security groups (and facts). */
const groupsKey = deriveKey('security group facts', context =>
  linkedFactParts(
    context,
    'security-group',
    resourceSecurityGroups(context),
    false,
  ),
);

/**
 * A check function judging each security group of the resource with
 * `judge`, a pure function of the group.
 */
export function eachSecurityGroup(
  judge: (group: SecurityGroupFact) => GroupVerdict,
): (context: CheckContext) => CheckOutcome {
  const judgeGroup = deriveFromFact(
    'verdict on a security group',
    (fact: RelatedFact<'security-group'>, _groupId: string) =>
      judge(fact.data!),
  );
  return sharedVerdict(groupsKey, context => {
    const groups = resourceSecurityGroups(context);
    if (groups.length === 0) {
      return notApplicable(`${context.resource.name} names no security group.`);
    }
    const verdicts = groups.map(group => {
      const read = readFactOnce(context, 'security-group', group.value);
      return read.ok
        ? judgeGroup(context, read.fact, group.value)
        : read.outcome;
    });
    if (verdicts.every(verdict => typeof verdict !== 'function')) {
      return combineItems(verdicts as CheckOutcome[]);
    }
    return resourceName =>
      combineItems(
        verdicts.map(verdict =>
          typeof verdict === 'function' ? verdict(resourceName) : verdict,
        ),
      );
  });
}
