import type {
  CollectionError,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { RESOURCE_SPECS } from '../collectors';
import type { ScanTargetProgress } from '../InventoryStore';

const TYPE_BY_LIST_ACTION = new Map(
  RESOURCE_SPECS.map(spec => [spec.listAction.toLowerCase(), spec.type]),
);

/**
 * The resource types whose listing failed in a scan target, with why. A
 * check that looks for related resources of such a type must not take
 * "none listed" for "none exist".
 */
export function failedListings(
  progress: Pick<ScanTargetProgress, 'errors'>,
): Map<ResourceType, CollectionError[]> {
  const failed = new Map<ResourceType, CollectionError[]>();
  for (const error of progress.errors) {
    const type = TYPE_BY_LIST_ACTION.get(error.action.toLowerCase());
    if (!type) continue;
    failed.set(type, [...(failed.get(type) ?? []), error]);
  }
  return failed;
}
