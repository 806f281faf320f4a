import type { FactKind } from '@mlsec/plugin-sagemaker-security-common';
import type { SageMakerWriteEvent } from './sagemakerListings';

/**
 * The facts the write events of one account and region changed: whole
 * kinds (an event that could not be pinned to a fact: fail closed) and
 * markers (`role:<name>`, `policy:<arn>`, `alias:<name>`, a bucket name, a
 * key ID or ARN, a security group, subnet, VPC or VPC endpoint ID) matched
 * against the identifiers of each stored fact (see plan.ts).
 */
export class ChangeLog {
  private readonly whole = new Set<FactKind>();
  private readonly markers = new Map<FactKind, Set<string>>();
  /** Write events read, for the log. */
  events = 0;
  /** SageMaker's write events: which listings a rescan needs (sagemakerListings.ts). */
  readonly sagemaker: SageMakerWriteEvent[] = [];

  mark(kind: FactKind, marker?: string) {
    if (marker === undefined) {
      this.whole.add(kind);
      return;
    }
    let set = this.markers.get(kind);
    if (!set) {
      set = new Set();
      this.markers.set(kind, set);
    }
    set.add(marker);
  }

  /** True when an event may have changed a fact of `kind` with these identifiers. */
  touches(kind: FactKind, identifiers: string[]): boolean {
    if (this.whole.has(kind)) return true;
    const set = this.markers.get(kind);
    return !!set && identifiers.some(id => set.has(id));
  }
}
