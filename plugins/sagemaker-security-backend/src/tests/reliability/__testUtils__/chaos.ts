/**
 * Fault injection at the SDK transport. A middleware of every SDK client,
 * inside the SDK's retry loop (after `retryMiddleware`) and in front of the
 * AWS simulator: each attempt may be throttled, hit a burst of 5xx, be
 * denied, find its region unreachable, or get a malformed answer. The SDK's
 * real adaptive retry strategy handles what it would handle against AWS.
 */
import type { ClientCustomizer } from '../../../inventory/aws/clients';
import { iamActionOf } from '../../../inventory/aws/actions';
import { awsError } from '../../../inventory/simulator/awsErrors';

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

/** Builds the middleware; attach it after the simulator. */
export function createChaos(plan: ChaosPlan): {
  attach: ClientCustomizer;
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
  let released = false;
  const hung: Array<() => void> = [];
  const release = () => {
    released = true;
    hung.splice(0).forEach(go => go());
  };

  const attach: ClientCustomizer = (client, info) => {
    let burstLeft = 0;
    const down = (plan.unreachable ?? []).some(
      u => u.accountId === info.accountId && u.region === info.region,
    );
    client.middlewareStack.add(
      (next: any, context: { commandName?: string }) => async (args: any) => {
        const action = iamActionOf(info.service, String(context.commandName));
        log.attempts += 1;
        if (
          !released &&
          plan.hangFromAttempt !== undefined &&
          log.attempts >= plan.hangFromAttempt
        ) {
          await new Promise<void>(resolve => hung.push(resolve));
        }
        if (down) {
          log.unreachable += 1;
          throw Object.assign(
            new Error(`connect ECONNREFUSED ${info.service}.${info.region}`),
            { name: 'Error', code: 'ECONNREFUSED' },
          );
        }
        const denial = pendingDenials.findIndex(
          d =>
            d.action === action &&
            (!d.target || mentions(args.input, d.target)),
        );
        if (denial >= 0) {
          log.denied.push(pendingDenials.splice(denial, 1)[0]);
          throw awsError(
            'AccessDenied',
            `User is not authorized to perform: ${action}`,
            403,
          );
        }
        if (
          burstLeft > 0 ||
          random() < (plan.serverErrorBursts?.probability ?? 0)
        ) {
          burstLeft =
            burstLeft > 0 ? burstLeft - 1 : plan.serverErrorBursts!.length - 1;
          log.serverErrors += 1;
          throw awsError(
            'InternalFailure',
            'We encountered an internal error. Please try again.',
            500,
          );
        }
        if (random() < (plan.throttleRate ?? 0)) {
          log.throttled += 1;
          throw awsError('ThrottlingException', 'Rate exceeded', 400, {
            throttling: true,
          });
        }
        const result = await next(args);
        const rule = plan.corrupt?.[action];
        if (rule) {
          const n = (corruptCounts.get(action) ?? 0) + 1;
          corruptCounts.set(action, n);
          if (n % rule.every === 0) {
            (log.corrupted[action] ??= []).push(subjectOf(args.input));
            return {
              ...result,
              output: rule.corruption(structuredClone(result.output)),
            };
          }
        }
        return result;
      },
      { step: 'finalizeRequest', priority: 'low', name: 'mlsecChaos' },
    );
  };
  return { attach, log, release };
}
