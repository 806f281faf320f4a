import { Context, startBackend } from '../context';

const CASES: Array<{
  name: string;
  key: string;
  config: Record<string, unknown>;
}> = [
  {
    name: 'malformed account ID',
    key: 'sagemakerSecurity.accounts',
    config: { accounts: [{ accountId: '12345' }] },
  },
  {
    name: 'negative schedule frequency',
    key: 'sagemakerSecurity.schedule',
    config: {
      schedule: {
        frequency: { minutes: -5 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 3 },
      },
    },
  },
];

/**
 * The production build started with a bad `sagemakerSecurity` value must exit
 * non-zero, naming the key, instead of staying up answering 503.
 */
export async function badConfig(ctx: Context) {
  const { report, dbName } = ctx;
  // Both at once: each waits up to a minute for its backend to exit.
  const outcomes = await Promise.all(
    CASES.map(async (c, i) => {
      const backend = await startBackend(ctx, {
        name: `bad-config-${i}`,
        // Its own in-memory database: the two start side by side.
        config: {
          sagemakerSecurity: c.config,
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        wait: false,
      });
      const code = await backend.waitExit(60_000);
      const named = backend.log().includes(c.key);
      if (code === 'running') await backend.kill9();
      return {
        good: code !== 'running' && code !== 0 && named,
        text: `${c.name}: ${
          code === 'running' ? 'still running after 60 s' : `exit code ${code}`
        }, ${named ? 'names' : 'does not name'} ${c.key}`,
      };
    }),
  );
  const ok = outcomes.every(o => o.good);
  report.figure(
    dbName,
    'bad configuration',
    outcomes.map(o => o.text),
  );
  report.check(
    dbName,
    'a bad sagemakerSecurity value makes the backend exit non-zero, naming the key',
    ok,
    outcomes.map(o => o.text).join('; '),
  );
}
