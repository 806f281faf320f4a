import type { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import { iamActionOf } from '../aws/actions';
import type { ClientCustomizer } from '../aws/clients';
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
 * The real collector, store (in-memory SQLite) and scan service, with only the
 * AWS transport replaced by the simulator. Small pages force pagination.
 */
export async function createHarness(
  estate: Estate,
  options: {
    simulator?: AwsSimulatorOptions;
    config?: Record<string, unknown>;
    db?: Knex;
  } = {},
) {
  const simulator = new AwsSimulator(estate, {
    pageSize: 2,
    ...options.simulator,
  });
  const db = options.db ?? sqliteMemory();
  /** Every call sent (before the simulator answers it), in order. */
  const calls: Array<{ action: string; input: Record<string, any> }> = [];
  const record: ClientCustomizer = (client, info) => {
    client.middlewareStack.add(
      (next: any, context: any) => async (args: any) => {
        calls.push({
          action: iamActionOf(info.service, String(context.commandName)),
          input: args.input ?? {},
        });
        return next(args);
      },
      { step: 'deserialize', priority: 'high', name: 'harnessRecord' },
    );
    simulator.attach(client, info);
  };
  const inventory = await createInventory({
    config: new ConfigReader({
      sagemakerSecurity: { scanOnStartup: false, ...options.config },
    }),
    logger: mockServices.logger.mock(),
    database: databaseOf(db),
    simulator,
    clientOptions: {
      retryTuning: { baseDelayMs: 1, minFillRate: 1000 },
      customizeClient: record,
    },
  });
  const scan = async () => {
    const run = await inventory.scans.triggerScan({ trigger: 'manual' });
    return (await inventory.scans.waitForScan(run.id))!;
  };
  return { simulator, inventory, store: inventory.store, db, scan, calls };
}
