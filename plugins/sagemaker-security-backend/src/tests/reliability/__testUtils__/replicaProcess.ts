/**
 * A replica in its own process, for a test to kill with SIGKILL: the real
 * scheduler and the real inventory (createInventory, as src/plugin.ts wires
 * it) on the database the test gives, scanning an estate through the AWS
 * simulator. Every AWS call hangs, as against an AWS that stopped answering,
 * so the replica holds the targets it claimed until it is killed.
 *
 * Run with `node -r @backstage/cli/config/nodeTransform.cjs replicaProcess.ts`
 * and, in the environment: REPLICA_KNEX (knex config, JSON), REPLICA_CONFIG
 * (app config, JSON), REPLICA_ESTATE (estate file). Prints one JSON line per
 * event on stdout: `{"event":"scan","id":...}` after triggering a scan,
 * `{"event":"hang","target":"<account>/<region>"}` at a target's first call.
 */
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { createInventory } from '../../../inventory/scan/createInventory';
import { AwsSimulator } from '../../../inventory/simulator/AwsSimulator';
import { loadEstate } from '../../../inventory/simulator/loadEstate';
import { consoleLogger, realScheduler } from './realScheduler';

const emit = (event: object) =>
  process.stdout.write(`${JSON.stringify(event)}\n`);

async function main() {
  const knex = knexFactory(JSON.parse(process.env.REPLICA_KNEX!));
  const logger = consoleLogger('replica-a', true);
  const { scheduler } = realScheduler(knex, logger);
  const simulator = new AwsSimulator(
    await loadEstate(process.env.REPLICA_ESTATE!),
  );
  const hanging = new Set<string>();
  // Every AWS call (role assumption apart) is received and never answered.
  simulator.intercept(async (call, answer) => {
    if (call.service === 'sts') return answer();
    const target = `${call.accountId}/${call.region}`;
    if (!hanging.has(target)) {
      hanging.add(target);
      emit({ event: 'hang', target });
    }
    return new Promise<never>(() => {});
  });
  const inventory = await createInventory({
    config: new ConfigReader(JSON.parse(process.env.REPLICA_CONFIG!)),
    logger,
    database: { getClient: async () => knex, migrations: { skip: false } },
    scheduler,
    simulator,
  });
  const scan = await inventory.scans.triggerScan({ trigger: 'manual' });
  emit({ event: 'scan', id: scan.id });
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
