/**
 * One production backend under load: `node packages/backend` of the unpacked
 * build with NODE_ENV=production and the demo portal's configuration
 * (app-config.yaml + app-config.demo.yaml, as scripts/start-demo.sh runs it)
 * plus a last file that only moves it to a free port, names its database and
 * lets the guest provider sign in outside development. Started detached (its
 * own session and process group, as `setsid`), stopped by its group.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const API = '/api/sagemaker-security';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** VmRSS of a process in bytes (Linux), undefined once it is gone. */
export function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface BackendOptions {
  repoRoot: string;
  packageDir: string;
  workDir: string;
  port: number;
  /** `backend.database` of the run. */
  database: Record<string, unknown>;
  /** Directory for `--cpu-prof` of the backend; absent: no profile. */
  cpuProfileDir?: string;
}

export class BackendUnderLoad {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly logFile: string;

  constructor(private readonly options: BackendOptions) {
    this.logFile = join(options.workDir, 'backend.log');
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  private writeConfig(): string {
    const { port, database } = this.options;
    const baseUrl = this.baseUrl;
    const file = join(this.options.workDir, 'app-config.load.yaml');
    writeFileSync(
      file,
      stringify({
        app: { baseUrl },
        backend: {
          baseUrl,
          listen: { host: '127.0.0.1', port },
          cors: { origin: baseUrl },
          database,
        },
        // NODE_ENV=production: the guest provider must be allowed explicitly.
        auth: {
          providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
        },
      }),
    );
    return file;
  }

  start() {
    const { repoRoot, packageDir, cpuProfileDir } = this.options;
    const configs = [
      join(repoRoot, 'app-config.yaml'),
      join(repoRoot, 'app-config.demo.yaml'),
      this.writeConfig(),
    ];
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    for (const key of Object.keys(env)) {
      if (key.startsWith('BACKSTAGE_TEST_')) delete env[key];
    }
    delete env.NODE_OPTIONS;
    const out = openSync(this.logFile, 'a');
    this.child = spawn(
      process.execPath,
      [
        ...(cpuProfileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`]
          : []),
        packageDir,
        ...configs.flatMap(file => ['--config', file]),
      ],
      { cwd: packageDir, env, detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    const child = this.child;
    this.exited = new Promise(resolve => child.on('exit', resolve));
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  async get(
    path: string,
    token?: string,
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body };
  }

  /** Waits for the readiness endpoint; throws with the log tail. */
  async waitReady(timeoutMs = 240_000) {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.pid === undefined) {
        throw new Error(
          `The backend exited before it was ready:\n${this.logTail()}`,
        );
      }
      const ok = await this.get('/.backstage/health/v1/readiness')
        .then(r => r.status === 200)
        .catch(() => false);
      if (ok) return;
      await sleep(500);
    }
    throw new Error(
      `The backend was not ready in ${timeoutMs} ms:\n${this.logTail()}`,
    );
  }

  /** A guest user token, from the auth backend's guest provider (as the probe signs in). */
  async guestToken(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    const body: any = await res.json().catch(() => undefined);
    const token = body?.backstageIdentity?.token;
    if (res.status !== 200 || typeof token !== 'string') {
      throw new Error(`Guest sign-in failed: HTTP ${res.status}`);
    }
    return token;
  }

  /**
   * Waits until the start-up scan has finished and the org rollup serves
   * scored ML services, their count unchanged for 20 s (the catalog ingests
   * the ML services and their resources in the meantime).
   */
  async waitScored(token: string, timeoutMs = 300_000): Promise<any[]> {
    const deadline = performance.now() + timeoutMs;
    let rows: any[] = [];
    let stableSince = performance.now();
    while (performance.now() < deadline) {
      const scan = await this.get(`${API}/scans/latest`, token).catch(
        () => undefined,
      );
      const done =
        scan?.status === 200 &&
        !['queued', 'running'].includes(scan.body?.status);
      const org = await this.get(`${API}/rollups/org?limit=500`, token).catch(
        () => undefined,
      );
      const next: any[] = (org?.status === 200 && org.body?.items) || [];
      const scored = next.filter(r => r.resourceCount > 0);
      if (scored.length !== rows.length) stableSince = performance.now();
      rows = scored;
      if (
        done &&
        rows.length > 0 &&
        performance.now() - stableSince >= 20_000
      ) {
        return rows;
      }
      await sleep(1000);
    }
    throw new Error(
      `No completed scan with scored ML services in ${timeoutMs} ms:\n${this.logTail()}`,
    );
  }

  /** SIGTERM to the process group (SIGKILL after 20 s); resolves when it exited. */
  async stop() {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Synchronous SIGKILL of the group, for a benchmark that is failing. */
  killNow() {
    if (this.child?.pid && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
