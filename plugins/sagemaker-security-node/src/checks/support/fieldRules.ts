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

/** What a value check says about one observed value: pass or fail, and the message after the resource name. */
interface ValueVerdict {
  passes: boolean;
  suffix: string;
}

/** Verdicts by observed value (primitives only), built once per value. */
type ValueVerdicts = Map<unknown, ValueVerdict>;

function valueVerdict(options: ExpectValueOptions, raw: unknown): ValueVerdict {
  const effective =
    raw === undefined || raw === null ? options.absentMeans : raw;
  const shown =
    raw === undefined || raw === null
      ? `absent, so ${String(options.absentMeans)}`
      : String(raw);
  return same(effective, options.expected)
    ? { passes: true, suffix: `: ${options.label} is ${shown}.` }
    : {
        passes: false,
        suffix: `: ${options.label} is ${shown}; expected ${String(
          options.expected,
        )}.`,
      };
}

function isPrimitive(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

function judgeValue(
  context: CheckContext,
  options: ExpectValueOptions,
  verdicts: ValueVerdicts | undefined,
): CheckOutcome {
  const { resource } = context;
  const failure = fieldFailure(resource, options.path);
  if (failure) return failure;
  const raw = getPath(resource.description, options.path);
  const evidence = [
    fieldEvidence(resource, options.path, raw, options.expected),
  ];
  let verdict: ValueVerdict | undefined;
  if (verdicts !== undefined && isPrimitive(raw)) {
    verdict = verdicts.get(raw);
    if (verdict === undefined) {
      verdict = valueVerdict(options, raw);
      if (verdicts.size >= 1000) {
        verdicts.clear();
      }
      verdicts.set(raw, verdict);
    }
  } else {
    verdict = valueVerdict(options, raw);
  }
  const message = `${resource.name}${verdict.suffix}`;
  return verdict.passes ? pass(message, evidence) : fail(message, evidence);
}

/** A field that must hold one value; an absent field takes AWS's default. */
export function expectValue(
  context: CheckContext,
  options: ExpectValueOptions,
): CheckOutcome {
  return judgeValue(context, options, undefined);
}

/** A check function: `expectValue` with `options`. */
export function fieldValue(
  options: ExpectValueOptions,
): (context: CheckContext) => CheckOutcome {
  const verdicts: ValueVerdicts = new Map();
  return context => judgeValue(context, options, verdicts);
}

/** A check function: `expectPresent` of `path`. */
export function fieldPresent(
  path: string,
  label: string,
): (context: CheckContext) => CheckOutcome {
  return context => expectPresent(context, path, label);
}

/** The texts of a presence check, by path and label. */
interface PresenceTexts {
  expected: string;
  set: string;
  notSet: string;
}

const presenceTexts = new Map<string, Map<string, PresenceTexts>>();

function textsOf(path: string, label: string): PresenceTexts {
  if (typeof path !== 'string' || typeof label !== 'string') {
    return {
      expected: `${label} set`,
      set: `: ${label} is set.`,
      notSet: `: ${label} is not set (${path}).`,
    };
  }
  let byLabel = presenceTexts.get(path);
  if (byLabel === undefined) {
    byLabel = new Map();
    if (presenceTexts.size >= 1000) {
      presenceTexts.clear();
    }
    presenceTexts.set(path, byLabel);
  }
  let texts = byLabel.get(label);
  if (texts === undefined) {
    texts = {
      expected: `${label} set`,
      set: `: ${label} is set.`,
      notSet: `: ${label} is not set (${path}).`,
    };
    byLabel.set(label, texts);
  }
  return texts;
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
  const texts = textsOf(path, label);
  const evidence = [fieldEvidence(resource, path, raw, texts.expected)];
  return present
    ? pass(`${resource.name}${texts.set}`, evidence)
    : fail(`${resource.name}${texts.notSet}`, evidence);
}
