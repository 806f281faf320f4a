import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { fieldEvidence } from './describe';
import { fail, pass } from './outcomes';
import { getPath, nonEmptyString } from './paths';
import { fieldFailure } from './resourceErrors';

interface ExpectValueOptions {
  path: string;
  /** The value that passes (compared case-insensitively for strings). */
  expected: string | boolean;
  /** What AWS applies when the field is absent (e.g. `Enabled`, `false`). */
  absentMeans: string | boolean;
  /** Subject of the messages, e.g. `direct internet access`. */
  label: string;
}

function same(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;
}

/** A field that must hold one value; an absent field takes AWS's default. */
export function expectValue(
  context: CheckContext,
  options: ExpectValueOptions,
): CheckOutcome {
  const { resource } = context;
  const failure = fieldFailure(resource, options.path);
  if (failure) return failure;
  const raw = getPath(resource.description, options.path);
  const effective =
    raw === undefined || raw === null ? options.absentMeans : raw;
  const evidence = [
    fieldEvidence(resource, options.path, raw, options.expected),
  ];
  const shown =
    raw === undefined || raw === null
      ? `absent, so ${String(options.absentMeans)}`
      : String(raw);
  return same(effective, options.expected)
    ? pass(`${resource.name}: ${options.label} is ${shown}.`, evidence)
    : fail(
        `${resource.name}: ${options.label} is ${shown}; expected ${String(
          options.expected,
        )}.`,
        evidence,
      );
}

/** A field that must name something (a KMS key, a subnet...). */
export function expectPresent(
  context: CheckContext,
  path: string,
  label: string,
): CheckOutcome {
  const { resource } = context;
  const failure = fieldFailure(resource, path);
  if (failure) return failure;
  const raw = getPath(resource.description, path);
  const present = Array.isArray(raw)
    ? raw.some(item => nonEmptyString(item) !== undefined)
    : nonEmptyString(raw) !== undefined;
  const evidence = [fieldEvidence(resource, path, raw, `${label} set`)];
  return present
    ? pass(`${resource.name}: ${label} is set.`, evidence)
    : fail(`${resource.name}: ${label} is not set (${path}).`, evidence);
}
