import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type {
  ExternalFindingSeverity,
  ExternalFindingSource,
} from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import type {
  ExternalFindingRecord,
  ExternalFindingStore,
  StoredExternalFinding,
  UpsertCounts,
} from './ExternalFindingStore';

const TABLE = 'external_findings';

/** Rows per statement: 18 columns each keeps SQLite under its bound-variable limit. */
const BATCH = 100;

/** Columns a re-import overwrites (`first_observed_at` keeps the first report). */
const MERGED = [
  'source_id',
  'resource_arn',
  'resource_key',
  'account_id',
  'region',
  'control_id',
  'title',
  'severity',
  'status',
  'remediation_url',
  'last_observed_at',
  'imported_at',
  'state',
  'resolved_at',
];

const SEVERITY_ORDER: Record<ExternalFindingSeverity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  informational: 4,
};

/** SHA-256 of a long text, for keys and indexes of the same length on every database. */
export function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Row = {
  source: string;
  source_key: string;
  source_id: string;
  resource_arn: string;
  resource_key: string;
  account_id: string;
  region: string;
  control_id: string;
  title: string;
  severity: string;
  status: string;
  remediation_url: string | null;
  first_observed_at: Date | string | number | null;
  last_observed_at: Date | string | number | null;
  imported_at: Date | string | number;
  state: string;
  resolved_at: Date | string | number | null;
};

/** SQLite returns timestamps as milliseconds, PostgreSQL as Date. */
function iso(value: Date | string | number | null): string | undefined {
  return value === null || value === undefined
    ? undefined
    : new Date(value).toISOString();
}

function toRow(record: ExternalFindingRecord, importedAt: Date): Row {
  return {
    source: record.source,
    source_key: keyOf(record.sourceId),
    source_id: record.sourceId,
    resource_arn: record.resourceArn,
    resource_key: keyOf(record.resourceArn),
    account_id: record.accountId,
    region: record.region,
    control_id: record.controlId,
    title: record.title,
    severity: record.severity,
    status: record.status,
    remediation_url: record.remediationUrl ?? null,
    first_observed_at: record.firstObservedAt
      ? new Date(record.firstObservedAt)
      : null,
    last_observed_at: record.lastObservedAt
      ? new Date(record.lastObservedAt)
      : null,
    imported_at: importedAt,
    state: 'active',
    resolved_at: null,
  };
}

function fromRow(row: Row): StoredExternalFinding {
  const first = iso(row.first_observed_at);
  const last = iso(row.last_observed_at);
  const resolvedAt = iso(row.resolved_at);
  return {
    source: row.source as ExternalFindingSource,
    sourceId: row.source_id,
    resourceArn: row.resource_arn,
    accountId: row.account_id,
    region: row.region,
    controlId: row.control_id,
    title: row.title,
    severity: row.severity as ExternalFindingSeverity,
    status: row.status as StoredExternalFinding['status'],
    ...(row.remediation_url ? { remediationUrl: row.remediation_url } : {}),
    ...(first ? { firstObservedAt: first } : {}),
    ...(last ? { lastObservedAt: last } : {}),
    importedAt: iso(row.imported_at)!,
    state: row.state as StoredExternalFinding['state'],
    ...(resolvedAt ? { resolvedAt } : {}),
  };
}

/** The knex implementation (SQLite and PostgreSQL), over `external_findings`. */
export class DatabaseExternalFindingStore implements ExternalFindingStore {
  constructor(private readonly db: Knex) {}

  upsert(
    records: ExternalFindingRecord[],
    importedAt: Date,
  ): Promise<UpsertCounts> {
    return this.db.transaction(trx => this.write(trx, records, importedAt));
  }

  replaceLocation(
    location: {
      source: ExternalFindingSource;
      accountId: string;
      region: string;
    },
    records: ExternalFindingRecord[],
    importedAt: Date,
  ): Promise<UpsertCounts & { resolved: number }> {
    return this.db.transaction(async trx => {
      const counts = await this.write(trx, records, importedAt);
      // Every row this read reported now carries `importedAt`; the active
      // rows of the location that still carry an older one were not reported.
      const resolved = await trx(TABLE)
        .where({
          source: location.source,
          account_id: location.accountId,
          region: location.region,
          state: 'active',
        })
        .where('imported_at', '<', importedAt)
        .update({ state: 'resolved', resolved_at: importedAt });
      return { ...counts, resolved };
    });
  }

  async listByResources(
    arns: string[],
    options: { includeResolved?: boolean } = {},
  ): Promise<StoredExternalFinding[]> {
    const found: StoredExternalFinding[] = [];
    for (const batch of chunk([...new Set(arns)], 500)) {
      const query = this.db<Row>(TABLE).whereIn(
        'resource_key',
        batch.map(keyOf),
      );
      if (!options.includeResolved) query.where({ state: 'active' });
      found.push(...(await query.select()).map(fromRow));
    }
    return found.sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.resourceArn.localeCompare(b.resourceArn) ||
        a.controlId.localeCompare(b.controlId) ||
        a.source.localeCompare(b.source) ||
        a.sourceId.localeCompare(b.sourceId),
    );
  }

  private async write(
    trx: Knex.Transaction,
    records: ExternalFindingRecord[],
    importedAt: Date,
  ): Promise<UpsertCounts> {
    let imported = 0;
    let updated = 0;
    // One row per finding: the last of repeated ids wins.
    const unique = new Map<string, ExternalFindingRecord>();
    for (const record of records) {
      const key = `${record.source}\u0000${record.sourceId}`;
      unique.delete(key);
      unique.set(key, record);
    }
    for (const batch of chunk([...unique.values()], BATCH)) {
      const rows = batch.map(record => toRow(record, importedAt));
      for (const source of new Set(rows.map(r => r.source))) {
        const keys = rows.filter(r => r.source === source);
        const existing = await trx(TABLE)
          .where({ source })
          .whereIn(
            'source_key',
            keys.map(r => r.source_key),
          )
          .count({ n: '*' });
        const before = Number(existing[0].n);
        updated += before;
        imported += keys.length - before;
      }
      await trx(TABLE)
        .insert(rows)
        .onConflict(['source', 'source_key'])
        .merge(MERGED);
    }
    return { imported, updated };
  }
}
