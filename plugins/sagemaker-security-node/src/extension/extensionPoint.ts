import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SecurityCheck } from '../types';
import { validateChecks } from './validateChecks';

/**
 * Lets backend modules add checks to the SageMaker security catalogue.
 *
 * @public
 */
export interface SagemakerSecurityChecksExtensionPoint {
  /** Adds checks; throws on a duplicate id or unknown pillar, severity or resource type. */
  addChecks(...checks: SecurityCheck[]): void;
}

/** @public */
export const sagemakerSecurityChecksExtensionPoint =
  createExtensionPoint<SagemakerSecurityChecksExtensionPoint>({
    id: 'sagemaker-security.checks',
  });

/**
 * The catalogue behind the extension point: starts with the given checks and
 * validates every addition. The backend plugin registers one of these.
 *
 * @public
 */
export class CheckRegistry implements SagemakerSecurityChecksExtensionPoint {
  readonly #checks: SecurityCheck[] = [];

  constructor(initial: SecurityCheck[] = []) {
    this.addChecks(...initial);
  }

  addChecks(...checks: SecurityCheck[]): void {
    validateChecks(
      checks,
      this.#checks.map(check => check.id),
    );
    this.#checks.push(...checks);
  }

  getChecks(): SecurityCheck[] {
    return [...this.#checks];
  }
}
