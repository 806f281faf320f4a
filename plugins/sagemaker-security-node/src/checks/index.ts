import { SecurityCheck } from '../types';
import { encryptionChecks } from './encryption';
import { iamChecks } from './iam';
import { monitoringChecks } from './monitoring';
import { networkChecks } from './network';
import { resilienceChecks } from './resilience';

/**
 * The built-in check catalogue, in display order (pillar by pillar).
 *
 * @public
 */
export const defaultChecks: SecurityCheck[] = [
  ...encryptionChecks,
  ...networkChecks,
  ...iamChecks,
  ...monitoringChecks,
  ...resilienceChecks,
];

export {
  encryptionChecks,
  networkChecks,
  iamChecks,
  monitoringChecks,
  resilienceChecks,
};
