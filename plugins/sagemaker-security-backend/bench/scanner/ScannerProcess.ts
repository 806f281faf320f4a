import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { serveAws } from '../aws/ipc';
import type { SimulatedAws } from '../aws/SimulatedAws';
import type { Command, InitCommand, Reply } from './child';
import { collectorRateLimits } from './ourScanner';

const CHILD = path.join(__dirname, 'child.ts');

export class CommandTimeout extends Error {
  name = 'CommandTimeout';
}

/** Every process started and not yet gone, to stop them if the run fails. */
const live = new Set<ChildProcess>();

/** Kills whatever plugin processes are still running. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** A plugin process, answering its AWS calls from `aws` in this one. */
export class ScannerProcess {
  private queue: Promise<unknown> = Promise.resolve();
  private waiting?: (reply: Reply) => void;
  /** Peak RSS of the process so far (bytes). */
  maxRssBytes = 0;

  private killed = false;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: unknown) => {
      const m = message as Reply;
      if (m?.t !== 'reply') return;
      this.maxRssBytes = Math.max(this.maxRssBytes, m.maxRssBytes);
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(m);
    });
  }

  /** Starts the process; `heapMb` raises its heap limit (not for the RSS figure's process). */
  static async start(
    aws: SimulatedAws,
    init: Omit<InitCommand, 't'>,
    options: { heapMb?: number } = {},
  ): Promise<ScannerProcess> {
    const child = fork(CHILD, [], {
      execArgv: [
        ...(options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : []),
        // A V8 CPU profile of each scanner process, for finding where its
        // time goes (e.g. MLSEC_BENCH_SCANNER_CPU_PROF=/tmp/prof yarn bench --scan-only).
        ...(process.env.MLSEC_BENCH_SCANNER_CPU_PROF
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${process.env.MLSEC_BENCH_SCANNER_CPU_PROF}`,
            ]
          : []),
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    live.add(child);
    child.once('exit', () => live.delete(child));
    serveAws(child, aws);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { t?: string })?.t !== 'ready') return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.once('exit', code =>
        reject(new Error(`The plugin process exited (${code}) on start`)),
      );
    });
    const started = new ScannerProcess(child);
    // Our collector paces itself at the rates this AWS allows.
    await started.send({
      t: 'init',
      rateLimits: collectorRateLimits(aws.currentProfile),
      ...init,
    });
    return started;
  }

  /**
   * Sends a command and waits for its reply; a failure in the process
   * throws here. Past `timeoutMs` the process is killed (its work cannot be
   * interrupted otherwise) and CommandTimeout is thrown.
   */
  send(command: Command, options: { timeoutMs?: number } = {}): Promise<Reply> {
    const run = this.queue.then(
      () =>
        new Promise<Reply>((resolve, reject) => {
          let timer: NodeJS.Timeout | undefined;
          const onExit = (code: number | null) => {
            clearTimeout(timer);
            reject(new Error(`The plugin process died (exit ${code})`));
          };
          this.child.once('exit', onExit);
          if (options.timeoutMs) {
            timer = setTimeout(() => {
              this.child.off('exit', onExit);
              this.waiting = undefined;
              this.killed = true;
              this.child.kill('SIGKILL');
              reject(
                new CommandTimeout(
                  `${command.t} did not finish in ${options.timeoutMs} ms`,
                ),
              );
            }, options.timeoutMs);
          }
          this.waiting = reply => {
            clearTimeout(timer);
            this.child.off('exit', onExit);
            if (reply.ok) resolve(reply);
            else reject(new Error(`The plugin process failed: ${reply.error}`));
          };
          this.child.send(command);
        }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  get running(): boolean {
    return (
      !this.killed &&
      this.child.connected &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    await this.send({ t: 'exit' }).catch(() => undefined);
    await exited;
  }
}
