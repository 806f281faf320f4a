import type { LoggerService } from '@backstage/backend-plugin-api';
import { classifyError } from '../../inventory/aws/errors';
import type { TargetFollowUp } from '../../inventory/scan/collectTarget';
import type { ExternalFindingStore } from '../ExternalFindingStore';
import { readSecurityHubFindings } from './securityHubFindings';

/** The IAM action the read sends (iam-policy.json grants it). */
export const SECURITY_HUB_ACTION = 'securityhub:GetFindings';

/**
 * The Security Hub read of each scanned account and region, run by the
 * scan right after the target's collection, with the target's own clients
 * (credentials, retries, pacing). A complete read replaces the location's
 * set (findings no longer returned become resolved); a failed read is
 * recorded as an error of the target (scan health shows it, with the
 * action and reason), is logged, and keeps the set read before. It never
 * fails the scan, and never touches inventory, results or scores.
 */
export function securityHubFollowUp(
  store: ExternalFindingStore,
  logger: LoggerService,
  now: () => Date = () => new Date(),
): TargetFollowUp {
  return async ({ target, clients, report }) => {
    const location = { accountId: target.accountId, region: target.region };
    const where = `${target.accountId}/${target.region}`;
    try {
      const { records, skipped } = await readSecurityHubFindings(
        clients.securityhub(target.region),
        location,
      );
      const counts = await store.replaceLocation(
        { source: 'security-hub', ...location },
        records,
        now(),
      );
      logger.info(
        `Security Hub findings of ${where}: ${records.length} active on SageMaker resources ` +
          `(${counts.imported} new, ${counts.updated} updated, ${counts.resolved} resolved` +
          `${skipped ? `, ${skipped} on other resources ignored` : ''})`,
      );
    } catch (error) {
      const recorded = classifyError(error, SECURITY_HUB_ACTION, {
        target: where,
        field: 'securityHubFindings',
      });
      report.record(recorded);
      logger.warn(
        `Security Hub findings of ${where} were not read: ${recorded.message}; the findings read before are kept`,
      );
    }
  };
}
