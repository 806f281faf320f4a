import { CheckContext } from '../types';

/**
 * Told where the reads of a shared computation begin and end, so that the
 * reads (of facts and related resources, through the context's lookups)
 * can be recorded for every resource that is handed its value: who records
 * each resource's reads (e.g. to know which inputs its results depend on)
 * then misses none. The reads are opaque to the engine.
 *
 * @public
 */
export interface ReadTracer {
  /** A mark of the reads recorded so far. */
  mark(): number;
  /** The reads recorded since `mark`. */
  since(mark: number): unknown;
  /** Records `reads` (from `since`) again, as made by the evaluation under way. */
  replay(reads: unknown): void;
}

/**
 * What one evaluation of a context derived: the values the checks of one
 * resource share (its execution roles, buckets, KMS keys, subnets, fact
 * reads), dropped when the evaluation ends.
 */
export class EvaluationScope {
  /** The context the checks of this evaluation receive (see `contextIn`). */
  context: CheckContext | undefined;
  /** Derivations, in the order they were stored (a handful per resource: searched in order). */
  private readonly derivations: unknown[] = [];
  private readonly values: unknown[] = [];
  private derived = 0;
  /** Values stored by derivation and two arguments, as quadruples. */
  private readonly keyed: unknown[] = [];
  private stored = 0;

  constructor(readonly memory: EvaluationMemory) {}

  /** `compute(context)`, once per evaluation for `derivation`. */
  value<T>(derivation: unknown, compute: (context: CheckContext) => T): T {
    const { derivations } = this;
    for (let i = 0; i < this.derived; i++) {
      if (derivations[i] === derivation) {
        return this.values[i] as T;
      }
    }
    const value = compute(this.context!);
    // A nested derivation may have been stored meanwhile: append after it.
    derivations[this.derived] = derivation;
    this.values[this.derived] = value;
    this.derived += 1;
    return value;
  }

  /** `compute(context, a, b)`, once per evaluation for `derivation`, `a` and `b`. */
  valueFor<T, A, B>(
    derivation: unknown,
    a: A,
    b: B,
    compute: (context: CheckContext, a: A, b: B) => T,
  ): T {
    const { keyed } = this;
    for (let i = 0; i < this.stored; i += 4) {
      if (keyed[i] === derivation && keyed[i + 1] === a && keyed[i + 2] === b) {
        return keyed[i + 3] as T;
      }
    }
    const value = compute(this.context!, a, b);
    keyed[this.stored] = derivation;
    keyed[this.stored + 1] = a;
    keyed[this.stored + 2] = b;
    keyed[this.stored + 3] = value;
    this.stored += 4;
    return value;
  }

  /** Keeps nothing of the evaluation alive. */
  clear(): void {
    this.context = undefined;
    this.derivations.fill(undefined, 0, this.derived);
    this.values.fill(undefined, 0, this.derived);
    this.keyed.fill(undefined, 0, this.stored);
    this.derived = 0;
    this.stored = 0;
  }
}

/**
 * What the evaluations of one check evaluator share: values derived from a
 * collected fact (a role, a bucket, a key...) and the strings beside it,
 * kept as long as the fact object lives (facts are read-only snapshots of a
 * scan, shared by every resource of an account); the sharing keys of
 * resources that link to the same facts; verdicts shared by the resources of
 * one key. Nothing here is module state: the memory belongs to the evaluator
 * that made it, and goes with it.
 *
 * A value is handed out again only where the same inputs are certain, and a
 * derivation that throws is not kept (the next call throws the same way).
 */
export class EvaluationMemory {
  /** Values derived from a fact, by derivation, fact object and further arguments. */
  private readonly fromFacts = new Map<object, WeakMap<object, MemoNode>>();
  /** Sharing keys: lists of parts (objects by identity, other values by value). */
  private readonly interned: InternNode = {};
  /** Verdicts by judgment and sharing key. */
  private readonly verdicts = new Map<object, WeakMap<object, unknown>>();
  /** Values handed out here: the same object for many resources, never modified. */
  private readonly sharedValues = new WeakSet<object>();
  /** Scopes of finished evaluations, reused (their arrays keep their capacity). */
  private readonly idle: EvaluationScope[] = [];

  constructor(private readonly tracer?: ReadTracer) {}

  /** A scope for one evaluation; `close` it when done. */
  open(): EvaluationScope {
    return this.idle.pop() ?? new EvaluationScope(this);
  }

