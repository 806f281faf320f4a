/**
 * The child process of `yarn bench --only import`: the real backend plugin
 * (src/plugin.ts) on an in-memory SQLite database, started with
 * startTestBackend and mock core services (every caller allowed), serving
 * its REST API on a free port. It samples its own RSS while the parent
 * uploads, so that the client's memory is not counted.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readFileSync } from 'node:fs';
import Knex from 'knex';
import { sagemakerSecurityPlugin } from '../../src/plugin';

type Command =
  | { t: 'baseline' }
  | { t: 'peak' }
  | { t: 'count' }
  | { t: 'jsonParse'; file: string };

async function main() {
  const knex = Knex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const backend = await startTestBackend({
    features: [
      sagemakerSecurityPlugin,
      mockServices.rootConfig.factory({
        data: { sagemakerSecurity: { scanOnStartup: false } },
      }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootLogger.factory({ level: 'warn' }),
    ],
  });
  let peak = 0;
  let sampler: NodeJS.Timeout | undefined;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  process.on('message', (command: Command) => {
    if (command.t === 'baseline') {
      (global as any).gc?.();
      const baseline = process.memoryUsage.rss();
      peak = baseline;
      sampler = setInterval(sample, 2);
      process.send!({ t: 'baseline', value: baseline });
    } else if (command.t === 'peak') {
      sample();
      if (sampler) clearInterval(sampler);
      process.send!({ t: 'peak', value: peak });
    } else if (command.t === 'jsonParse') {
      (global as any).gc?.();
      const before = process.memoryUsage.rss();
      const parsed = JSON.parse(readFileSync(command.file, 'utf8'));
      const after = process.memoryUsage.rss();
      process.send!({
        t: 'jsonParse',
        value: parsed.length > 0 ? after - before : 0,
      });
    } else {
      knex('external_findings')
        .count({ n: '*' })
        .then(([row]) => process.send!({ t: 'count', value: Number(row.n) }));
    }
  });
  process.send!({
    t: 'ready',
    port: (backend.server.address() as { port: number }).port,
    token: mockCredentials.service.header(),
  });
}

main().catch(error => {
  process.stderr.write(
    `import bench server failed: ${error?.stack ?? error}\n`,
  );
  process.exit(1);
});
