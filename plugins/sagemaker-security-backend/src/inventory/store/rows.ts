import type {
  FactKind,
  RelatedFact,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  ChangeSource,
  ScanRun,
  ScanTargetProgress,
  StoredResource,
} from '../InventoryStore';
import { contentHash, stableStringify } from './hash';

export const SCANS = 'inventory_scans';
export const TARGETS = 'inventory_scan_targets';
export const RESOURCES = 'inventory_resources';
export const TAGS = 'inventory_resource_tags';
export const FACTS = 'inventory_facts';

export interface ScanRow {
  id: string;
  trigger: ScanRun['trigger'];
  requested_by: string | null;
  status: ScanRun['status'];
  started_at: string;
  finished_at: string | null;
  call_counts: string | null;
  /** 'active' while queued or running (one at a time); NULL after. */
  active_slot?: string | null;
}

export interface TargetRow {
  scan_id: string;
  account_id: string;
  region: string;
  status: ScanTargetProgress['status'];
  resource_count: number;
  error_count: number;
  started_at: string | null;
  finished_at: string | null;
  errors: string;
  call_counts: string | null;
  /** Refreshed by the worker that claimed the target, while it works. */
  heartbeat_at?: string | null;
  /** The running target's claim: only its worker may renew, finish or fail it. */
  claim_id?: string | null;
  /** How many times the target was claimed in this scan. */
  attempts?: number;
  /** How its facts were read (ChangeSource), and why. */
  fact_source?: string | null;
  fact_source_reason?: string | null;
}

export interface ResourceRow {
  arn: string;
  type: string;
  name: string;
  account_id: string;
  region: string;
  status: string | null;
  created_at: string | null;
  tags: string;
  description: string;
  errors: string;
  content_hash: string;
  first_seen_at: string;
  last_seen_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface FactRow {
  kind: string;
  account_id: string;
  region: string;
  key: string;
  data: string | null;
  errors: string;
  content_hash: string;
  first_seen_at: string;
  last_seen_at: string;
  updated_at: string;
}

function parse<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

export function toTargetProgress(row: TargetRow): ScanTargetProgress {
  return {
    accountId: row.account_id,
    region: row.region,
    status: row.status,
    resourceCount: Number(row.resource_count),
    errorCount: Number(row.error_count),
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    errors: parse(row.errors, []),
    ...(row.call_counts ? { callCounts: parse(row.call_counts, {}) } : {}),
    ...(row.fact_source
      ? {
          changeSource: {
            mode: row.fact_source as ChangeSource['mode'],
            ...(row.fact_source_reason
              ? { reason: row.fact_source_reason }
              : {}),
          },
        }
      : {}),
  };
}

/** Sums per-target call counts when the scan has no total of its own yet. */
export function toScanRun(row: ScanRow, targets: TargetRow[]): ScanRun {
  const progress = targets.map(toTargetProgress);
  let callCounts = parse<Record<string, number> | undefined>(
    row.call_counts,
    undefined,
  );
  if (!callCounts && progress.some(t => t.callCounts)) {
    callCounts = {};
    for (const t of progress) {
      for (const [action, n] of Object.entries(t.callCounts ?? {})) {
        callCounts[action] = (callCounts[action] ?? 0) + n;
      }
    }
  }
  return {
    id: row.id,
    trigger: row.trigger,
    ...(row.requested_by ? { requestedBy: row.requested_by } : {}),
    status: row.status,
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    targets: progress,
    ...(callCounts ? { callCounts } : {}),
  };
}

/** Content of a resource row; equal hashes mean nothing to rewrite. */
export function resourceContent(r: SageMakerResource) {
  const content = {
    type: r.type,
    name: r.name,
    account_id: r.accountId,
    region: r.region,
    status: r.status ?? null,
    created_at: r.createdAt ?? null,
    tags: stableStringify(r.tags ?? {}),
    description: stableStringify(r.description ?? {}),
    errors: stableStringify(r.errors ?? []),
  };
  return { ...content, content_hash: contentHash(content) };
}

export function toStoredResource(row: ResourceRow): StoredResource {
  return {
    arn: row.arn,
    type: row.type as StoredResource['type'],
    name: row.name,
    accountId: row.account_id,
    region: row.region,
    tags: parse(row.tags, {}),
    ...(row.status ? { status: row.status } : {}),
    ...(row.created_at ? { createdAt: row.created_at } : {}),
    description: parse(row.description, {}),
    errors: parse(row.errors, []),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    ...(row.deleted_at ? { deletedAt: row.deleted_at } : {}),
  };
}

export function factContent(f: RelatedFact) {
  const content = {
    data: f.data === undefined ? null : stableStringify(f.data),
    errors: stableStringify(f.errors ?? []),
  };
  return { ...content, content_hash: contentHash(content) };
}

export function toFact(row: FactRow): RelatedFact {
  return {
    kind: row.kind as FactKind,
    key: row.key,
    accountId: row.account_id,
    region: row.region,
    ...(row.data ? { data: JSON.parse(row.data) } : {}),
    errors: parse(row.errors, []),
  } as RelatedFact;
}
