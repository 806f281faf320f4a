import { createHash } from 'node:crypto';
import {
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';

const MAX_NAME_LENGTH = 63;
const SUFFIX_LENGTH = 6;

/** Short, readable prefixes so `metadata.name` tells the type at a glance (the descriptor's `catalog.abbreviation`). */
export const TYPE_ABBREVIATIONS: Partial<Record<ResourceType, string>> =
  Object.fromEntries(
    RESOURCE_TYPE_DESCRIPTORS.flatMap(d =>
      d.catalog ? [[d.id, d.catalog.abbreviation]] : [],
    ),
  );

/**
 * Turns any text into a valid catalog name: `[a-zA-Z0-9]` runs separated by
 * `-_.`, lower case, at most `maxLength` characters.
 */
export function sanitizeName(value: string, maxLength = MAX_NAME_LENGTH) {
  return trimSeparators(
    trimSeparators(
      value.toLocaleLowerCase('en-US').replace(/[^a-z0-9-_.]+/g, '-'),
    )
      .replace(/-{2,}/g, '-')
      .slice(0, maxLength),
  );
}

function trimSeparators(value: string): string {
  return value.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
}

/** `<type-abbrev>-<aws name>`, sanitised. */
export function baseEntityName(type: ResourceType, awsName: string): string {
  return sanitizeName(`${TYPE_ABBREVIATIONS[type] ?? type}-${awsName}`);
}

/** 6 hex characters of the ARN's SHA-256: stable across refreshes. */
export function arnSuffix(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, SUFFIX_LENGTH);
}

/**
 * Names every resource; only names shared by several resources (the same
 * endpoint name in two accounts or regions, or long names cut to the same 63
 * characters) get the ARN suffix, and then all of them do, so none of the
 * twins looks like "the real one".
 */
export function assignEntityNames(
  resources: Array<{ arn: string; type: ResourceType; name: string }>,
): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const resource of resources) {
    const base = baseEntityName(resource.type, resource.name);
    byBase.set(base, [...(byBase.get(base) ?? []), resource.arn]);
  }
  const names = new Map<string, string>();
  for (const [base, arns] of byBase) {
    const unique = [...new Set(arns)];
    for (const arn of unique) {
      names.set(
        arn,
        unique.length === 1
          ? base
          : `${sanitizeName(
              base,
              MAX_NAME_LENGTH - SUFFIX_LENGTH - 1,
            )}-${arnSuffix(arn)}`,
      );
    }
  }
  return names;
}