  /** Forgets what the evaluation derived (nothing of it stays alive). */
  close(scope: EvaluationScope): void {
    scope.clear();
    this.idle.push(scope);
  }

  /**
   * `compute()`, kept per `derivation`, `owner` object and `args`. Owners
   * that are not objects (malformed data) are never kept. With a read
   * tracer, the reads of `compute` are recorded again on every hit.
   */
  ofFact<T>(
    derivation: object,
    owner: unknown,
    args: readonly unknown[],
    compute: () => T,
  ): T {
    if (owner === null || typeof owner !== 'object') {
      return compute();
    }
    let owners = this.fromFacts.get(derivation);
    if (owners === undefined) {
      owners = new WeakMap();
      this.fromFacts.set(derivation, owners);
    }
    let node = owners.get(owner);
    if (node === undefined) {
      node = {};
      owners.set(owner, node);
    }
    for (const arg of args) {
      if (node.next === undefined) node.next = new Map();
      let next: MemoNode | undefined = node.next.get(arg);
      if (next === undefined) {
        next = {};
        node.next.set(arg, next);
      }
      node = next;
    }
    const { tracer } = this;
    if (node.computed) {
      if (tracer !== undefined) tracer.replay(node.reads);
      return node.value as T;
    }
    // The owner may be a lookup (e.g. the context's facts): what `compute`
    // reads through it is told again to every later caller.
    const mark = tracer?.mark();
    const value = compute();
    node.value = value;
    node.computed = true;
    if (tracer !== undefined) node.reads = tracer.since(mark!);
    this.markShared(value);
    return value;
  }

  /**
   * One object standing for a list of parts: objects by identity, other
   * values by value. Equal lists give the same object for as long as the
   * objects in them live. The first part must be an object (else the key is
   * new every time).
   */
  intern(parts: readonly unknown[]): object {
    const first = parts[0];
    if (first === null || typeof first !== 'object') {
      return {};
    }
    let node: InternNode = this.interned;
    for (const part of parts) {
      let next: InternNode | undefined;
      if (part !== null && typeof part === 'object') {
        if (node.objects === undefined) node.objects = new WeakMap();
        next = node.objects.get(part);
        if (next === undefined) {
          next = {};
          node.objects.set(part, next);
        }
      } else {
        if (node.values === undefined) node.values = new Map();
        next = node.values.get(part);
        if (next === undefined) {
          next = {};
          node.values.set(part, next);
        }
      }
      node = next;
    }
    if (node.key === undefined) {
      node.key = {};
    }
    return node.key;
  }

  /**
   * `compute()`, kept per `judgment` and sharing `key` (see `intern`). With
   * a read tracer, what `compute` read is kept with it and recorded again
   * for every resource the kept verdict is handed to.
   */
  verdict<T>(judgment: object, key: object, compute: () => T): T {
    let byKey = this.verdicts.get(judgment);
    if (byKey === undefined) {
      byKey = new WeakMap();
      this.verdicts.set(judgment, byKey);
    }
    const { tracer } = this;
    if (tracer === undefined) {
      let value = byKey.get(key) as T | undefined;
      if (value === undefined && !byKey.has(key)) {
        value = compute();
        byKey.set(key, value);
        this.markShared(value);
      }
      return value as T;
    }
    const kept = byKey.get(key) as { value: T; reads: unknown } | undefined;
    if (kept !== undefined) {
      tracer.replay(kept.reads);
      return kept.value;
    }
    const mark = tracer.mark();
    const value = compute();
    byKey.set(key, { value, reads: tracer.since(mark) });
    this.markShared(value);
    return value;
  }

  /** True for a value kept here (shared by many resources, never modified). */
  isShared(value: unknown): boolean {
    return (
      value !== null &&
      typeof value === 'object' &&
      this.sharedValues.has(value)
    );
  }

  private markShared(value: unknown): void {
    if (value !== null && typeof value === 'object') {
      this.sharedValues.add(value);
    }
  }
}

interface MemoNode {
  value?: unknown;
  computed?: true;
  /** What computing the value read (with a read tracer). */
  reads?: unknown;
  next?: Map<unknown, MemoNode>;
}

interface InternNode {
  key?: object;
  objects?: WeakMap<object, InternNode>;
  values?: Map<unknown, InternNode>;
}
