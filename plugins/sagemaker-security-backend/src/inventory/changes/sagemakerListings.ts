/**
 * Which SageMaker listings a change-driven rescan needs. Between full
 * refreshes, a resource type is listed again only when something says it
 * may have changed:
 * - a SageMaker write event in CloudTrail's event history names the type
 *   (`CreateEndpoint`, `UpdateEndpointWeightsAndCapacities`, `DeleteModel`,
 *   `StartPipelineExecution`...) or a resource of it (`AddTags`,
 *   `DeleteTags` on its ARN);
 * - a stored resource of the type is in a transitional status (`Creating`,
 *   `Updating`, `InProgress`, `Pending`...): AWS moves it on by itself,
 *   with no event;
 * - a stored resource of the type was read with errors: it is read again.
 * Every type is listed on a full refresh, a fallback, and after a read
 * that did not succeed (a listing may have failed): see plan.ts.
 * A write event of SageMaker whose name cannot be parsed lists every type
 * (fail closed). An event whose noun matches no scanned type's `Describe`
 * noun concerns a type this plugin does not scan (experiments, workteams,
 * presigned URLs...) and lists nothing.
 *
 * Noun matching errs on the side of listing: every type whose noun starts
 * with the event's (`AutoMLJob` → `AutoMLJobV2`, `Endpoint` → endpoint and
 * endpoint config) is listed, or else the type whose noun is the longest
 * start of the event's (`ModelPackageGroupPolicy` → model package group,
 * `PipelineExecution` → pipeline). A listing too many costs one
 * call; one too few would miss a change.
 */
