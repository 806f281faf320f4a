import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';

/** A knex client over a SQLite file (shared by the scanner and the parent, one at a time). */
export function sqliteFile(filename: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
}

export function databaseOf(client: Knex): DatabaseService {
  return { getClient: async () => client, migrations: { skip: false } };
}

/** Bytes the database's pages hold (free pages excluded). */
export async function sqliteBytes(client: Knex): Promise<number> {
  const one = async (pragma: string) => {
    const rows = (await client.raw(`PRAGMA ${pragma}`)) as Array<
      Record<string, number>
    >;
    return Number(Object.values(rows[0])[0]);
  };
  const [pageCount, freePages, pageSize] = [
    await one('page_count'),
    await one('freelist_count'),
    await one('page_size'),
  ];
  return (pageCount - freePages) * pageSize;
}

/** Logs errors only: progress lines would distort the timings. */
export function quietLogger(): LoggerService {
  const logger: LoggerService = {
    error: (message: string) => process.stderr.write(`[bench] ${message}\n`),
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
