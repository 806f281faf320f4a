import { PolicyDocument } from '@mlsec/plugin-sagemaker-security-common';
import { evaluateCondition } from './conditions';
import { statementCoversAction, statementCoversResource } from './evaluate';
import { isDeny, isPrincipalEveryone, statementsOf } from './statements';

const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'];

/**
 * True when a bucket policy denies everyone object reads and writes over plain
 * HTTP: a Deny with Principal `*` (or `{AWS: "*"}`) whose condition holds when
 * `aws:SecureTransport` is false and not when it is true. This recognises
 * `Bool` and `BoolIfExists`, with `"false"` or `false`; a deny that also depends
 * on other conditions does not count, since it would not always apply.
 *
 * @public
 */
export function deniesInsecureTransport(
  policy: PolicyDocument | null | undefined,
  bucket: string,
  partition: string = 'aws',
): boolean {
  const objectArn = `arn:${partition}:s3:::${bucket}/any-object`;
  const qualifying = statementsOf(policy).filter(
    statement =>
      isDeny(statement) &&
      statement.NotPrincipal === undefined &&
      isPrincipalEveryone(statement.Principal) &&
      evaluateCondition(statement.Condition, {
        'aws:SecureTransport': false,
      }) === 'true' &&
      evaluateCondition(statement.Condition, {
        'aws:SecureTransport': true,
      }) === 'false' &&
      statementCoversResource(statement, objectArn, 'some'),
  );
  return OBJECT_ACTIONS.every(action =>
    qualifying.some(statement => statementCoversAction(statement, action)),
  );
}
