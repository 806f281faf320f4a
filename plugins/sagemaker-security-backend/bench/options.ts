import { parseArgs } from 'node:util';

/** How many of each thing the synthetic estate holds (totals over all accounts). */
export interface EstateSize {
  accounts: number;
  regionsPerAccount: number;
  notebooks: number;
  endpoints: number;
  models: number;
  trainingJobs: number;
  roles: number;
  keys: number;
  buckets: number;
  securityGroups: number;
  /** ML services (catalog Components) the resources are tagged with. */
  services: number;
}

export const DEFAULT_ESTATE: EstateSize = {
  accounts: 3,
  regionsPerAccount: 2,
  notebooks: 500,
  endpoints: 1_000,
  models: 2_000,
  trainingJobs: 50_000,
  roles: 300,
  keys: 100,
  buckets: 200,
  securityGroups: 60,
  services: 10_000,
};

/**
 * The fact-heavy estate (issue 17): few SageMaker resources, each pointing at
 * its own roles, keys, buckets and networks, so related facts make most of a
 * full scan's calls; its no-change rescan shows whether facts are re-read.
 * Every role, key, bucket and security group is referenced (the resources
 * pick them round-robin and outnumber them in each account and region).
 */
export const FACT_HEAVY_ESTATE: EstateSize = {
  accounts: 3,
  regionsPerAccount: 2,
  notebooks: 60,
  endpoints: 60,
  models: 120,
  trainingJobs: 120,
  roles: 150,
  keys: 60,
  buckets: 120,
  securityGroups: 60,
  services: 60,
};

/**
 * AWS as the benchmark assumes it, before scaling. Rates are requests per
 * second per account and region (IAM: per account), answered beyond that
 * with ThrottlingException. SageMaker publishes no per-API numbers; these
 * are the order of magnitude scanners run into ("a few per second" for
 * List*). KMS (500+/s), S3 (3,500/s per prefix), CloudTrail and CloudWatch
 * (a handful of calls per scan) are left unthrottled.
 */
export interface AwsProfile {
  latencyMs: number;
  /** Longest prefix of an IAM action wins, e.g. `sagemaker:List` or `sagemaker:ListTags`. */
  rates: Record<string, number>;
  /** Requests a bucket may take at once, in seconds of its rate. */
  burstSeconds: number;
}

export const REAL_AWS: AwsProfile = {
  latencyMs: 50,
  rates: {
    'sagemaker:List': 4,
    'sagemaker:ListTags': 10,
    'sagemaker:Describe': 10,
    'sagemaker:Get': 10,
    // Assumed (AWS publishes no rate for either): Search as List; the
    // Tagging API's GetResources a few per second, as the client default.
    'sagemaker:Search': 4,
    'tag:GetResources': 5,
    'iam:': 20,
    'ec2:Describe': 100,
  },
  burstSeconds: 1,
};

export interface RollupSize {
  entities: number;
  teams: number;
  /** Most requests timed per endpoint and database. */
  requests: number;
  /**
   * Seconds of sampling per route and database once 10 (team) or 1 (org)
   * requests are timed; an org request still unanswered then is stopped.
   */
  budgetSeconds: number;
}

export interface BenchOptions {
  estate: EstateSize;
  /** Rates are multiplied and latency divided by this, so a run fits in minutes. */
  scale: number;
  aws: AwsProfile;
  /** The naive baseline scans 1/naiveSlice of the estate (it is ~20x slower). */
  naiveSlice: number;
  /** Scans with no changes for the storage figure (the first included). */
  storageScans: number;
  rollup: RollupSize;
  /** Connection string of PostgreSQL for the rollup figure; absent: not measured. */
  postgres?: string;
  /** Only the scan figures (for the RSS run at 500,000 jobs); the rest count as missed. */
  scanOnly: boolean;
  /**
   * `api`: only the rollup latency figures (team rollup and org page, SQLite
   * and PostgreSQL): no throttled scan, no throughput, no naive baseline.
   */
  only?: 'api' | 'export' | 'import' | 'evaluation';
  /** `--db FILE` (with `--only evaluation`): the SQLite inventory to evaluate; scanned into when absent. */
  inventoryFile?: string;
  /** Progress lines on stderr. */
  verbose: boolean;
  /** The load figure (bench/measure/load.ts). */
  load: LoadSettings;
}

export interface LoadSettings {
  /** `--only load`: the load figure alone. */
  only: boolean;
  /** `--skip-load`: not measured (a miss). */
  skip: boolean;
  connections: number;
  seconds: number;
  databases: Array<'sqlite' | 'postgres'>;
  /** `--skip-build`: use packages/backend/dist/bundle.tar.gz as it is. */
  skipBuild: boolean;
  /** `--cpu-prof DIR`: V8 CPU profiles of the backend under load. */
  cpuProfileDir?: string;
}

/**
 * AWS's own rates: at a higher factor the simulator and the scanner share
 * the cores faster than the limits allow, and the wall-time ratios measure
 * CPU instead of the scanner's pacing (issue 17).
 */
export const DEFAULT_SCALE = 1;

/** Training jobs of the export figure's estate unless --jobs says otherwise. */
export const EXPORT_TRAINING_JOBS = 2_000;

export function defaultOptions(): BenchOptions {
  return {
    estate: { ...DEFAULT_ESTATE },
    scale: DEFAULT_SCALE,
    aws: REAL_AWS,
    naiveSlice: 100,
    storageScans: 24,
    rollup: { entities: 10_000, teams: 500, requests: 200, budgetSeconds: 20 },
    postgres:
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
      undefined,
    scanOnly: false,
    verbose: true,
    load: {
      only: false,
      skip: false,
      connections: 50,
      seconds: 60,
      databases: ['sqlite', 'postgres'],
      skipBuild: false,
    },
  };
}

