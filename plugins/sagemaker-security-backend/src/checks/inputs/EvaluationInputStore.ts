/**
 * Storage of what each resource's last evaluation read (table
 * `evaluation_inputs`): its input keys and their fingerprint. Written after
 * the resource's results, removed before them, so a stored fingerprint
 * always stands for results that are stored.
 */
import { Knex } from 'knex';
import { chunk } from '../../util/chunk';
import { upsertRows } from '../../util/bulkWrite';
import type { ResultTarget } from '../ResultStore';

const TABLE = 'evaluation_inputs';

export interface StoredInputs {
  fingerprint: string;
  /** Undefined when the stored list cannot be read (then: evaluate). */
  inputs: string[] | undefined;
}

export interface EvaluatedInputs {
  resourceArn: string;
  accountId: string;
  region: string;
  /** Undefined when none could be computed: the row is removed. */
  fingerprint: string | undefined;
  inputs: string[];
}

export interface EvaluationInputStore {
  /** The stored inputs of a target's resources, by ARN. */
  load(target: ResultTarget): Promise<Map<string, StoredInputs>>;
  /** Stores new fingerprints (and removes those that could not be computed); returns rows written. */
  save(rows: EvaluatedInputs[], at: Date): Promise<number>;
  /** Removes the target's rows whose ARN is not in `keep`; returns how many. */
  prune(target: ResultTarget, keep: ReadonlySet<string>): Promise<number>;
}

function parseInputs(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every(k => typeof k === 'string')
      ? (parsed as string[])
      : undefined;
  } catch {
    return undefined;
  }
}

export class DatabaseEvaluationInputStore implements EvaluationInputStore {
  constructor(private readonly db: Knex) {}

  async load(target: ResultTarget): Promise<Map<string, StoredInputs>> {
    const rows: Array<{
      resource_arn: string;
      fingerprint: string;
      inputs: string;
    }> = await this.db(TABLE)
      .select('resource_arn', 'fingerprint', 'inputs')
      .where({ account_id: target.accountId, region: target.region });
    // Many resources read the same inputs: one parse per distinct list.
    const parsed = new Map<string, string[] | undefined>();
    const out = new Map<string, StoredInputs>();
    for (const row of rows) {
      let inputs = parsed.get(row.inputs);
      if (!parsed.has(row.inputs)) {
        inputs = parseInputs(row.inputs);
        parsed.set(row.inputs, inputs);
      }
      out.set(row.resource_arn, { fingerprint: row.fingerprint, inputs });
    }
    return out;
  }

  async save(rows: EvaluatedInputs[], at: Date): Promise<number> {
    const stored = rows.filter(r => r.fingerprint !== undefined);
    const removed = rows
      .filter(r => r.fingerprint === undefined)
      .map(r => r.resourceArn);
    let written = 0;
    if (stored.length > 0) {
      written += await upsertRows(this.db, TABLE, {
        columns: [
          'resource_arn',
          'account_id',
          'region',
          'fingerprint',
          'inputs',
          'updated_at',
        ],
        rows: stored.map(r => [
          r.resourceArn,
          r.accountId,
          r.region,
          r.fingerprint,
          JSON.stringify(r.inputs),
          at,
        ]),
        conflict: ['resource_arn'],
      });
    }
    for (const arns of chunk(removed, 500)) {
      written += await this.db(TABLE).whereIn('resource_arn', arns).delete();
    }
    return written;
  }

  async prune(
    target: ResultTarget,
    keep: ReadonlySet<string>,
  ): Promise<number> {
    const rows: Array<{ resource_arn: string }> = await this.db(TABLE)
      .select('resource_arn')
      .where({ account_id: target.accountId, region: target.region });
    let removed = 0;
    const stale = rows.map(r => r.resource_arn).filter(arn => !keep.has(arn));
    for (const arns of chunk(stale, 500)) {
      removed += await this.db(TABLE).whereIn('resource_arn', arns).delete();
    }
    return removed;
  }
}
