import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { findTag } from './tags';

/**
 * The owner `OwnerResolver` chose for a resource, and the tag it could not resolve, if any.
 *
 * @public
 */
export interface OwnerResolution {
  /** Full entity ref of the owner. */
  owner: string;
  /** The owner tag that named no known Group, when the fallback was used for it. */
  unresolved?: { key: string; value: string };
}

/**
 * Maps owner tags onto catalog Groups, case-insensitively: `Team=Fraud-ML`
 * finds `group:default/fraud-ml`. A tag may also hold a full ref
 * (`group:ml/fraud`). Groups in the default namespace win over same-named
 * groups elsewhere.
 *
 * @public
 */
export class OwnerResolver {
  private readonly byName = new Map<string, string>();
  private readonly byRef = new Set<string>();

  constructor(
    groups: Entity[],
    private readonly ownerTagKeys: string[],
    private readonly defaultOwner: string,
  ) {
    const sorted = [...groups].sort((a, b) =>
      namespaceRank(a) === namespaceRank(b)
        ? stringifyEntityRef(a).localeCompare(stringifyEntityRef(b))
        : namespaceRank(a) - namespaceRank(b),
    );
    for (const group of sorted) {
      const ref = stringifyEntityRef(group).toLocaleLowerCase('en-US');
      this.byRef.add(ref);
      const name = group.metadata.name.toLocaleLowerCase('en-US');
      if (!this.byName.has(name)) {
        this.byName.set(name, ref);
      }
    }
  }

  /** The owner named by the first resolvable owner tag, else the default owner. */
  resolve(tags: Record<string, string>): OwnerResolution {
    let unresolved: OwnerResolution['unresolved'];
    for (const key of this.ownerTagKeys) {
      const value = findTag(tags, key)?.trim();
      if (!value) {
        continue;
      }
      const owner = this.lookup(value);
      if (owner) {
        return { owner };
      }
      unresolved ??= { key, value };
    }
    return { owner: this.defaultOwner, unresolved };
  }

  private lookup(value: string): string | undefined {
    const lower = value.toLocaleLowerCase('en-US');
    const byName = this.byName.get(lower);
    if (byName) {
      return byName;
    }
    try {
      const ref = stringifyEntityRef(
        parseEntityRef(lower, {
          defaultKind: 'group',
          defaultNamespace: DEFAULT_NAMESPACE,
        }),
      );
      return this.byRef.has(ref) ? ref : undefined;
    } catch {
      return undefined;
    }
  }
}

function namespaceRank(entity: Entity): number {
  return (entity.metadata.namespace ?? DEFAULT_NAMESPACE) === DEFAULT_NAMESPACE
    ? 0
    : 1;
}
