/** What the CheckEngine reads of the inventory and results before evaluating. */
import type {
  CollectionError,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  InventoryReader,
  ScanRun,
  ScanTarget,
  StoredResource,
} from '../inventory/InventoryStore';
import { failedListings } from '../inventory/scan/failedListings';
import type { ResultStore } from './ResultStore';

/** Listings that failed, by `account|region` and resource type. */
export type ListingFailures = Map<string, Map<ResourceType, CollectionError[]>>;

/** The failed listings of a scan's targets, for checks that look up related resources. */
export function listingFailures(scan: ScanRun | undefined): ListingFailures {
  return new Map(
    (scan?.targets ?? []).map(target => [
      `${target.accountId}|${target.region}`,
      failedListings(target),
    ]),
  );
}

export async function listAll(
  inventory: InventoryReader,
  query: Parameters<InventoryReader['listResources']>[0],
  pageSize: number,
): Promise<StoredResource[]> {
  const all: StoredResource[] = [];
  let cursor: string | undefined;
  do {
    const page = await inventory.listResources({
      ...query,
      cursor,
      limit: pageSize,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * Accounts and regions that hold stored resources, or results (whose
 * resources may all be gone since).
 */
export async function storedTargets(
  inventory: InventoryReader,
  results: ResultStore,
  pageSize: number,
): Promise<ScanTarget[]> {
  const targets = new Map<string, ScanTarget>();
  for (const { accountId, region } of await results.listEvaluatedTargets()) {
    targets.set(`${accountId}|${region}`, { accountId, region });
  }
  let cursor: string | undefined;
  do {
    const page = await inventory.listResources({
      cursor,
      limit: pageSize,
    });
    for (const { accountId, region } of page.items) {
      targets.set(`${accountId}|${region}`, { accountId, region });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return [...targets.values()];
}
