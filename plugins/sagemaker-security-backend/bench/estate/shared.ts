/** Names, counters and small helpers shared by the estate generator's parts. */
import type {
  EstateAccount,
  EstateRegion,
} from '../../src/inventory/simulator/estate';

export const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'];
export const DAY_MS = 86_400_000;
/** The tag linking a resource to its ML service (the catalog Component's name). */
export const SERVICE_TAG = 'ml-service';

export function accountIdOf(index: number): string {
  return index < 9
    ? String(index + 1).repeat(12)
    : `9${String(index).padStart(11, '0')}`;
}

export function serviceName(index: number): string {
  return `svc-${String(index).padStart(5, '0')}`;
}

/** `count` items shared out over `parts`: how many part `i` gets (at least `min`). */
export function share(count: number, parts: number, i: number, min = 0) {
  return Math.max(min, Math.floor(count / parts) + (i < count % parts ? 1 : 0));
}

export const hex = (n: number, width: number) =>
  n.toString(16).padStart(width, '0');
export const encode = (doc: object) => encodeURIComponent(JSON.stringify(doc));
export const iso = (ms: number) => new Date(ms).toISOString();

/** Small deterministic generator (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unique numbers for IDs; restarted by each generation, so estates repeat. */
let idCounter = 0;
export const nextId = () => ++idCounter;
export function restartIds() {
  idCounter = 0;
}

/** One account and region with the related resources its SageMaker resources use. */
export interface Target {
  accountId: string;
  region: string;
  account: EstateAccount;
  regionData: EstateRegion;
  roles: string[];
  buckets: string[];
  keys: string[];
  securityGroups: string[];
  subnets: string[];
  /** Running counts of each SageMaker type in this target. */
  seen: Record<string, number>;
}
