/**
 * Records what one resource's evaluation reads through its context: every
 * fact (`facts.get`) and every related resource, listing, listing failure
 * and the estate's accounts (the ResourceLookup), as input keys. Verdicts
 * the check evaluator shares between resources are told to it as a
 * `ReadTracer`, so a resource handed a kept verdict records that verdict's
 * reads too. The keys name inputs; their values are hashed by
 * `InputValues` (fingerprint.ts).
 */
import type {
  FactKind,
  FactLookup,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  ReadTracer,
  ResourceLookup,
} from '@mlsec/plugin-sagemaker-security-node';

/** Separates the parts of an input key (never in an ARN, name or region). */
export const SEP = '\u0001';

export const inputKey = {
  fact: (kind: string, accountId: string, region: string, key: string) =>
    ['f', kind, accountId, region, key].join(SEP),
  resource: (type: string, accountId: string, region: string, name: string) =>
    ['r', type, accountId, region, name].join(SEP),
  list: (type: string, accountId: string, region: string) =>
    ['l', type, accountId, region].join(SEP),
  listingErrors: (type: string, accountId: string, region: string) =>
    ['e', type, accountId, region].join(SEP),
  accounts: () => 'a',
};

export class InputRecorder implements ReadTracer {
  private log: string[] = [];
  private innerFacts: FactLookup = { get: () => undefined };
  private innerResources: ResourceLookup = {
    get: () => undefined,
    list: () => [],
  };
  /** Reads `facts` of `use`, recording each. */
  readonly facts: FactLookup = {
    get: <K extends FactKind>(
      kind: K,
      accountId: string,
      region: string,
      key: string,
    ) => {
      this.log.push(inputKey.fact(kind, accountId, region, key));
      return this.innerFacts.get(kind, accountId, region, key);
    },
  };
  /** Reads `resources` of `use`, recording each. */
  readonly resources: ResourceLookup = {
    get: (type, accountId, region, name) => {
      this.log.push(inputKey.resource(type, accountId, region, name));
      return this.innerResources.get(type, accountId, region, name);
    },
    list: (type, accountId, region) => {
      this.log.push(inputKey.list(type, accountId, region));
      return this.innerResources.list(type, accountId, region);
    },
    listingErrors: (type: ResourceType, accountId: string, region: string) => {
      this.log.push(inputKey.listingErrors(type, accountId, region));
      return this.innerResources.listingErrors?.(type, accountId, region) ?? [];
    },
    accountIds: () => {
      this.log.push(inputKey.accounts());
      return this.innerResources.accountIds?.() ?? [];
    },
  };

  /** The facts and resources read from now on (one account region's). */
  use(facts: FactLookup, resources: ResourceLookup): void {
    this.innerFacts = facts;
    this.innerResources = resources;
  }

  /** Starts the record of one resource's evaluation. */
  begin(): void {
    this.log = [];
  }

  /** The inputs read since `begin`, each once, sorted. */
  end(): string[] {
    const keys = [...new Set(this.log)].sort();
    this.log = [];
    return keys;
  }

  mark(): number {
    return this.log.length;
  }

  since(mark: number): unknown {
    return this.log.slice(mark);
  }

  replay(reads: unknown): void {
    for (const key of reads as string[]) this.log.push(key);
  }
}
