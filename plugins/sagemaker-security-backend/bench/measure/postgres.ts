/** A fresh PostgreSQL database for the benchmark, dropped afterwards. */
import knexFactory from 'knex';

export async function createPostgresDatabase(
  connection: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mlsec_bench_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.destroy();
    throw error;
  }
  const url = new URL(connection);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.destroy();
      }
    },
  };
}
