/**
 * Which read path collects one resource type in one account and region,
 * from the calls each would make (a pure function: no I/O).
 *
 * - `list`: List (100 per page), then Describe and ListTags per resource
 *   (only those described again or whose tags fall due on a rescan).
 * - `search`: SageMaker Search, 100 full records with their tags per page;
 *   Describe as well for a type whose record lacks a field the checks read;
 *   one List page as a witness (see collectResourceType).
 * - `tagging`: List and Describe as `list`, the tags of 100 resources per
 *   Resource Groups Tagging API `GetResources` call. It returns every tagged
 *   resource of the type (not only those in the job look-back window), so
 *   its pages follow the type's stored resources, not the listing; one
 *   ListTags as a witness (see tags.ts).
 *
 * The calls of each path land in different rate buckets (per API family,
 * account and region, see config/rateLimits.ts). Each family's bucket
 * drains at its own rate in parallel, so a path's time is that of its
 * slowest family: max over families of calls ÷ rate. The cheaper time
 * wins; equal times (or unpaced families) are decided by the total calls,
 * then by the order search, list, tagging (Search reads the most per call).
 */
import { RateFamily, RateLimits } from '../../config/rateLimits';
import { rateFamilyOf } from '../aws/pacing';

export type ReadPath = 'list' | 'search' | 'tagging';

/** Items per page of List, Search and GetResources (their maximum). */
export const PAGE_SIZE = 100;

/** What is known of the type in this target before it is read. */
export interface ReadEstimate {
  /** Resources the listing is expected to return (stored from the last scan). */
  listed: number;
  /** Of those, resources expected to be described (new, changed or not incremental). */
  described: number;
  /** Resources whose tags are expected to be read with ListTags on the `list` path. */
  tagReads: number;
  /** Stored resources of the type, in or out of the look-back window (GetResources reads them all). */
  stored: number;
}

/** The paths a type offers: Search (and whether its records need a Describe too), the Tagging API. */
export interface PathsOffered {
  search: boolean;
  searchNeedsDescribe: boolean;
  tagging: boolean;
}

export interface PathCost {
  path: ReadPath;
  /** Expected calls by IAM action. */
  calls: Record<string, number>;
  total: number;
  /** Seconds of the slowest rate bucket; undefined when a family is not paced. */
  seconds?: number;
}

export interface ReadChoice extends PathCost {
  /** Every path considered, cheapest first. */
  considered: PathCost[];
}

const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));

function costOf(
  path: ReadPath,
  calls: Record<string, number>,
  rates: RateLimits,
): PathCost {
  const byFamily = new Map<RateFamily | undefined, number>();
  let total = 0;
  for (const [action, n] of Object.entries(calls)) {
    if (n === 0) continue;
    const family = rateFamilyOf(action);
    byFamily.set(family, (byFamily.get(family) ?? 0) + n);
    total += n;
  }
  let seconds: number | undefined = 0;
  for (const [family, n] of byFamily) {
    const rate = family ? rates[family] : null;
    if (!rate) {
      seconds = undefined;
      break;
    }
    seconds = Math.max(seconds, n / rate);
  }
  const nonZero = Object.fromEntries(
    Object.entries(calls).filter(([, n]) => n > 0),
  );
  return {
    path,
    calls: nonZero,
    total,
    ...(seconds === undefined ? {} : { seconds }),
  };
}

const ORDER: ReadPath[] = ['search', 'list', 'tagging'];

function cheaper(a: PathCost, b: PathCost): number {
  if (a.seconds !== undefined && b.seconds !== undefined) {
    if (a.seconds !== b.seconds) return a.seconds - b.seconds;
  }
  if (a.total !== b.total) return a.total - b.total;
  return ORDER.indexOf(a.path) - ORDER.indexOf(b.path);
}

/**
 * The cheapest path for a type, given its actions' names (`list` and
 * `describe`, e.g. `sagemaker:ListTrainingJobs`), what it offers and the
 * rates. Counts are clamped at zero; a type offering no bulk path is `list`.
 */
export function chooseReadPath(
  actions: { list: string; describe: string },
  offered: PathsOffered,
  estimate: ReadEstimate,
  rates: RateLimits,
): ReadChoice {
  const n = (x: number) => Math.max(0, Math.ceil(x));
  const listed = n(estimate.listed);
  const described = Math.min(n(estimate.described), listed);
  const tagReads = Math.min(n(estimate.tagReads), listed);
  const stored = n(estimate.stored);
  const costs: PathCost[] = [
    costOf(
      'list',
      {
        [actions.list]: pages(listed),
        [actions.describe]: described,
        'sagemaker:ListTags': tagReads,
      },
      rates,
    ),
  ];
  if (offered.search) {
    costs.push(
      costOf(
        'search',
        {
          'sagemaker:Search': pages(listed),
          // The witness: List's first page, which Search must cover.
          [actions.list]: 1,
          [actions.describe]: offered.searchNeedsDescribe ? described : 0,
        },
        rates,
      ),
    );
  }
  if (offered.tagging) {
    costs.push(
      costOf(
        'tagging',
        {
          [actions.list]: pages(listed),
          [actions.describe]: described,
          'tag:GetResources': pages(Math.max(stored, listed)),
          // The witness: one resource's tags, which GetResources must match.
          'sagemaker:ListTags': 1,
        },
        rates,
      ),
    );
  }
  costs.sort(cheaper);
  return { ...costs[0], considered: costs };
}
