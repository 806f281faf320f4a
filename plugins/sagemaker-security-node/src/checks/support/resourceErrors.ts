import {
  CheckOutcome,
  CollectionError,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { unknown } from './outcomes';

/** True for the call that produced the resource's Describe response. */
function isDescribeCall(error: CollectionError): boolean {
  return /:Describe[A-Za-z]*$/.test(error.action) && !error.field;
}

function fieldsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** A short reason naming the failed call, never the credentials. */
export function describeError(error: CollectionError): string {
  return `${error.action} failed (${error.code ?? error.kind}: ${
    error.message
  })`;
}

/**
 * The collection error that makes `path` of the resource unreadable: the
 * Describe call itself, an error recorded for that field, or one of `actions`
 * (extra calls that fill the field, e.g. `sagemaker:GetModelPackageGroupPolicy`).
 */
export function resourceErrorFor(
  resource: SageMakerResource,
  path: string,
  actions: string[] = [],
): CollectionError | undefined {
  const lowered = actions.map(action => action.toLowerCase());
  return resource.errors.find(
    error =>
      isDescribeCall(error) ||
      (error.field !== undefined && fieldsOverlap(error.field, path)) ||
      lowered.includes(error.action.toLowerCase()),
  );
}

/** `unknown` when the resource's Describe response is missing or failed. */
export function describeFailure(
  resource: SageMakerResource,
): CheckOutcome | undefined {
  const failed = resource.errors.find(isDescribeCall);
  if (failed) {
    return unknown(
      `The ${resource.type} ${
        resource.name
      } could not be described: ${describeError(failed)}.`,
      [failed.action],
    );
  }
  if (Object.keys(resource.description ?? {}).length === 0) {
    return unknown(
      `The ${resource.type} ${resource.name} has no collected description.`,
      [`Describe response of ${resource.type}`],
    );
  }
  return undefined;
}

/** `unknown` when `path` (or a call that fills it) could not be read. */
export function fieldFailure(
  resource: SageMakerResource,
  path: string,
  actions: string[] = [],
): CheckOutcome | undefined {
  const error = resourceErrorFor(resource, path, actions);
  return error
    ? unknown(
        `${path} of ${resource.name} could not be read: ${describeError(
          error,
        )}.`,
        [error.action],
      )
    : undefined;
}
