/**
 * moto (`python3 -m moto.server`, an AWS API emulator written by others) in
 * its own process group on a free loopback port. The interpreter comes from
 * `MLSEC_MOTO_PYTHON` (exported by scripts/moto.sh) or `python3`; a missing
 * moto 5.x is an error, never a skipped test.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';

export interface MotoServer {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  version: string;
  /** Empties every backend (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stops the whole process group; safe to call twice. */
  stop(): Promise<void>;
}

const python = () => process.env.MLSEC_MOTO_PYTHON || 'python3';

/** moto's version, or an error saying how to install it. */
export function motoVersion(): string {
  let version: string;
  try {
    version = execFileSync(
      python(),
      ['-c', 'import moto, flask; print(moto.__version__)'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
  } catch (error) {
    throw new Error(
      `moto is not available to '${python()}' (${
        (error as Error).message.split('\n')[0]
      }). Run scripts/moto.sh, or: pip install 'moto[server]==5.2.1'`,
    );
  }
  if (!/^5\./.test(version)) {
    throw new Error(
      `moto 5.x is required, '${python()}' has moto ${version}: pip install 'moto[server]==5.2.1'`,
    );
  }
  return version;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // Negative pid: the whole process group moto leads (it was started detached).
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// A test process that dies without running afterAll still stops its servers.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/** Starts moto and resolves once it listens (its port is read from its log). */
export async function startMoto(
  env: Record<string, string> = {},
): Promise<MotoServer> {
  const version = motoVersion();
  const child = spawn(
    python(),
    ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
        // Never a real credential in a test process.
        AWS_ACCESS_KEY_ID: 'moto',
        AWS_SECRET_ACCESS_KEY: 'moto',
        ...env,
      },
    },
  );
  running.add(child);
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`moto did not start within 30 s:\n${log}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`moto exited with ${code}:\n${log}`));
    });
  });
  // Its request log is not needed any more; keep the pipes drained.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();

  const stop = async () => {
    if (!running.has(child)) return;
    running.delete(child);
    const exited = new Promise<void>(resolve => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    version,
    async reset() {
      const response = await fetch(`${url}/moto-api/reset`, {
        method: 'POST',
      });
      if (!response.ok) throw new Error(`moto reset: ${response.status}`);
    },
    stop,
  };
}