const USAGE = `Usage: yarn bench [--jobs N] [--scale F] [--naive-slice K] [--scan-only | --only api | --only export | --only import | --only evaluation] [--quiet]
                  [--only load] [--skip-load] [--load-seconds S] [--load-connections N]
                  [--load-db sqlite,postgres] [--skip-build] [--cpu-prof DIR]
  --jobs N         training jobs in the estate (default 50000; the RSS goal is for 500000)
  --scan-only      only the full scan and rescan figures (the others count as missed)
  --only api       only the rollup latency figures (team rollup, org page; SQLite and
                   PostgreSQL): each database collects the estate unthrottled, evaluates, serves
  --only import    only the Prowler import figure (5 MB OCSF file: backend RSS growth; a
                   malformed file refused with 400, nothing stored)
  --only evaluation  only the evaluation figures (end to end, and after a no-change scan;
                   SQLite and PostgreSQL); --db FILE: the inventory to evaluate (kept)
  --scale F        multiply every rate limit and divide the latency by F (default ${DEFAULT_SCALE})
  --naive-slice K  the naive baseline scans 1/K of the estate (default 100)
  --quiet          no progress lines
  --only export    only the export figure: RSS growth while the org-wide export streams
                   (CSV, OCSF) from a fresh process, SQLite and PostgreSQL (--jobs default ${EXPORT_TRAINING_JOBS})
  --only load      only the load figure (production build of packages/backend under load)
  --skip-load      everything but the load figure (which then counts as missed)
  --load-seconds S     seconds of load per database (default 60)
  --load-connections N concurrent clients (default 50; the goal is stated for 50)
  --load-db LIST       databases of the load figure (default sqlite,postgres)
  --skip-build         use packages/backend/dist/bundle.tar.gz as built (no yarn build:backend)
  --cpu-prof DIR       write a V8 CPU profile of the loaded backend into DIR/<db>/
PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (unset: the PG figure is a miss).`;

function positive(name: string, value: string | undefined, fallback: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`--${name}: expected a positive number, got '${value}'`);
  }
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      jobs: { type: 'string' },
      scale: { type: 'string' },
      'naive-slice': { type: 'string' },
      'scan-only': { type: 'boolean' },
      quiet: { type: 'boolean' },
      only: { type: 'string' },
      'skip-load': { type: 'boolean' },
      'load-seconds': { type: 'string' },
      'load-connections': { type: 'string' },
      'load-db': { type: 'string' },
      'skip-build': { type: 'boolean' },
      'cpu-prof': { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options = defaultOptions();
  options.estate.trainingJobs = Math.round(
    positive('jobs', values.jobs, options.estate.trainingJobs),
  );
  options.scale = positive('scale', values.scale, options.scale);
  options.naiveSlice = Math.round(
    positive('naive-slice', values['naive-slice'], options.naiveSlice),
  );
  options.scanOnly = Boolean(values['scan-only']);
  if (values.only !== undefined) {
    if (
      !['api', 'load', 'export', 'import', 'evaluation'].includes(values.only)
    ) {
      throw new Error(
        `--only: expected 'api', 'load', 'export', 'import' or 'evaluation', got '${values.only}'`,
      );
    }
    if (options.scanOnly) {
      throw new Error(
        `--only ${values.only} and --scan-only exclude each other`,
      );
    }
    if (
      values.only === 'api' ||
      values.only === 'export' ||
      values.only === 'import' ||
      values.only === 'evaluation'
    ) {
      options.only = values.only;
    }
    if (values.only === 'export' && values.jobs === undefined) {
      options.estate.trainingJobs = EXPORT_TRAINING_JOBS;
    }
  }
  options.inventoryFile = values.db;
  options.verbose = !values.quiet;
  const load = options.load;
  load.only = values.only === 'load';
  load.skip = Boolean(values['skip-load']);
  load.seconds = positive('load-seconds', values['load-seconds'], load.seconds);
  load.connections = Math.round(
    positive('load-connections', values['load-connections'], load.connections),
  );
  if (values['load-db'] !== undefined) {
    const dbs = values['load-db'].split(',').map(d => d.trim());
    const bad = dbs.find(d => d !== 'sqlite' && d !== 'postgres');
    if (bad !== undefined || dbs.length === 0) {
      throw new Error(
        `--load-db: expected sqlite and/or postgres, got '${bad}'`,
      );
    }
    load.databases = dbs as LoadSettings['databases'];
  }
  load.skipBuild = Boolean(values['skip-build']);
  load.cpuProfileDir = values['cpu-prof'];
  return options;
}

/** The AWS profile with rates and latency scaled by one factor. */
export function scaledAws(profile: AwsProfile, scale: number): AwsProfile {
  return {
    latencyMs: profile.latencyMs / scale,
    rates: Object.fromEntries(
      Object.entries(profile.rates).map(([k, v]) => [k, v * scale]),
    ),
    burstSeconds: profile.burstSeconds,
  };
}

/** The rate of an IAM action: the longest matching prefix; undefined = unthrottled. */
export function rateOf(
  rates: Record<string, number>,
  action: string,
): number | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(rates)) {
    if (action.startsWith(prefix) && (!best || prefix.length > best.length)) {
      best = prefix;
    }
  }
  return best === undefined ? undefined : rates[best];
}
