/**
 * The scorecard side of one database at the full estate: the plugin process
 * evaluates the stored inventory (check engine) and rescores every entity
 * (as after every scan in the plugin), then serves the REST API
 * while the rollup routes are timed. A route that does not answer in time
 * stops the process: its figure is "more than" the time waited. Sampling
 * stops once its budget has passed; the command waits twice the budget
 * (the team rollup four times), so that sampling that ends just past the
 * budget on a loaded machine is not taken for a request with no answer.
 */
import type { Estate } from '../../src/inventory/simulator/estate';
import { SimulatedAws } from '../aws/SimulatedAws';
import type { DatabaseLocation } from '../scanner/child';
import type { EvaluationFigure } from '../scanner/ourScanner';
import { CommandTimeout, ScannerProcess } from '../scanner/ScannerProcess';
import type { RollupSize } from '../options';
import { targetsOf, UNLIMITED } from './scanSide';
import type { LatencyFigure, RollupFigures } from './scorecards';

/** Heap of the API process (the org-wide findings export loads every result). */
const API_HEAP_MB = 8192;

export interface ApiSide {
  /** Collects (PostgreSQL) and evaluates; resolves when the data is ready. */
  ready: Promise<EvaluationFigure>;
  measure(progress: (message: string) => void): Promise<RollupFigures>;
}

export function startApiSide(options: {
  name: string;
  database: DatabaseLocation;
  estate: Estate;
  /** Collect the estate into this database first (unthrottled AWS). */
  collect: boolean;
  catalog: { entities: number; teams: number };
  rollup: RollupSize;
}): ApiSide {
  // Only a process that collects calls AWS.
  const aws = new SimulatedAws(
    options.collect ? options.estate : { name: 'none', accounts: [] },
    UNLIMITED,
  );
  const started = ScannerProcess.start(
    aws,
    {
      kind: 'ours',
      database: options.database,
      targets: targetsOf(options.estate),
      catalog: options.catalog,
      api: true,
    },
    { heapMb: API_HEAP_MB },
  );
  const ready = started.then(async process => {
    if (options.collect) await process.send({ t: 'scan' });
    const reply = await process.send({ t: 'evaluate', dailyScores: true });
    return reply.value as EvaluationFigure;
  });
  const budgetMs = options.rollup.budgetSeconds * 1000;
  const route = async (
    process: ScannerProcess,
    name: 'team' | 'org',
    timeoutMs: number,
  ): Promise<LatencyFigure> => {
    try {
      const reply = await process.send(
        {
          t: 'rollups',
          route: name,
          teams: options.rollup.teams,
          requests: options.rollup.requests,
          budgetMs,
        },
        { timeoutMs },
      );
      return reply.value as LatencyFigure;
    } catch (error) {
      if (!(error instanceof CommandTimeout)) throw error;
      return {
        requests: 0,
        p50Ms: NaN,
        p95Ms: NaN,
        maxMs: NaN,
        failures: 0,
        timedOutAfterMs: timeoutMs,
      };
    }
  };
  return {
    ready,
    async measure(progress) {
      const process = await started;
      try {
        progress(`${options.name}: team rollup latency`);
        const team = await route(process, 'team', budgetMs * 4);
        progress(`${options.name}: org rollup page latency`);
        const org: LatencyFigure = process.running
          ? await route(process, 'org', budgetMs * 2)
          : {
              requests: 0,
              p50Ms: NaN,
              p95Ms: NaN,
              maxMs: NaN,
              failures: 0,
              notMeasured: 'the team rollup did not answer in time first',
            };
        return { team, org };
      } finally {
        await process.stop();
      }
    },
  };
}
