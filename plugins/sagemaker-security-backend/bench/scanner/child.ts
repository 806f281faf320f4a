/**
 * A plugin process of the benchmark: our scanner (with the check engine and
 * REST API over the same database) or the naive baseline, talking to the
 * simulated AWS in the parent over IPC (HTTP requests and responses). The parent sends commands; every
 * answer carries the process's peak RSS so far.
 */
import knexFactory, { Knex } from 'knex';
import { remoteAws } from '../aws/ipc';
import { NaiveScanner } from '../naive/naiveScanner';
import {
  CollectorRateLimits,
  createOurScanner,
  ScannerTargets,
} from './ourScanner';
import { sqliteFile } from './sqlite';

export type ScannerKind = 'ours' | 'naive';

/** A SQLite file (shared with the parent, one process at a time) or a PostgreSQL URL. */
export type DatabaseLocation = { sqlite: string } | { postgres: string };

export interface InitCommand {
  t: 'init';
  kind: ScannerKind;
  database: DatabaseLocation;
  targets: ScannerTargets;
  catalog: { entities: number; teams: number };
  /** Load the scorecard side too (evaluation with daily scores, REST API). */
  api: boolean;
  /** Our collector's pacing: the simulated AWS's rates (set by ScannerProcess). */
  rateLimits?: CollectorRateLimits;
}

export type Command =
  | InitCommand
  | { t: 'scan' }
  | { t: 'evaluate'; dailyScores: boolean }
  | { t: 'storeAgain' }
  | {
      t: 'rollups';
      route: 'team' | 'org';
      teams: number;
      requests: number;
      budgetMs: number;
    }
  | { t: 'export'; formats: Array<'csv' | 'ocsf'> }
  | { t: 'exit' };

export interface Reply {
  t: 'reply';
  ok: boolean;
  error?: string;
  wallMs?: number;
  /** CPU time of this process during the command (user + system). */
  cpuMs?: number;
  /** Whatever the command returns (scan run, figures...). */
  value?: unknown;
  maxRssBytes: number;
}

const maxRss = () => process.resourceUsage().maxRSS * 1024;

function open(location: DatabaseLocation): Knex {
  return 'sqlite' in location
    ? sqliteFile(location.sqlite)
    : knexFactory({
        client: 'pg',
        connection: location.postgres,
        pool: { min: 1, max: 5 },
      });
}

type Ours = Awaited<ReturnType<typeof createOurScanner>>;

async function main() {
  const requestHandler = remoteAws();
  let ours: Ours | undefined;
  let naive: NaiveScanner | undefined;
  const reply = (r: Omit<Reply, 't' | 'maxRssBytes'>) =>
    process.send!({ t: 'reply', maxRssBytes: maxRss(), ...r } as Reply);
  const timed = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const value = await fn();
    const used = process.cpuUsage(cpu);
    reply({
      ok: true,
      value,
      wallMs: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
    });
  };

  process.on('message', async (message: unknown) => {
    const command = message as Command;
    if (!command || typeof command !== 'object' || !('t' in command)) return;
    try {
      switch (command.t) {
        case 'init':
          if (command.kind === 'ours') {
            ours = await createOurScanner({
              db: open(command.database),
              targets: command.targets,
              requestHandler,
              catalog: command.catalog,
              api: command.api,
              rateLimits: command.rateLimits,
            });
          } else {
            naive = new NaiveScanner({
              db: open(command.database),
              targets: command.targets,
              requestHandler,
            });
          }
          reply({ ok: true });
          return;
        case 'scan':
          await timed(() => (ours ? ours.scan() : naive!.scan()));
          return;
        case 'evaluate':
          await timed(() => ours!.evaluate(command.dailyScores));
          return;
        case 'storeAgain':
          await timed(() => naive!.storeAgain());
          return;
        case 'rollups':
          await timed(async () => {
            // Loaded here: the scanner alone does not carry the API's modules.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const {
              measureRollups,
            }: typeof import('../measure/scorecards') = require('../measure/scorecards');
            return measureRollups({
              backend: ours!.scorecards(),
              inventory: ours!.inventory,
              ...command,
            });
          });
          return;
        case 'export':
          await timed(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const {
              measureExports,
            }: typeof import('../measure/exportMemory') = require('../measure/exportMemory');
            return measureExports({
              backend: ours!.scorecards(),
              inventory: ours!.inventory,
              formats: command.formats,
            });
          });
          return;
        case 'exit':
          await (ours ?? naive)?.close();
          reply({ ok: true });
          process.disconnect?.();
          return;
        default:
          return;
      }
    } catch (error) {
      reply({ ok: false, error: String((error as Error)?.stack ?? error) });
    }
  });
  process.send!({ t: 'ready' });
}

main();
