import { partition } from '@aws-sdk/core/client';
import { fail } from './fail';

export const ACCOUNT_ID = /^\d{12}$/;
/** e.g. us-east-1, us-gov-west-1, eu-central-2, cn-north-1. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * A region the SDK knows: its partition metadata (the same data its
 * endpoint resolution uses) lists every region by name. A well-formed name
 * it does not list (`us-moon-1`) would be scanned as if it existed and
 * answer nothing; a region newer than the installed SDK needs an upgrade.
 */
export function readRegion(value: string, key: string): string {
  if (!REGION.test(value)) {
    fail(key, `'${value}' is not an AWS region name (e.g. 'us-east-1')`);
  }
  const known = partition(value) as { name: string; description?: string };
  if (known.description === undefined) {
    fail(
      key,
      `'${value}' is not an AWS region (no region of that name in partition '${known.name}' of the AWS SDK; a region newer than the SDK needs an SDK upgrade)`,
    );
  }
  return value;
}
