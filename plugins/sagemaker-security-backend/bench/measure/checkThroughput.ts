/**
 * Check evaluation throughput on one core: the catalogue's checks over every
 * stored resource, with its account's facts and its region's long-lived
 * resources in memory, exactly as the CheckEngine feeds its check evaluator
 * (one per evaluation run).
 * CPU time of this (single-threaded) process is the measure, so other
 * processes on a shared machine do not count against it.
 */
import {
  FactLookup,
  JOB_RESOURCE_TYPES,
  RESOURCE_TYPES,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  createCheckEvaluator,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import { InMemoryResourceLookup } from '../../src/checks';
import type {
  InventoryStore,
  StoredResource,
} from '../../src/inventory/InventoryStore';

interface PassFigure {
  resources: number;
  evaluations: number;
  cpuSeconds: number;
  wallSeconds: number;
  /** Resources per CPU second. */
  perCpuSecond: number;
}

/** The best pass, and every pass's resources per CPU second (the first is cold). */
export interface ThroughputFigure extends PassFigure {
  passes: number[];
  /** The costliest checks (µs per resource they apply to), from a sample. */
  costliest: Array<{ checkId: string; microsPerResource: number }>;
}

async function listAll(
  store: InventoryStore,
  query: Parameters<InventoryStore['listResources']>[0],
): Promise<StoredResource[]> {
  const all: StoredResource[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listResources({ ...query, cursor, limit: 1000 });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export async function measureCheckThroughput(
  store: InventoryStore,
  checks: SecurityCheck[],
  targets: Array<{ accountId: string; region: string }>,
  passes = 5,
): Promise<ThroughputFigure> {
  const longLived = RESOURCE_TYPES.filter(t => !JOB_RESOURCE_TYPES.includes(t));
  const work: Array<{
    resources: StoredResource[];
    facts: FactLookup;
    lookup: InMemoryResourceLookup;
  }> = [];
  const facts = new Map<string, FactLookup>();
  for (const target of targets) {
    if (!facts.has(target.accountId)) {
      facts.set(target.accountId, await store.loadFacts([target.accountId]));
    }
    const resources = await listAll(store, target);
    work.push({
      resources,
      facts: facts.get(target.accountId)!,
      lookup: new InMemoryResourceLookup(
        resources.filter(r => longLived.includes(r.type)),
      ),
    });
  }

  // Passes over the whole inventory, each with its own evaluator (one per
  // evaluation run, as the CheckEngine makes them): the first runs while
  // V8 still compiles the checks; the backend, a long-lived process,
  // evaluates after every scan with them compiled. Five, as
  // `yarn bench:throughput` repeats by default: on shared cores one pass in
  // a process varies by a third.
  const runs: PassFigure[] = [];
  for (let pass = 0; pass < Math.max(1, passes); pass++) {
    let resources = 0;
    let evaluations = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const evaluator = createCheckEvaluator(checks);
    for (const part of work) {
      for (const resource of part.resources) {
        evaluations += evaluator.evaluate({
          resource,
          facts: part.facts,
          resources: part.lookup,
          mode: 'live',
        }).length;
        resources += 1;
      }
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    runs.push({
      resources,
      evaluations,
      cpuSeconds,
      wallSeconds,
      perCpuSecond: resources / Math.max(cpuSeconds, 1e-6),
    });
  }
  const best = runs.reduce((a, b) => (b.perCpuSecond > a.perCpuSecond ? b : a));
  return {
    ...best,
    passes: runs.map(r => r.perCpuSecond),
    costliest: costliestChecks(checks, work),
  };
}

/** Times each check alone over a sample of every target's resources (after a warm-up pass). */
function costliestChecks(
  checks: SecurityCheck[],
  work: Array<{
    resources: StoredResource[];
    facts: FactLookup;
    lookup: InMemoryResourceLookup;
  }>,
) {
  const sample = work.flatMap(part =>
    part.resources.slice(0, 300).map(resource => ({ ...part, resource })),
  );
  // One evaluator per check, shared by its warm-up and its timed pass.
  const evaluators = new Map(
    checks.map(check => [check, createCheckEvaluator([check])]),
  );
  const run = (check: SecurityCheck) => {
    let applied = 0;
    const evaluator = evaluators.get(check)!;
    for (const { resource, facts, lookup } of sample) {
      applied += evaluator.evaluate({
        resource,
        facts,
        resources: lookup,
        mode: 'live',
      }).length;
    }
    return applied;
  };
  checks.forEach(run);
  return checks
    .map(check => {
      const started = performance.now();
      const applied = run(check);
      const micros = (performance.now() - started) * 1000;
      return {
        checkId: check.id,
        applied,
        microsPerResource: micros / applied,
      };
    })
    .filter(c => c.applied > 0)
    .sort((a, b) => b.microsPerResource - a.microsPerResource)
    .slice(0, 5)
    .map(({ checkId, microsPerResource }) => ({ checkId, microsPerResource }));
}
