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
import {
  CheckEngine,
  DatabaseEvaluationInputStore,
  DatabaseResultStore,
} from '../../src/checks';
import { DatabaseHistoryStore } from '../../src/history';
import { DatabaseInventoryStore } from '../../src/inventory';
import { chunk } from '../../src/util/chunk';
import { databaseOf, quietLogger, sqliteFile } from '../scanner/sqlite';
import { createPostgresDatabase } from './postgres';

export interface EvaluationRun {
  seconds: number;
  /**
   * CPU seconds of this process (checks, hashing, SQL building; with SQLite
   * also the database, which runs in-process): on a shared machine, what
   * the wall time would approach unloaded.
   */
  cpuSeconds: number;
  resources: number;
  /** Resources whose checks ran (the others' inputs were unchanged). */
  evaluated: number;
  results: number;
  /** Rows of results, history and inputs inserted, updated or deleted. */
  rowsWritten: number;
  /** Insert, update and delete statements on them (knex query events). */
  writeStatements: number;
  /** Rows of `evaluation_targets` written (when each target was evaluated). */
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

/** Insert, update and delete statements, by whether they set evaluation times. */
function countStatements(db: Knex) {
  const counted = { writes: 0, targetWrites: 0 };
  db.on('query', (q: { sql: string }) => {
    const sql = q.sql.trim().toLowerCase();
    if (!/^(insert|update|delete)/.test(sql)) return;
    if (sql.includes('evaluation_targets')) counted.targetWrites += 1;
    else counted.writes += 1;
  });
  return counted;
}

async function count(db: Knex, table: string, since?: Date): Promise<number> {
  if (!(await db.schema.hasTable(table))) return 0;
  const query = db(table).count({ n: '*' });
  if (since) query.where('updated_at', '>=', since);
  const [{ n }] = await query;
  return Number(n);
}

/** Rows of the results, history and inputs tables, for the rows-written figure. */
async function tableCounts(db: Knex) {
  return {
    results: await count(db, 'check_results'),
    transitions: await count(db, 'result_transitions'),
    inputs: await count(db, 'evaluation_inputs'),
  };
}

async function runOnce(db: Knex, engine: CheckEngine): Promise<EvaluationRun> {
  const before = await tableCounts(db);
  const counted = countStatements(db);
  const started = new Date();
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  const summary = await engine.evaluateNow();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  db.removeAllListeners('query');
  const after = await tableCounts(db);
  // Rows inserted or updated carry this run's time; deleted rows are missing.
  const rowsWritten =
    after.transitions -
    before.transitions +
    (await count(db, 'check_results', started)) +
    (await count(db, 'evaluation_inputs', started)) +
    Math.max(0, before.results - after.results) +
    Math.max(0, before.inputs - after.inputs);
  return {
    seconds,
    cpuSeconds,
    resources: summary.resources,
    evaluated: summary.evaluated ?? summary.resources,
    results: summary.results,
    rowsWritten,
    writeStatements: counted.writes,
    targetRowsWritten: counted.targetWrites,
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
      inputs: new DatabaseEvaluationInputStore(db),
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
