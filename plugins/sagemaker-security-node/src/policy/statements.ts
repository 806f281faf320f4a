import {
  PolicyDocument,
  PolicyStatement,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * The statements of a document, whether `Statement` is one object or a list.
 *
 * @public
 */
export function statementsOf(
  document: PolicyDocument | null | undefined,
): PolicyStatement[] {
  if (
    !document ||
    document.Statement === undefined ||
    document.Statement === null
  ) {
    return [];
  }
  const list = Array.isArray(document.Statement)
    ? document.Statement
    : [document.Statement];
  return list.filter(
    (statement): statement is PolicyStatement =>
      statement !== null && typeof statement === 'object',
  );
}

/**
 * A policy element that may be one string or a list.
 *
 * @public
 */
export function asList(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return [];
}

/** @public */
export function isAllow(statement: PolicyStatement): boolean {
  return String(statement.Effect).toLowerCase() === 'allow';
}

/** @public */
export function isDeny(statement: PolicyStatement): boolean {
  return String(statement.Effect).toLowerCase() === 'deny';
}

/**
 * True when `Principal` is everyone: `"*"` or `{ "AWS": "*" }` (or a list holding `*`).
 *
 * @public
 */
export function isPrincipalEveryone(principal: unknown): boolean {
  if (principal === '*') {
    return true;
  }
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    return asList((principal as Record<string, unknown>).AWS).includes('*');
  }
  return false;
}

/**
 * Service principals named by a statement, e.g. `sagemaker.amazonaws.com`.
 *
 * @public
 */
export function servicePrincipals(principal: unknown): string[] {
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    return asList((principal as Record<string, unknown>).Service);
  }
  return [];
}

/**
 * AWS (account or role) principals named by a statement.
 *
 * @public
 */
export function awsPrincipals(principal: unknown): string[] {
  if (principal === '*') {
    return ['*'];
  }
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    return asList((principal as Record<string, unknown>).AWS);
  }
  return [];
}
