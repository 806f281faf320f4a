/**
 * The evaluation figures: end-to-end evaluation (the CheckEngine's checks
 * and storage of results, history and input fingerprints) of a stored
 * inventory on a fresh results database, then the evaluation after a scan
 * that changed nothing (every resource's `last_seen_at` moves, as a scan's
 * touch does), with the rows it writes counted from knex's query events.
 * The inventory comes from a SQLite file (`yarn bench:throughput --db`
 * scans one); PostgreSQL gets a copy of its inventory tables first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import knexFactory, { Knex } from 'knex';
import { CheckEngine, DatabaseResultStore } from '../../src/checks';
import { DatabaseHistoryStore } from '../../src/history';
import { DatabaseInventoryStore } from '../../src/inventory';
import { chunk } from '../../src/util/chunk';
import { databaseOf, quietLogger, sqliteFile } from '../scanner/sqlite';
import { createPostgresDatabase } from './postgres';

export interface EvaluationRun {
  seconds: number;
  resources: number;
  /** Resources whose checks ran (the others' inputs were unchanged). */
  evaluated: number;
  results: number;
  /** Rows inserted, updated or deleted, counted from knex's query events. */
  rowsWritten: number;
  /** Of those, rows of `evaluation_targets` (when each target was evaluated). */
  targetRowsWritten: number;
}

export interface EvaluationFigures {
  database: 'sqlite' | 'postgres';
  full: EvaluationRun;
  noChange: EvaluationRun;
}

const INVENTORY_TABLES = [
  'inventory_scans',
  'inventory_scan_targets',
  'inventory_resources',
  'inventory_resource_tags',
  'inventory_facts',
];

/** Counts the rows each insert, update and delete statement writes. */
function countWrites(db: Knex) {
  const counted = { rows: 0, targetRows: 0 };
  const byQuery = new Map<string, { table: string; method: string }>();
  db.on(
    'query',
    (q: { __knexQueryUid: string; sql: string; method: string }) => {
      const method = q.method ?? q.sql.split(' ')[0].toLowerCase();
      if (!['insert', 'update', 'del', 'delete'].includes(method)) return;
      const table = /(?:into|update|from)\s+[`"]?(\w+)/i.exec(q.sql)?.[1] ?? '';
      byQuery.set(q.__knexQueryUid, { table, method });
    },
  );
  db.on(
    'query-response',
    (response: unknown, q: { __knexQueryUid: string }) => {
      const seen = byQuery.get(q.__knexQueryUid);
      if (!seen) return;
      byQuery.delete(q.__knexQueryUid);
      let rows = 0;
      if (typeof response === 'number') rows = response;
      else if (Array.isArray(response)) rows = response.length;
      else if (response && typeof response === 'object') {
        const r = response as { rowCount?: number; changes?: number };
        rows = Number(r.rowCount ?? r.changes ?? 0);
      }
      counted.rows += rows;
      if (seen.table === 'evaluation_targets') counted.targetRows += rows;
    },
  );
  return counted;
}

async function runOnce(db: Knex, engine: CheckEngine): Promise<EvaluationRun> {
  const counted = countWrites(db);
  const started = performance.now();
  const summary = await engine.evaluateNow();
  const seconds = (performance.now() - started) / 1000;
  db.removeAllListeners('query');
  db.removeAllListeners('query-response');
  const evaluated = (summary as { evaluated?: number }).evaluated;
  return {
    seconds,
    resources: summary.resources,
    evaluated: evaluated ?? summary.resources,
    results: summary.results,
    rowsWritten: counted.rows,
    targetRowsWritten: counted.targetRows,
  };
}

async function measureOn(
  db: Knex,
  database: EvaluationFigures['database'],
  progress: (message: string) => void,
): Promise<EvaluationFigures> {
  const inventory = await DatabaseInventoryStore.create({
    database: databaseOf(db),
  });
  const engine = () =>
    new CheckEngine({
      inventory,
      checks: defaultChecks,
      results: new DatabaseResultStore(db),
      history: new DatabaseHistoryStore(db),
      logger: quietLogger(),
    });
  progress(`${database}: full evaluation on an empty results database`);
  const full = await runOnce(db, engine());
  // What a scan that finds nothing new does to the inventory.
  await db('inventory_resources').update({ last_seen_at: new Date() });
  progress(`${database}: evaluation after a scan with no changes`);
  // A new engine: nothing is carried over in memory from the first run.
  const noChange = await runOnce(db, engine());
  return { database, full, noChange };
}

/** Copies the inventory tables of the SQLite file into PostgreSQL. */
async function copyInventory(from: Knex, to: Knex): Promise<void> {
  await DatabaseInventoryStore.create({ database: databaseOf(to) });
  for (const table of INVENTORY_TABLES) {
    const rows = await from(table).select('*');
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]).length;
    for (const batch of chunk(rows, Math.floor(30_000 / columns))) {
      await to(table).insert(batch);
    }
  }
  // Serial ids continue after the copied rows.
  for (const table of INVENTORY_TABLES) {
    const [{ id }] = await to
      .raw(
        `SELECT column_name AS id FROM information_schema.columns WHERE table_name = ? AND column_default LIKE 'nextval%'`,
        [table],
      )
      .then((r: { rows: Array<{ id: string }> }) =>
        r.rows.length ? r.rows : [{ id: '' }],
      );
    if (id) {
      await to.raw(
        `SELECT setval(pg_get_serial_sequence(?, ?), (SELECT COALESCE(MAX(${id}), 1) FROM ${table}))`,
        [table, id],
      );
    }
  }
}

export async function measureEvaluation(options: {
  inventoryFile: string;
  workDir: string;
  postgres?: string;
  progress: (message: string) => void;
}): Promise<{ sqlite: EvaluationFigures; postgres?: EvaluationFigures }> {
  const copy = path.join(options.workDir, 'evaluation.sqlite');
  fs.copyFileSync(options.inventoryFile, copy);
  const sqlite = sqliteFile(copy);
  let sqliteFigures: EvaluationFigures;
  try {
    // Results of an earlier run in the file do not count.
    for (const table of [
      'check_results',
      'evaluation_targets',
      'result_transitions',
    ]) {
      if (await sqlite.schema.hasTable(table)) await sqlite(table).delete();
    }
    if (await sqlite.schema.hasTable('evaluation_inputs')) {
      await sqlite('evaluation_inputs').delete();
    }
    sqliteFigures = await measureOn(sqlite, 'sqlite', options.progress);
  } finally {
    await sqlite.destroy();
    fs.rmSync(copy, { force: true });
  }
  if (!options.postgres) return { sqlite: sqliteFigures };
  const pg = await createPostgresDatabase(options.postgres);
  const source = sqliteFile(options.inventoryFile);
  const target = knexFactory({
    client: 'pg',
    connection: pg.url,
    pool: { min: 1, max: 5 },
  });
  try {
    options.progress('postgres: copying the inventory');
    await copyInventory(source, target);
    return {
      sqlite: sqliteFigures,
      postgres: await measureOn(target, 'postgres', options.progress),
    };
  } finally {
    await source.destroy();
    await target.destroy();
    await pg.drop();
  }
}
