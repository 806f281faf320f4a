/** The shapes of the probe's route table (routes.ts). */

/** Values harvested from the running backend, for valid requests. */
export interface Known {
  /** ML service Components with resources and results. */
  components: string[];
  groups: string[];
  systems: string[];
  arns: string[];
  checkIds: string[];
  scanIds: string[];
  waiverIds: string[];
  /** Waiver requests (a pending one first, from the request race). */
  requestIds: string[];
  /** An ML service with findings of other tools, if any. */
  findingsComponent?: string;
  cursor?: string;
}

export interface Route {
  id: string;
  method: 'GET' | 'POST';
  /** OpenAPI path template. */
  template: string;
  /** Reads only: may change no stored row. */
  read: boolean;
  /** The permission the route needs (besides authentication), if any. */
  permission?: string;
  /** The route names a catalog entity or resource (catalog read applies). */
  namesEntity: boolean;
  /** A valid request (path under the plugin, body). */
  valid(k: Known): { path: string; body?: object };
  /**
   * Answers no stored data (e.g. booleans about the caller), so the
   * control's answer cannot show what a leak would.
   */
  revealsNothing?: boolean;
}
