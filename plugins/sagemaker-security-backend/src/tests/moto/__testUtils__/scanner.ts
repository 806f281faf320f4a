/**
 * The real backend plugin (src/plugin.ts, started by startTestBackend with
 * mockServices for the rest and SQLite) configured as a new user would: only
 * documented config. Scans are triggered and read over its REST API.
 */
import type { Knex } from 'knex';
import request from 'supertest';
import {
  asUser,
  BASE,
  LogSink,
  startPluginBackend,
} from '../../reliability/__testUtils__/pluginBackend';
import { ACCOUNT } from './estate';

/** Every service the plugin has an endpoint key for (config.d.ts). */
const SERVICES = [
  'sagemaker',
  'iam',
  'kms',
  's3',
  'ec2',
  'cloudtrail',
  'cloudwatch',
  'logs',
  'guardduty',
  'sts',
  // The Resource Groups Tagging API (bulk tag reads).
  'tag',
];

export interface ScannerOptions {
  /** Where every AWS endpoint points (the fault proxy in front of moto). */
  endpoint: string;
  regions: string[];
  knex: Knex;
  /** `inventory.bulkReads` (absent: the default, on). */
  bulkReads?: boolean;
}

/** `sagemakerSecurity` and `aws` exactly as documented in config.d.ts and the README. */
export function documentedConfig(options: ScannerOptions) {
  return {
    sagemakerSecurity: {
      scanOnStartup: false,
      accounts: [{ accountId: ACCOUNT, regions: options.regions }],
      ...(options.bulkReads === undefined
        ? {}
        : { inventory: { bulkReads: options.bulkReads } }),
      aws: {
        endpoints: Object.fromEntries(
          SERVICES.map(service => [service, options.endpoint]),
        ),
      },
    },
    // Read by @backstage/integration-aws-node: static keys for the account.
    aws: {
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: 'mlsec-moto-scanner',
          secretAccessKey: 'mlsec-moto-scanner-secret',
        },
      ],
    },
  };
}

export interface ScanTargetProgress {
  accountId: string;
  region: string;
  status: string;
  resourceCount: number;
  errorCount: number;
  errors: Array<{
    kind: string;
    action: string;
    code?: string;
    message: string;
    target?: string;
    field?: string;
  }>;
  /** How the related facts were read (inventory/changes/). */
  changeSource?: { mode: 'full' | 'events' | 'fallback'; reason?: string };
}

export interface ScanRun {
  id: string;
  status: string;
  finishedAt?: string;
  targets: ScanTargetProgress[];
  callCounts?: Record<string, number>;
}

export interface Result {
  checkId: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string;
  region: string;
  status: string;
  evaluatedStatus: string;
  message: string;
  missing?: string[];
}

/** `<type> <name>`, with ` (<region>)` outside the main region. */
export type ResourceKey = string;

export async function startScanner(options: ScannerOptions) {
  const logs = new LogSink();
  const { server } = await startPluginBackend({
    knex: options.knex,
    config: documentedConfig(options),
    logs,
  });
  const auth = asUser();
  const get = async (path: string) => {
    const response = await request(server)
      .get(`${BASE}${path}`)
      .set('Authorization', auth);
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${response.text}`);
    }
    return response.body;
  };
  const evaluations = () =>
    logs.lines.filter(line => / Evaluated \d+ results/.test(line)).length;

  /** Triggers a scan over HTTP, waits for it and for its evaluation. */
  async function scan(timeoutMs = 240_000): Promise<ScanRun> {
    const before = evaluations();
    const started = await request(server)
      .post(`${BASE}/scans`)
      .set('Authorization', auth)
      .send({});
    if (started.status !== 202) {
      throw new Error(`POST /scans: ${started.status} ${started.text}`);
    }
    const deadline = Date.now() + timeoutMs;
    let run: ScanRun = started.body;
    while (!run.finishedAt || evaluations() === before) {
      if (Date.now() > deadline) {
        throw new Error(
          `scan ${run.id} did not finish: ${JSON.stringify(run)}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 200));
      run = await get(`/scans/${run.id}`);
    }
    return run;
  }

  /** Every stored resource and its results, read over the REST API. */
  async function results(): Promise<Map<ResourceKey, Map<string, Result>>> {
    const items: Array<{
      arn: string;
      type: string;
      name: string;
      region: string;
    }> = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        `/inventory/resources?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const byResource = new Map<ResourceKey, Map<string, Result>>();
    for (const item of items) {
      const findings = await get(
        `/resources/findings?arn=${encodeURIComponent(item.arn)}`,
      );
      const key = resourceKey(item.type, item.name, item.region);
      byResource.set(
        key,
        new Map(
          (findings.results as Result[]).map(result => [
            result.checkId,
            result,
          ]),
        ),
      );
    }
    return byResource;
  }

  return { server, logs, scan, results, get };
}

export type Scanner = Awaited<ReturnType<typeof startScanner>>;

export function resourceKey(
  type: string,
  name: string,
  region: string,
): ResourceKey {
  return region === 'us-east-1'
    ? `${type} ${name}`
    : `${type} ${name} (${region})`;
}
