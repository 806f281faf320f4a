import {
  CheckMetadata,
  CheckOutcome,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext, SecurityCheck } from '../../types';
import { describeFailure } from './resourceErrors';

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
    evaluate: context => describeFailure(context.resource) ?? evaluate(context),
  };
}
