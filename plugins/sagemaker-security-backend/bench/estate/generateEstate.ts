/**
 * A synthetic SageMaker estate in the simulator's format: the counts,
 * spread round-robin over every account and region, with the references a
 * real estate has (execution roles, KMS keys, buckets, security groups,
 * subnets) so the collector reads every kind of related fact. Deterministic.
 */
import type {
  Estate,
  EstateAccount,
} from '../../src/inventory/simulator/estate';
import type { EstateSize } from '../options';
import {
  buildBuckets,
  buildIam,
  buildKeys,
  buildNetwork,
  buildTrail,
} from './accountFacts';
import { addMonitoring, addSageMakerResources } from './sagemakerResources';
import {
  accountIdOf,
  random,
  REGIONS,
  restartIds,
  share,
  Target,
} from './shared';

export { accountIdOf, SERVICE_TAG, serviceName } from './shared';

/** Generates the estate; `now` anchors creation times (jobs within 25 days). */
export function generateEstate(size: EstateSize, now = Date.now()): Estate {
  restartIds();
  const rnd = random(20261126);
  const accounts: EstateAccount[] = [];
  const targets: Target[] = [];
  const targetCount = size.accounts * size.regionsPerAccount;

  for (let a = 0; a < size.accounts; a++) {
    const accountId = accountIdOf(a);
    const account: EstateAccount = { accountId, regions: [] };
    accounts.push(account);
    for (let r = 0; r < size.regionsPerAccount; r++) {
      account.regions.push({ region: REGIONS[r], sagemaker: {} });
    }
    const roles = buildIam(
      account,
      share(size.roles, size.accounts, a, 1),
      rnd,
    );
    const regional = account.regions.map((region, r) => {
      const t = a * size.regionsPerAccount + r;
      const network = buildNetwork(
        region,
        t,
        share(size.securityGroups, targetCount, t, 1),
      );
      const keys = buildKeys(
        region,
        accountId,
        t,
        share(size.keys, targetCount, t, 1),
        rnd,
      );
      return { region, network, keys };
    });
    const keysOf = (region: string) =>
      regional.find(x => x.region.region === region)!.keys;
    const buckets = buildBuckets(
      account,
      share(size.buckets, size.accounts, a, 1),
      (region, i) => keysOf(region)[i % keysOf(region).length],
      rnd,
    );
    buildTrail(account, buckets[0]);
    for (const { region, network, keys } of regional) {
      targets.push({
        accountId,
        region: region.region,
        account,
        regionData: region,
        roles,
        buckets,
        keys,
        securityGroups: network.securityGroups,
        subnets: network.subnets,
        seen: {},
      });
    }
  }

  addSageMakerResources(targets, size, now);
  addMonitoring(targets);

  // Newest first, as AWS lists them (the simulator then sorts sorted lists).
  for (const t of targets) {
    for (const list of Object.values(t.regionData.sagemaker)) {
      list!.sort((x, y) =>
        String(y.description.CreationTime).localeCompare(
          String(x.description.CreationTime),
        ),
      );
    }
  }

  return {
    name: `bench estate: ${size.accounts} accounts x ${size.regionsPerAccount} regions, ${size.trainingJobs} training jobs`,
    accounts,
  };
}

/** The same estate shape with every count divided by `k` (at least one per account or region). */
export function sliceSize(size: EstateSize, k: number): EstateSize {
  const div = (n: number) => Math.max(n === 0 ? 0 : 1, Math.round(n / k));
  return {
    ...size,
    notebooks: div(size.notebooks),
    endpoints: div(size.endpoints),
    models: div(size.models),
    trainingJobs: div(size.trainingJobs),
    roles: div(size.roles),
    keys: div(size.keys),
    buckets: div(size.buckets),
    securityGroups: div(size.securityGroups),
    services: div(size.services),
  };
}
