import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { SigningKey } from './tokens';

/** The accounts and regions of the demo estate, as the demo config scans them. */
export const ACCOUNTS = ['111122223333', '444455556666'];
export const REGIONS = ['us-east-1', 'eu-west-1'];

/**
 * The worker lease the probe configures (short, so that recovery can be
 * timed), and the scheduler task timeout (long: recovery must not wait for it).
 * Key and shape of `sagemakerSecurity.scanLease` are those of the recovery
 * change (issue 14, item 1); `PROBE_SCAN_LEASE_JSON` overrides them.
 */
export const LEASE_SECONDS = Number(process.env.PROBE_LEASE_SECONDS ?? 10);
export function leaseConfig(): Record<string, unknown> {
  if (process.env.PROBE_SCAN_LEASE_JSON) {
    return JSON.parse(process.env.PROBE_SCAN_LEASE_JSON);
  }
  return {
    scanLease: {
      heartbeat: { seconds: Math.max(1, Math.floor(LEASE_SECONDS / 5)) },
      expireAfter: { seconds: LEASE_SECONDS },
    },
  };
}

export interface StaticTokenConfig {
  token: string;
  subject: string;
  accessRestrictions?: Array<{ plugin: string; permission?: string[] }>;
}

export interface BackendConfigOptions {
  dir: string;
  repoRoot: string;
  port: number;
  database: Record<string, unknown>;
  key: SigningKey;
  staticTokens: StaticTokenConfig[];
  /** A copy of the demo estate answering with this delay per AWS call. */
  estateFile: string;
  /** Merged over the `sagemakerSecurity` section. */
  sagemakerSecurity?: Record<string, unknown>;
  /** Top-level sections added as they are (e.g. `outsideProbe`). */
  extra?: Record<string, unknown>;
}

/** Writes the demo estate with `simulator.latencyMs` set; returns its path. */
export function writeSlowEstate(
  repoRoot: string,
  dir: string,
  latencyMs: number,
): string {
  const estate = parse(
    readFileSync(
      join(
        repoRoot,
        'plugins/sagemaker-security-backend/demo-estate/estate.yaml',
      ),
      'utf8',
    ),
  );
  estate.simulator = { ...estate.simulator, latencyMs };
  const path = join(dir, 'estate.yaml');
  writeFileSync(path, stringify(estate));
  return path;
}

/**
 * The demo portal's configuration (app-config.yaml: guest sign-in, the demo
 * catalog, the demo estate, hourly scans with a 30-minute task timeout, a
 * scan at start-up), on the probe's database, port and keys, with static
 * service tokens and a short worker lease.
 */
export function backendConfig(options: BackendConfigOptions): object {
  const { repoRoot, port, key } = options;
  const baseUrl = `http://127.0.0.1:${port}`;
  const example = (file: string) => join(repoRoot, 'examples', file);
  return {
    app: {
      title: 'outside probe',
      baseUrl,
      // The probe reads no static asset; caching them costs seconds per start.
      disableStaticFallbackCache: true,
    },
    organization: { name: 'Acme Bank' },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: options.database,
      auth: {
        externalAccess: options.staticTokens.map(t => ({
          type: 'static',
          options: { token: t.token, subject: t.subject },
          ...(t.accessRestrictions
            ? { accessRestrictions: t.accessRestrictions }
            : {}),
        })),
      },
    },
    auth: {
      keyStore: {
        provider: 'static',
        static: {
          keys: [
            {
              keyId: key.keyId,
              publicKeyFile: key.publicKeyFile,
              privateKeyFile: key.privateKeyFile,
              algorithm: 'ES256',
            },
          ],
        },
      },
      providers: {
        guest: {
          // NODE_ENV=production: the guest provider must be allowed explicitly.
          dangerouslyAllowOutsideDevelopment: true,
          // Not a catalog user (the demo's guest is a member of fraud-ml once
          // the catalog has read org.yaml), so its ownership is always this.
          userEntityRef: 'user:default/outside-probe',
          ownershipEntityRefs: [
            'user:default/outside-probe',
            'group:default/security',
          ],
        },
      },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
          ],
        },
      ],
      locations: [
        {
          type: 'file',
          target: example('org.yaml'),
          rules: [{ allow: ['User', 'Group'] }],
        },
        { type: 'file', target: example('systems.yaml') },
        { type: 'file', target: example('ml-services.yaml') },
      ],
      providers: {
        sagemakerSecurity: {
          defaultOwner: 'group:default/ml-platform',
          schedule: {
            frequency: { minutes: 30 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 5 },
          },
        },
      },
    },
    permission: { enabled: true },
    sagemakerSecurity: {
      demoEstate: options.estateFile,
      accounts: ACCOUNTS.map(accountId => ({ accountId })),
      regions: REGIONS,
      jobLookbackDays: 'all',
      scanOnStartup: true,
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 3 },
      },
      waivers: { maxDays: 90, securityGroups: ['group:default/security'] },
      // As the demo: the estate's Security Hub findings are read, so that
      // GET /external-findings has data for the leak checks.
      findings: { securityHub: { enabled: true } },
      ...leaseConfig(),
      ...options.sagemakerSecurity,
    },
    ...options.extra,
  };
}

export function writeConfig(path: string, config: object): string {
  writeFileSync(path, stringify(config));
  return path;
}
