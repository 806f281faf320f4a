/**
 * Multi-row inserts and upserts as one statement per chunk of rows, for
 * SQLite and PostgreSQL alike (`INSERT ... VALUES (...), (...) [ON CONFLICT
 * (...) DO UPDATE SET c = excluded.c]`): no per-row query and no query
 * builder per row. Chunks stay below both databases' limits on bound
 * parameters (SQLite 32,766, PostgreSQL 65,535); multi-row VALUES is not a
 * compound SELECT, so SQLite's 500-term limit does not apply.
 */
import type { Knex } from 'knex';

/** Bound parameters per statement. */
const MAX_BINDINGS = 16_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface BulkRows {
  columns: string[];
  rows: unknown[][];
  /** Columns of the unique key: conflicting rows are updated (upsert). */
  conflict?: string[];
  /** Columns an upsert updates (default: every column not in `conflict`). */
  merge?: string[];
}

/** Writes the rows; returns how many were given (each inserted or updated). */
export async function upsertRows(
  db: Knex | Knex.Transaction,
  table: string,
  { columns, rows, conflict, merge }: BulkRows,
): Promise<number> {
  if (rows.length === 0) return 0;
  const width = columns.length;
  const perStatement = Math.max(1, Math.floor(MAX_BINDINGS / width));
  const tuple = `(${new Array(width).fill('?').join(',')})`;
  const head = `INSERT INTO ${quote(table)} (${columns
    .map(quote)
    .join(',')}) VALUES `;
  let tail = '';
  if (conflict) {
    const updated = merge ?? columns.filter(c => !conflict.includes(c));
    tail =
      updated.length > 0
        ? ` ON CONFLICT (${conflict
            .map(quote)
            .join(',')}) DO UPDATE SET ${updated
            .map(c => `${quote(c)} = excluded.${quote(c)}`)
            .join(', ')}`
        : ` ON CONFLICT (${conflict.map(quote).join(',')}) DO NOTHING`;
  }
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const bindings: unknown[] = new Array(part.length * width);
    let b = 0;
    for (const row of part) {
      if (row.length !== width) {
        throw new Error(
          `${table}: a row has ${row.length} values for ${width} columns`,
        );
      }
      for (const value of row)
        bindings[b++] = value === undefined ? null : value;
    }
    const sql = `${head}${new Array(part.length).fill(tuple).join(',')}${tail}`;
    await db.raw(sql, bindings as Knex.RawBinding[]);
  }
  return rows.length;
}
