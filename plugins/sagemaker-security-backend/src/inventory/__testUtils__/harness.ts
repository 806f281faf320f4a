import type { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import { createInventory } from '../scan/createInventory';
import { AwsSimulator, AwsSimulatorOptions } from '../simulator/AwsSimulator';
import type { Estate } from '../simulator/estate';

/** A DatabaseService over an existing knex client. */
export function databaseOf(client: Knex): DatabaseService {
  return { getClient: async () => client, migrations: { skip: false } };
}

export function sqliteMemory(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
}

/**
 * Config of a scan through List, Describe and ListTags only: for tests of
 * that path's calls and failures (bulk reads: collectors/bulkReads.test.ts).
 */
export const PER_RESOURCE_READS = { inventory: { bulkReads: false } };

/**
 * `fullRefreshHours` making every scan a full refresh (every type listed,
 * every fact read): the harness's default, since most tests change the
 * estate between scans without the write events a change-driven rescan
 * goes by. Tests of change-driven rescans (changes/) pass `changeDriven`.
 */
export const EVERY_SCAN_FULL = { fullRefreshHours: 1e-9 };

/**
 * The real collector, store (in-memory SQLite) and scan service, with only the
 * AWS transport replaced by the simulator (the SDK clients' `requestHandler`;
 * credentials from the real credentials manager, through the simulator's
 * STS). Small pages force pagination.
 */
export async function createHarness(
  estate: Estate,
  options: {
    simulator?: AwsSimulatorOptions;
    config?: Record<string, unknown>;
    db?: Knex;
    /** Rescans go by event history (the plugin's default); else every scan is full. */
    changeDriven?: boolean;
  } = {},
) {
  const simulator = new AwsSimulator(estate, {
    pageSize: 2,
    ...options.simulator,
  });
  const db = options.db ?? sqliteMemory();
  /** Every request, as the simulator read it from the wire, in order. */
  const calls: Array<{ action: string; input: Record<string, any> }> = [];
  simulator.onCall(call =>
    calls.push({ action: call.action, input: call.input }),
  );
  const inventory = await createInventory({
    config: new ConfigReader({
      sagemakerSecurity: {
        scanOnStartup: false,
        ...(options.changeDriven ? {} : EVERY_SCAN_FULL),
        ...options.config,
      },
    }),
    logger: mockServices.logger.mock(),
    database: databaseOf(db),
    simulator,
    clientOptions: { retryTuning: { baseDelayMs: 1, minFillRate: 1000 } },
  });
  const scan = async () => {
    const run = await inventory.scans.triggerScan({ trigger: 'manual' });
    return (await inventory.scans.waitForScan(run.id))!;
  };
  return { simulator, inventory, store: inventory.store, db, scan, calls };
}
