import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';

export const PLUGIN_ID = 'sagemaker-security';

/**
 * A database for the backends under test: created empty, inspected read-only
 * (the probe drives the backend over HTTP; it reads tables only to check that
 * reads changed nothing and how many waivers are active), dropped at the end.
 */
export interface ProbeDatabase {
  kind: 'sqlite' | 'postgres';
  /** `backend.database` of the backend config. */
  backendConfig(): Record<string, unknown>;
  /** A client of the plugin's own database. */
  pluginClient(): Knex;
  drop(): Promise<void>;
}

export function sqliteDatabase(dir: string): ProbeDatabase {
  const directory = join(dir, 'sqlite');
  mkdirSync(directory, { recursive: true });
  let client: Knex | undefined;
  return {
    kind: 'sqlite',
    backendConfig: () => ({
      client: 'better-sqlite3',
      connection: { directory },
    }),
    pluginClient() {
      client ??= knexFactory({
        client: 'better-sqlite3',
        connection: {
          filename: join(directory, `${PLUGIN_ID}.sqlite`),
          options: { readonly: true },
        },
        useNullAsDefault: true,
      } as Knex.Config);
      return client;
    },
    async drop() {
      await client?.destroy();
    },
  };
}

export function postgresDatabase(connectionString: string): ProbeDatabase {
  const url = new URL(connectionString);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  // Each plugin gets its own database, named prefix + plugin id.
  const prefix = `probe_${randomBytes(4).toString('hex')}_`;
  let client: Knex | undefined;
  const admin = () =>
    knexFactory({
      client: 'pg',
      connection: { ...connection, database: 'postgres' },
    });
  return {
    kind: 'postgres',
    backendConfig: () => ({ client: 'pg', prefix, connection }),
    pluginClient() {
      client ??= knexFactory({
        client: 'pg',
        connection: { ...connection, database: `${prefix}${PLUGIN_ID}` },
        pool: { min: 0, max: 2 },
      });
      return client;
    },
    async drop() {
      await client?.destroy();
      const db = admin();
      try {
        const { rows } = await db.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows as Array<{ datname: string }>) {
          await db.raw('drop database if exists ?? with (force)', [datname]);
        }
      } finally {
        await db.destroy();
      }
    },
  };
}

/** The plugin's data tables (not the scheduler's, migrations' or key store's). */
async function dataTables(db: Knex): Promise<string[]> {
  const client = String(db.client.config.client);
  const names: string[] =
    client === 'pg'
      ? (
          await db.raw(
            "select tablename as name from pg_tables where schemaname = 'public'",
          )
        ).rows.map((r: { name: string }) => r.name)
      : (
          await db.raw("select name from sqlite_master where type = 'table'")
        ).map((r: { name: string }) => r.name);
  return names
    .filter(
      n =>
        !n.startsWith('backstage_backend_') &&
        !n.startsWith('knex_') &&
        !n.startsWith('sqlite_'),
    )
    .sort();
}

/** Row count and content hash of every data table. */
export async function snapshot(
  db: Knex,
): Promise<Map<string, { rows: number; hash: string }>> {
  const result = new Map<string, { rows: number; hash: string }>();
  for (const table of await dataTables(db)) {
    const rows = (await db(table).select()).map(row => JSON.stringify(row));
    rows.sort();
    result.set(table, {
      rows: rows.length,
      hash: createHash('sha256').update(rows.join('\n')).digest('hex'),
    });
  }
  return result;
}

/** Tables whose rows differ between two snapshots. */
export function changedTables(
  before: Map<string, { rows: number; hash: string }>,
  after: Map<string, { rows: number; hash: string }>,
): string[] {
  const tables = new Set([...before.keys(), ...after.keys()]);
  return [...tables].filter(t => before.get(t)?.hash !== after.get(t)?.hash);
}
