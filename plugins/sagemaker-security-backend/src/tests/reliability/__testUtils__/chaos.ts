/**
 * Fault injection on the wire. An interceptor of the AWS simulator, which
 * every SDK client has as its HTTP transport: each attempt (the SDK's retry
 * loop sends each one) may be throttled, hit a burst of 5xx, be denied,
 * find its region unreachable, or get a malformed answer. Each fault is the
 * service's own answer in its protocol (or a refused connection), so the
 * SDK's deserializers, error classes and real adaptive retry strategy
 * handle it as they would against AWS. Role assumption (STS) is left alone.
 */
import type { Interceptor } from '../../../inventory/simulator/AwsSimulator';
import {
  accessDenied,
  internalError,
  throttled,
} from '../../../inventory/simulator/awsErrors';

/** A seeded pseudo-random sequence (mulberry32), so a failing run replays. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rewrites a successful answer into a malformed one (or leaves it). */
export type OutputCorruption = (output: any) => any;

export interface ChaosPlan {
  seed: number;
  /** Share of attempts answered with ThrottlingException (0–1). */
  throttleRate?: number;
  /**
   * Bursts of 500 InternalFailure: a burst starts on an attempt with this
   * probability and then fails the next `length` attempts of that client.
   */
  serverErrorBursts?: { probability: number; length: number };
  /** Calls answered AccessDenied (one call each: the first matching one). */
  denyOnce?: Array<{ action: string; target?: string }>;
  /** Account regions where every connection fails (ECONNREFUSED). */
  unreachable?: Array<{ accountId: string; region: string }>;
  /**
   * Malformed answers by IAM action: `every`th matching call (1 = all) is
   * corrupted; the others are answered normally.
   */
  corrupt?: Record<string, { every: number; corruption: OutputCorruption }>;
  /** From this attempt on, calls hang until `release()` (a stuck worker). */
  hangFromAttempt?: number;
}

/** What the chaos did, to assert that each fault really happened. */
export interface ChaosLog {
  attempts: number;
  throttled: number;
  serverErrors: number;
  denied: Array<{ action: string; target?: string }>;
  unreachable: number;
  corrupted: Record<string, string[]>;
}

function mentions(input: unknown, target: string): boolean {
  return JSON.stringify(input ?? {}).includes(target);
}

/** What a corrupted call was about, for the log (first string in the input). */
function subjectOf(input: unknown): string {
  const first = Object.values((input ?? {}) as Record<string, unknown>).find(
    v => typeof v === 'string',
  );
  return String(first ?? '-');
}

/** Builds the interceptor; install it with `simulator.intercept`. */
export function createChaos(plan: ChaosPlan): {
  intercept: Interceptor;
  log: ChaosLog;
  /** Lets hung calls go on. */
  release: () => void;
} {
  const random = seededRandom(plan.seed);
  const log: ChaosLog = {
    attempts: 0,
    throttled: 0,
    serverErrors: 0,
    denied: [],
    unreachable: 0,
    corrupted: {},
  };
  const pendingDenials = [...(plan.denyOnce ?? [])];
  const corruptCounts = new Map<string, number>();
  /** Attempts left in a 5xx burst, per client (account, region, service). */
  const bursts = new Map<string, number>();
  let released = false;
  const hung: Array<() => void> = [];
  const release = () => {
    released = true;
    hung.splice(0).forEach(go => go());
  };

  const intercept: Interceptor = async (call, answer) => {
    const { service, action, accountId, region, input } = call;
    if (service === 'sts') return answer();
    log.attempts += 1;
    if (
      !released &&
      plan.hangFromAttempt !== undefined &&
      log.attempts >= plan.hangFromAttempt
    ) {
      await new Promise<void>(resolve => hung.push(resolve));
    }
    const down = (plan.unreachable ?? []).some(
      u => u.accountId === accountId && u.region === region,
    );
    if (down) {
      log.unreachable += 1;
      // What the SDK's HTTP handler rejects with when the socket is refused.
      throw Object.assign(
        new Error(`connect ECONNREFUSED ${service}.${region}`),
        { code: 'ECONNREFUSED' },
      );
    }
    const denial = pendingDenials.findIndex(
      d => d.action === action && (!d.target || mentions(input, d.target)),
    );
    if (denial >= 0) {
      log.denied.push(pendingDenials.splice(denial, 1)[0]);
      throw accessDenied(service, accountId, action);
    }
    const client = `${accountId}|${region}|${service}`;
    const burstLeft = bursts.get(client) ?? 0;
    if (
      burstLeft > 0 ||
      random() < (plan.serverErrorBursts?.probability ?? 0)
    ) {
      bursts.set(
        client,
        burstLeft > 0 ? burstLeft - 1 : plan.serverErrorBursts!.length - 1,
      );
      log.serverErrors += 1;
      throw internalError(service);
    }
    if (random() < (plan.throttleRate ?? 0)) {
      log.throttled += 1;
      throw throttled(service, action);
    }
    const output = await answer();
    const rule = plan.corrupt?.[action];
    if (rule) {
      const n = (corruptCounts.get(action) ?? 0) + 1;
      corruptCounts.set(action, n);
      if (n % rule.every === 0) {
        (log.corrupted[action] ??= []).push(subjectOf(input));
        return rule.corruption(structuredClone(output));
      }
    }
    return output;
  };
  return { intercept, log, release };
}
