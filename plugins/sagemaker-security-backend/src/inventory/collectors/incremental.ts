/**
 * What a rescan reads again. A resource whose stored state cannot be stale
 * is not described again: an immutable one (no Update API) still listed with
 * the same creation time, or one whose list summary shows the same change
 * fields (`LastModifiedTime`, status) as its stored description. Only a
 * resource stored without errors qualifies: anything that failed before is
 * read again in full.
 *
 * Tags can change without `LastModifiedTime` moving, so the tags of the
 * resources not described again are refreshed on a rolling basis. Each
 * resource has a fixed phase within the refresh window (a hash of its ARN);
 * its tags fall due once per window, at that phase, and the first collection
 * listing it after that moment re-reads them. A collection therefore reads
 * the tags of the resources whose due moment passed since they were last
 * listed (`last_seen_at`): about interval / window of them per scan, spread
 * evenly whatever the schedule (hourly scans with a 24-hour window read 1/24
 * per scan), and every resource's tags are at most one window plus one scan
 * interval old. A resource not listed by a collection (its listing failed)
 * keeps its older `last_seen_at`, so the due moment it missed is caught up
 * the next time. No per-resource bookkeeping beyond `last_seen_at` is needed.
 */
import type { StoredResource } from '../InventoryStore';
import { toPlain } from './plain';
import type { ResourceSpec, Summary } from './spec';
import { isoDate } from './plain';

export const HOUR_MS = 3_600_000;

/** A fixed phase in [0, 1) per ARN (32-bit FNV-1a). */
export function tagPhase(arn: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < arn.length; i++) {
    hash ^= arn.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/** Whether the resource's tags fell due in (lastSeenAt, seenAt]. */
export function tagsDue(
  arn: string,
  lastSeenAt: string | undefined,
  seenAt: string,
  windowMs: number,
): boolean {
  const now = Date.parse(seenAt);
  const last = lastSeenAt === undefined ? NaN : Date.parse(lastSeenAt);
  if (Number.isNaN(last) || Number.isNaN(now)) return true;
  if (last >= now) return false;
  const offset = tagPhase(arn) * windowMs;
  return (
    Math.floor((now - offset) / windowMs) >
    Math.floor((last - offset) / windowMs)
  );
}

function sameValue(listed: unknown, stored: unknown): boolean {
  if (listed === undefined || listed === null) return false;
  const a = toPlain(listed);
  return (
    (typeof a === 'string' ||
      typeof a === 'number' ||
      typeof a === 'boolean') &&
    a === stored
  );
}

/**
 * True when the stored resource is still what AWS would describe: the spec
 * allows skipping, the row has no errors and is not deleted, the creation
 * time matches (not recreated under the same name) and, for mutable types,
 * every change field of the summary equals the stored description's. A
 * summary lacking a change field is "changed": describe rather than guess.
 */
export function unchangedSince(
  spec: ResourceSpec,
  summary: Summary,
  stored: StoredResource | undefined,
): stored is StoredResource {
  if (!stored || (!spec.immutable && !spec.changeFields)) return false;
  if (stored.deletedAt || stored.errors.length > 0) return false;
  if (stored.type !== spec.type) return false;
  if (summary.CreationTime !== undefined) {
    const created = isoDate(summary.CreationTime);
    if (!created || created !== stored.createdAt) return false;
  }
  if (spec.immutable) return true;
  return (spec.changeFields ?? []).every(field =>
    sameValue(summary[field], stored.description[field]),
  );
}