import {
  RESOURCE_TYPE_DESCRIPTORS,
  type ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import type { TypeState } from '../InventoryStore';

/** A SageMaker write event: its name and the ARNs it names. */
export interface SageMakerWriteEvent {
  eventName: string;
  /** ARNs in the event's `resources` and request parameters (e.g. `resourceArn`). */
  resourceArns: string[];
}

export interface ChangedTypes {
  /** Every type must be listed (an event could not be understood). */
  all: boolean;
  reason?: string;
  types: Set<ResourceType>;
  /** ARNs whose tags changed (AddTags, DeleteTags): read again when listed. */
  taggedArns: Set<string>;
}

/** Leading words of write operations, longest first; `Batch` may precede them. */
const VERBS = [
  'Disassociate',
  'Deregister',
  'Associate',
  'Register',
  'Disable',
  'Enable',
  'Import',
  'Create',
  'Update',
  'Delete',
  'Attach',
  'Detach',
  'Retry',
  'Start',
  'Stop',
  'Send',
  'Put',
  'Add',
];

const TAG_EVENTS = new Set(['AddTags', 'DeleteTags']);

const NOUNS: Array<[string, ResourceType]> = RESOURCE_TYPE_DESCRIPTORS.map(
  d => [d.api.describe.replace(/^Describe/, ''), d.id],
);

const BY_ARN_SEGMENT = new Map<string, ResourceType>(
  RESOURCE_TYPE_DESCRIPTORS.map(d => [d.arnSegment, d.id]),
);

/** `arn:aws:sagemaker:r:a:model-package/group/1` → model package. */
export function typeOfArn(arn: string): ResourceType | undefined {
  const resource = arn.split(':').slice(5).join(':');
  return BY_ARN_SEGMENT.get(resource.split('/')[0]);
}

/** The noun of a write operation (`UpdateEndpoint` → `Endpoint`); undefined when no verb leads it. */
export function nounOf(eventName: string): string | undefined {
  const name = eventName.replace(/^Batch(?=[A-Z])/, '');
  const verb = VERBS.find(
    v => name.startsWith(v) && /^[A-Z]/.test(name.slice(v.length)),
  );
  return verb ? name.slice(verb.length) : undefined;
}

/** The scanned types SageMaker write events may have changed. */
export function typesNamedBy(events: SageMakerWriteEvent[]): ChangedTypes {
  const types = new Set<ResourceType>();
  const taggedArns = new Set<string>();
  for (const event of events) {
    if (TAG_EVENTS.has(event.eventName)) {
      const named = event.resourceArns.map(typeOfArn);
      if (named.length === 0) {
        return {
          all: true,
          reason: `${event.eventName} without a resource ARN`,
          types,
          taggedArns,
        };
      }
      event.resourceArns.forEach(arn => taggedArns.add(arn));
      // A tagged resource of a type not scanned changes nothing here.
      named.forEach(type => type && types.add(type));
      continue;
    }
    const noun = nounOf(event.eventName);
    if (noun === undefined) {
      return {
        all: true,
        reason: `SageMaker write event ${event.eventName} not understood`,
        types,
        taggedArns,
      };
    }
    // Every type whose noun the event's starts; when none, the type whose
    // noun is the longest start of the event's.
    const starting = NOUNS.filter(([typeNoun]) => typeNoun.startsWith(noun));
    let longest: [string, ResourceType] | undefined;
    for (const entry of NOUNS) {
      const [typeNoun] = entry;
      if (
        noun.startsWith(typeNoun) &&
        typeNoun.length > (longest?.[0].length ?? 0)
      ) {
        longest = entry;
      }
    }
    const matched = starting.length > 0 ? starting : [];
    if (matched.length === 0 && longest) matched.push(longest);
    for (const [, type] of matched) types.add(type);
  }
  return { all: false, types, taggedArns };
}

/** A status AWS moves on by itself (`Creating`, `InProgress`, `Pending`...). */
export function isTransitional(status: string | undefined): boolean {
  if (status === undefined) return false;
  return /ing$|^Pending|InProgress|^Starting|^Stopping/i.test(status);
}

export interface StoredTypeState {
  /** Statuses of the type's stored resources (live ones only). */
  statuses: Array<string | undefined>;
  /** A stored resource of the type has read errors. */
  hasErrors: boolean;
  /** The type's previous listing in this account and region failed. */
  listingFailed: boolean;
}

/** Why a type is listed again in a change-driven rescan; undefined: it is not. */
export function listingReason(
  type: ResourceType,
  changed: ChangedTypes,
  stored: StoredTypeState,
): string | undefined {
  if (changed.all) return changed.reason ?? 'every type';
  if (changed.types.has(type)) return 'a write event names it';
  if (stored.listingFailed) return 'its previous listing failed';
  if (stored.hasErrors) return 'a stored resource was read with errors';
  const moving = stored.statuses.find(isTransitional);
  if (moving !== undefined) return `a stored resource is ${moving}`;
  return undefined;
}

/** What a change-driven rescan does with each SageMaker type. */
export interface ListingPlan {
  /** Types listed in full, with why. */
  listed: Array<{ type: ResourceType; reason: string }>;
  /**
   * Types listed only for what was modified since the event history's
   * start (`LastModifiedTimeAfter`): the only reason to list them is a
   * stored resource in a transitional status, whose moving on (status,
   * end) moves its `LastModifiedTime`. Creations, deletions and tag
   * changes are write events, which list the type in full.
   */
  modified: Array<{ type: ResourceType; reason: string; stored: number }>;
  /** Types not listed: nothing says they changed. */
  skipped: Array<{ type: ResourceType; stored: number }>;
}

/**
 * Splits `types` into those a change-driven rescan lists, those it lists
 * for what was modified (types whose List takes `LastModifiedTimeAfter`,
 * `listsModified`), and those it keeps as stored (see the top of this file).
 */
export function planListings(
  types: ResourceType[],
  changed: ChangedTypes,
  states: ReadonlyMap<ResourceType, TypeState>,
  listsModified: (type: ResourceType) => boolean = () => false,
): ListingPlan {
  const plan: ListingPlan = { listed: [], modified: [], skipped: [] };
  for (const type of types) {
    const state = states.get(type);
    const stored = state?.count ?? 0;
    const reason = listingReason(type, changed, {
      statuses: state?.statuses ?? [],
      hasErrors: state?.hasErrors ?? false,
      listingFailed: false,
    });
    const onlyMoving =
      !changed.all && !changed.types.has(type) && !state?.hasErrors;
    if (!reason) plan.skipped.push({ type, stored });
    else if (onlyMoving && listsModified(type)) {
      plan.modified.push({ type, reason, stored });
    } else plan.listed.push({ type, reason });
  }
  return plan;
}
