import type { Config } from '@backstage/config';
import { fail } from './fail';

export const BULK_READS_KEY = 'inventory.bulkReads';

/**
 * `sagemakerSecurity.inventory.bulkReads`: read in bulk where AWS offers it
 * and the cost model finds it cheaper (e.g. IAM account authorization
 * details instead of per-role calls). Default true; false keeps the
 * per-resource reads.
 */
export function readBulkReads(config: Config | undefined): boolean {
  const value = config?.getOptional(BULK_READS_KEY);
  if (value === undefined) return true;
  // Environment substitution yields strings.
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return fail(
    BULK_READS_KEY,
    `expected true or false, got ${JSON.stringify(value)}`,
  );
}
