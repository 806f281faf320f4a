import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { send, sleep } from './http';

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

/**
 * One backend process of a production build: `node <package dir>` with
 * NODE_ENV=production, in its own process group, its output in a log file.
 */
export class BackendProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;
  exitCode?: number | null;
  startedAt = 0;

  constructor(
    readonly name: string,
    readonly packageDir: string,
    readonly configFiles: string[],
    readonly port: number,
    readonly logFile: string,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.child?.pid;
  }

  start() {
    const out = openSync(this.logFile, 'a');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    for (const key of Object.keys(env)) {
      if (key.startsWith('BACKSTAGE_TEST_')) delete env[key];
    }
    this.startedAt = performance.now();
    this.exitCode = undefined;
    this.child = spawn(
      process.execPath,
      [
        this.packageDir,
        ...this.configFiles.flatMap(file => ['--config', file]),
      ],
      {
        cwd: this.packageDir,
        env,
        detached: true,
        stdio: ['ignore', out, out],
      },
    );
    closeSync(out);
    const child = this.child;
    this.exit = new Promise(resolve =>
      child.on('exit', code => {
        this.exitCode = code;
        resolve(code);
      }),
    );
  }

  get running() {
    return this.child !== undefined && this.exitCode === undefined;
  }

  /** Waits for readiness; the seconds it took from start. Throws with the log tail. */
  async waitReady(timeoutMs = 180_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `${this.name} exited (code ${
            this.exitCode
          }) before it was ready:\n${this.logTail()}`,
        );
      }
      const res = await send(
        this.baseUrl,
        { method: 'GET', path: '/.backstage/health/v1/readiness' },
        5_000,
      );
      if (res.status === 200) {
        return (performance.now() - this.startedAt) / 1000;
      }
      await sleep(250);
    }
    throw new Error(
      `${this.name} was not ready in ${timeoutMs} ms:\n${this.logTail()}`,
    );
  }

  /** Waits for the process to exit by itself; its exit code, or 'running'. */
  async waitExit(timeoutMs: number): Promise<number | null | 'running'> {
    if (!this.exit) return null;
    const timeout = sleep(timeoutMs).then(() => 'running' as const);
    return Promise.race([this.exit, timeout]);
  }

  /** `kill -9` of the process group: no shutdown hook runs. */
  async kill9() {
    if (!this.child?.pid || !this.running) return;
    process.kill(-this.child.pid, 'SIGKILL');
    await this.exit;
  }

  /** A graceful stop (SIGTERM), then SIGKILL after 15 s. */
  async stop() {
    if (!this.child?.pid || !this.running) return;
    process.kill(-this.child.pid, 'SIGTERM');
    if ((await this.waitExit(15_000)) === 'running') await this.kill9();
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}
