import {
  CheckMetadata,
  CheckOutcome,
} from '@mlsec/plugin-sagemaker-security-common';
import { derive } from '../../engine/derived';
import { CheckContext, SecurityCheck } from '../../types';
import { describeFailure } from './resourceErrors';

/** The resource's Describe failure, shared by every check of the resource. */
const resourceDescribeFailure = derive(
  'describe failure',
  (context: CheckContext): CheckOutcome | undefined =>
    describeFailure(context.resource),
);

/**
 * A check whose function runs only over a described resource: a failed or
 * missing Describe response makes every check `unknown`, never `pass`.
 */
export function defineCheck(
  metadata: CheckMetadata,
  evaluate: (context: CheckContext) => CheckOutcome,
): SecurityCheck {
  return {
    ...metadata,
    evaluate: context => resourceDescribeFailure(context) ?? evaluate(context),
  };
}
