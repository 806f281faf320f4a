/**
 * Scan figures of one scanner (ours or the naive baseline) over one estate:
 * full scan wall time and AWS requests, a rescan with no changes, peak RSS
 * of the scanner process and, when asked, storage after one and after N
 * scans, each of ours followed by the evaluation the plugin runs after a
 * scan (check engine and daily scores).
 */
import type { ScanRun } from '../../src/inventory/InventoryStore';
import type { Estate } from '../../src/inventory/simulator/estate';
import type { AwsProfile } from '../options';
import { SimulatedAws } from '../aws/SimulatedAws';
import { ScannerProcess } from '../scanner/ScannerProcess';
import type { ScannerKind } from '../scanner/child';
import type { ScannerTargets } from '../scanner/ourScanner';
import { sqliteBytes, sqliteFile } from '../scanner/sqlite';

export const UNLIMITED: AwsProfile = {
  latencyMs: 0,
  rates: {},
  burstSeconds: 1,
};

export interface ScanFigures {
  kind: ScannerKind;
  trainingJobs: number;
  full: {
    wallSeconds: number;
    requests: number;
    throttled: number;
    throttledByAction: Record<string, number>;
    byAction: Record<string, number>;
    status?: string;
    /** Requests the floor's bucket let through (its achieved rate = this / wall time). */
    floorBucketRequests: number;
    /** CPU time of the scanner's process, and of this one (the simulated AWS) meanwhile. */
    cpuSeconds: { scanner: number; simulator: number };
  };
  rescan: { wallSeconds: number; requests: number; limited: boolean };
  rss: { atStartBytes: number; peakBytes: number };
  /** Absent when only the full scan and the rescan ran. */
  storage?: { afterFirstBytes: number; afterLastBytes: number; scans: number };
}

export function targetsOf(estate: Estate): ScannerTargets {
  return {
    accounts: estate.accounts.map(a => ({
      accountId: a.accountId,
      regions: a.regions.map(r => r.region),
    })),
  };
}

export async function measureScans(options: {
  kind: ScannerKind;
  estate: Estate;
  trainingJobs: number;
  profile: AwsProfile;
  /** The SQLite file the scanner writes. */
  dbFile: string;
  /** Scans for the storage figure, the first included; below 2, none. */
  storageScans: number;
  /** Rescan at the real rates (ours) or unthrottled (the naive rescan only counts calls). */
  rescanLimited: boolean;
  catalog: { entities: number; teams: number };
  /** The rate-limit bucket that sets the floor. */
  floorBucket: string;
  progress: (message: string) => void;
}): Promise<ScanFigures> {
  const { kind, progress } = options;
  const aws = new SimulatedAws(options.estate, options.profile);
  const init = {
    kind,
    database: { sqlite: options.dbFile },
    targets: targetsOf(options.estate),
    catalog: options.catalog,
    api: false,
  };
  const scanner = await ScannerProcess.start(aws, init);
  const atStartBytes = scanner.maxRssBytes;
  const measureStorage = options.storageScans >= 2;
  // Ours: after every scan the plugin evaluates and records the daily scores
  // (naive: the snapshot is its storage). A second process on the same
  // database does it, so the scanner's RSS stays the scanner's.
  const evaluator =
    kind === 'ours' && measureStorage
      ? await ScannerProcess.start(
          new SimulatedAws({ name: 'none', accounts: [] }, UNLIMITED),
          { ...init, api: true },
        )
      : undefined;
  const afterScan = async () => {
    await evaluator?.send({ t: 'evaluate', dailyScores: true });
  };
  const bytes = async () => {
    const knex = sqliteFile(options.dbFile);
    try {
      return await sqliteBytes(knex);
    } finally {
      await knex.destroy();
    }
  };
  try {
    progress(`${kind}: full scan of ${options.trainingJobs} training jobs`);
    const simulatorCpu = process.cpuUsage();
    const full = await scanner.send({ t: 'scan' });
    const simulatorUsed = process.cpuUsage(simulatorCpu);
    const fullFigures = {
      cpuSeconds: {
        scanner: (full.cpuMs ?? 0) / 1000,
        simulator: (simulatorUsed.user + simulatorUsed.system) / 1e6,
      },
      wallSeconds: full.wallMs! / 1000,
      requests: aws.totalRequests(),
      throttled: aws.totalThrottled(),
      throttledByAction: { ...aws.throttled },
      byAction: { ...aws.requests },
      status: (full.value as ScanRun | undefined)?.status,
      floorBucketRequests: aws.admitted.get(options.floorBucket) ?? 0,
    };
    const peakBytes = full.maxRssBytes;
    await afterScan();
    const afterFirstBytes = measureStorage ? await bytes() : 0;

    progress(`${kind}: rescan with no changes`);
    aws.resetCounts();
    if (!options.rescanLimited) aws.setProfile(UNLIMITED);
    const re = await scanner.send({ t: 'scan' });
    const rescan = {
      wallSeconds: re.wallMs! / 1000,
      requests: aws.totalRequests(),
      limited: options.rescanLimited,
    };
    await afterScan();

    // The remaining scans only add to storage: AWS answers without limits.
    aws.setProfile(UNLIMITED);
    if (measureStorage && options.storageScans > 2) {
      progress(`${kind}: scans 3 to ${options.storageScans} (storage)`);
    }
    for (let n = 3; measureStorage && n <= options.storageScans; n++) {
      await scanner.send({ t: kind === 'ours' ? 'scan' : 'storeAgain' });
      await afterScan();
    }
    return {
      kind,
      trainingJobs: options.trainingJobs,
      full: fullFigures,
      rescan,
      rss: { atStartBytes, peakBytes },
      ...(measureStorage
        ? {
            storage: {
              afterFirstBytes,
              afterLastBytes: await bytes(),
              scans: options.storageScans,
            },
          }
        : {}),
    };
  } finally {
    await scanner.stop();
    await evaluator?.stop();
  }
}
