import type {
  CollectionError,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ResourceLookup } from '@mlsec/plugin-sagemaker-security-node';

/**
 * A ResourceLookup over long-lived resources held in memory, with the
 * listings that failed (so "none listed" is not taken for "none exist").
 */
export class InMemoryResourceLookup implements ResourceLookup {
  private readonly byName = new Map<string, SageMakerResource>();
  private readonly byTarget = new Map<string, SageMakerResource[]>();

  constructor(
    resources: Iterable<SageMakerResource>,
    private readonly failedListings: ReadonlyMap<
      string,
      ReadonlyMap<ResourceType, CollectionError[]>
    > = new Map(),
    private readonly estateAccounts: readonly string[] = [],
  ) {
    for (const resource of resources) {
      this.add(resource);
    }
  }

  listingErrors(
    type: ResourceType,
    accountId: string,
    region: string,
  ): CollectionError[] {
    return this.failedListings.get(`${accountId}|${region}`)?.get(type) ?? [];
  }

  /** The estate's accounts given, and every account a resource here is in. */
  accountIds(): string[] {
    const accounts = new Set(this.estateAccounts);
    for (const resource of this.byName.values())
      accounts.add(resource.accountId);
    return [...accounts];
  }

  add(resource: SageMakerResource): void {
    const { type, accountId, region, name } = resource;
    this.byName.set(`${type}|${accountId}|${region}|${name}`, resource);
    const key = `${type}|${accountId}|${region}`;
    const list = this.byTarget.get(key) ?? [];
    list.push(resource);
    this.byTarget.set(key, list);
  }

  get(
    type: ResourceType,
    accountId: string,
    region: string,
    name: string,
  ): SageMakerResource | undefined {
    return this.byName.get(`${type}|${accountId}|${region}|${name}`);
  }

  list(
    type: ResourceType,
    accountId: string,
    region: string,
  ): SageMakerResource[] {
    return [...(this.byTarget.get(`${type}|${accountId}|${region}`) ?? [])];
  }
}
