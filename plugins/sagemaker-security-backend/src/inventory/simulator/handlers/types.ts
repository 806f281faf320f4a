import type { EstateAccount, EstateRegion } from '../estate';

/** What a simulated call runs against: one account and (for regional services) region. */
export interface SimScope {
  account: EstateAccount;
  regionName: string;
  /** Undefined when the estate does not list the region: an empty region. */
  region?: EstateRegion;
  pageSize: number;
}

export type Handler = (input: Record<string, any>, scope: SimScope) => object;

export function pick(source: Record<string, unknown>, ...keys: string[]) {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
