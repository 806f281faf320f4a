import {
  ALL_PILLARS,
  isResourceType,
  SEVERITIES,
} from '@mlsec/plugin-sagemaker-security-common';
import { SecurityCheck } from '../types';

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Validates checks before they join the catalogue: kebab-case ids unique among
 * `existingIds` and each other, known pillar, severity and resource types, an
 * evaluate function. Throws one error listing every problem.
 *
 * @public
 */
export function validateChecks(
  checks: SecurityCheck[],
  existingIds: Iterable<string> = [],
): void {
  const seen = new Set(existingIds);
  const problems: string[] = [];
  checks.forEach((check, index) => {
    const label = `Check #${index + 1} (${check?.id ?? 'no id'})`;
    if (!check || typeof check !== 'object') {
      problems.push(`${label} is not an object`);
      return;
    }
    if (typeof check.id !== 'string' || !ID_PATTERN.test(check.id)) {
      problems.push(
        `${label}: id must be kebab-case, e.g. "notebook-root-access-disabled"`,
      );
    } else if (seen.has(check.id)) {
      problems.push(`${label}: id "${check.id}" is already registered`);
    } else {
      seen.add(check.id);
    }
    if (!(ALL_PILLARS as readonly string[]).includes(check.pillar)) {
      problems.push(
        `${label}: unknown pillar "${String(
          check.pillar,
        )}"; expected one of ${ALL_PILLARS.join(', ')}`,
      );
    }
    if (!(SEVERITIES as readonly string[]).includes(check.severity)) {
      problems.push(
        `${label}: unknown severity "${String(
          check.severity,
        )}"; expected one of ${SEVERITIES.join(', ')}`,
      );
    }
    if (
      !Array.isArray(check.resourceTypes) ||
      check.resourceTypes.length === 0
    ) {
      problems.push(
        `${label}: resourceTypes must list at least one resource type`,
      );
    } else {
      const unknownTypes = check.resourceTypes.filter(
        type => !isResourceType(type),
      );
      if (unknownTypes.length > 0) {
        problems.push(
          `${label}: unknown resource type(s) ${unknownTypes.join(', ')}`,
        );
      }
    }
    if (typeof check.evaluate !== 'function') {
      problems.push(`${label}: evaluate must be a function`);
    }
    if (typeof check.title !== 'string' || check.title.trim() === '') {
      problems.push(`${label}: title is required`);
    }
    if (!check.remediation || typeof check.remediation.docsUrl !== 'string') {
      problems.push(`${label}: remediation.docsUrl is required`);
    }
  });
  if (problems.length > 0) {
    throw new Error(
      `Invalid SageMaker security checks:\n- ${problems.join('\n- ')}`,
    );
  }
}
