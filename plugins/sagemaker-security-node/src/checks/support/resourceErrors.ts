import {
  CheckOutcome,
  CollectionError,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { unknown } from './outcomes';

/** No extra calls (a shared empty list, never modified). */
const NO_ACTIONS: string[] = [];

/** True for the call that produced the resource's Describe response. */
function isDescribeCall(error: CollectionError): boolean {
  return /:Describe[A-Za-z0-9]*$/.test(error.action) && !error.field;
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
  actions: string[] = NO_ACTIONS,
): CollectionError | undefined {
  const { errors } = resource;
  if (Array.isArray(errors) && errors.length === 0) {
    return undefined;
  }
  const lowered = actions.map(action => action.toLowerCase());
  return resource.errors.find(
    error =>
      isDescribeCall(error) ||
      (error.field !== undefined && fieldsOverlap(error.field, path)) ||
      lowered.includes(error.action.toLowerCase()),
  );
}

/** As `Object.keys(value).length > 0`, without listing the keys. */
function hasOwnKeys(value: unknown): boolean {
  if (value === null || typeof value !== 'object') {
    return Object.keys(value as object).length > 0;
  }
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      return true;
    }
  }
  return false;
}

/** `unknown` when the resource's Describe response is missing or failed. */
export function describeFailure(
  resource: SageMakerResource,
): CheckOutcome | undefined {
  const { errors } = resource;
  const failed =
    Array.isArray(errors) && errors.length === 0
      ? undefined
      : resource.errors.find(isDescribeCall);
  if (failed) {
    return unknown(
      `The ${resource.type} ${
        resource.name
      } could not be described: ${describeError(failed)}.`,
      [failed.action],
    );
  }
  if (!hasOwnKeys(resource.description ?? {})) {
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
  actions: string[] = NO_ACTIONS,
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
