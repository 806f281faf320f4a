/**
 * One account region's evaluation. With an input store, a resource is
 * evaluated only when the fingerprint of its inputs (its record, what its
 * last evaluation read, the catalogue version) differs from the stored one;
 * the others keep their results untouched. When the inventory can list its
 * resources' versions (a hash of everything but `lastSeenAt`), unchanged
 * resources are not even read: only changed ones are loaded.
 */
import {
  FactLookup,
  JOB_RESOURCE_TYPES,
  RESOURCE_TYPES,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  CheckEvaluator,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import type {
  InventoryReader,
  ScanTarget,
  StoredResource,
} from '../inventory/InventoryStore';
import { chunk } from '../util/chunk';
import type { EvaluationSummary } from './CheckEngine';
import { ListingFailures, listAll } from './engineReads';
import type {
  EvaluatedInputs,
  EvaluationInputStore,
} from './inputs/EvaluationInputStore';
import {
  inputFingerprint,
  InputValues,
  resourceIdentity,
} from './inputs/fingerprint';
import type { InputRecorder } from './inputs/InputRecorder';
import { InMemoryResourceLookup } from './resourceLookup';
import type { NewResult, ResultStore } from './ResultStore';
import { toNewResult } from './toNewResult';

const LONG_LIVED_TYPES = RESOURCE_TYPES.filter(
  type => !JOB_RESOURCE_TYPES.includes(type),
);

export interface TargetEvaluator {
  inventory: InventoryReader;
  results: ResultStore;
  inputs?: EvaluationInputStore;
  /** The catalogue's version and whatever else every result depends on. */
  version: string;
  checksById: ReadonlyMap<string, SecurityCheck>;
  pageSize: number;
  /** Counts the transitions and adds them to history. */
  record(
    transitions: StatusTransition[],
    summary: EvaluationSummary,
  ): Promise<void>;
}

export async function evaluateTarget(
  engine: TargetEvaluator,
  target: ScanTarget,
  run: {
    facts: FactLookup;
    evaluator: CheckEvaluator;
    estate: string[];
    recorder?: InputRecorder;
    listings: ListingFailures;
  },
  at: Date,
  summary: EvaluationSummary,
): Promise<void> {
  const { inventory, results, inputs, version, pageSize } = engine;
  const { facts, evaluator, recorder } = run;
  const lookup = new InMemoryResourceLookup(
    await listAll(
      inventory,
      { ...target, types: [...LONG_LIVED_TYPES] },
      pageSize,
    ),
    run.listings,
    run.estate,
  );
  recorder?.use(facts, lookup);
  const values = new InputValues(facts, lookup);
  const stored = inputs ? await inputs.load(target) : new Map();
  const keep = new Set<string>();

  /** True when the resource's inputs are those of its stored results. */
  const unchanged = (arn: string, identity: string) => {
    const before = stored.get(arn);
    return (
      recorder !== undefined &&
      before?.inputs !== undefined &&
      inputFingerprint(version, identity, before.inputs, values) ===
        before.fingerprint
    );
  };

  const evaluatePage = async (
    items: StoredResource[],
    identityOf: (resource: StoredResource) => string,
  ) => {
    const pageResults: NewResult[] = [];
    const evaluated: string[] = [];
    const pageInputs: EvaluatedInputs[] = [];
    for (const resource of items) {
      const identity = identityOf(resource);
      if (unchanged(resource.arn, identity)) continue;
      recorder?.begin();
      // Checks that throw or answer nonsense come back `unknown`.
      const evaluations = evaluator.evaluate({
        resource,
        facts: recorder?.facts ?? facts,
        resources: recorder?.resources ?? lookup,
        mode: 'live',
      });
      if (recorder) {
        const read = recorder.end();
        pageInputs.push({
          resourceArn: resource.arn,
          accountId: resource.accountId,
          region: resource.region,
          fingerprint: inputFingerprint(version, identity, read, values),
          inputs: read,
        });
      }
      summary.evaluated += 1;
      evaluated.push(resource.arn);
      for (const { checkId, outcome } of evaluations) {
        pageResults.push(
          toNewResult(engine.checksById.get(checkId)!, resource, outcome),
        );
      }
    }
    summary.results += pageResults.length;
    if (evaluated.length === 0) return;
    summary.changed = true;
    await engine.record(
      await results.replaceResults(evaluated, pageResults, at),
      summary,
    );
    // After the results: a stored fingerprint stands for stored results.
    await inputs?.save(pageInputs, at);
  };

  const versions =
    recorder && inventory.listResourceVersions
      ? await inventory.listResourceVersions(target)
      : undefined;
  if (versions) {
    // Only resources whose inputs changed are read from the inventory.
    const changed = new Map<string, string>();
    for (const { arn, version: identity } of versions) {
      summary.resources += 1;
      keep.add(arn);
      if (!unchanged(arn, identity)) changed.set(arn, identity);
    }
    for (const arns of chunk([...changed.keys()], pageSize)) {
      const { items } = await inventory.listResources({
        ...target,
        arns,
        limit: arns.length,
      });
      await evaluatePage(items, resource => changed.get(resource.arn)!);
    }
  } else {
    let cursor: string | undefined;
    do {
      const page = await inventory.listResources({
        ...target,
        cursor,
        limit: pageSize,
      });
      for (const resource of page.items) {
        summary.resources += 1;
        keep.add(resource.arn);
      }
      await evaluatePage(page.items, resourceIdentity);
      cursor = page.nextCursor;
    } while (cursor);
  }

  // Before the results: no fingerprint outlives its results.
  if (inputs && (await inputs.prune(target, keep)) > 0) {
    summary.changed = true;
  }
  const removed = await results.pruneResources(target, keep, at);
  if (removed.length > 0) summary.changed = true;
  await engine.record(removed, summary);
}
