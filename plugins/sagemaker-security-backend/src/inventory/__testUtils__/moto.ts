/**
 * moto (`python3 -m moto.server`) for a Jest suite: started on a free
 * loopback port in its own process group, stopped by that group. moto is an
 * AWS API emulator: tests against it run the SDK's real protocol layer.
 *
 *   const moto = useMoto();                  // beforeAll / afterAll
 *   moto().url                               // http://127.0.0.1:<port>
 *   await moto().reset();                    // empty every backend
 *
 * Fails loudly when moto cannot be started (install `moto[server]` 5.x).
 */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

export interface MotoServer {
  url: string;
  port: number;
  /** `POST /moto-api/reset`: every backend emptied. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /** Extra environment, e.g. `INITIAL_NO_AUTH_ACTION_COUNT: '0'` to check credentials. */
  env?: Record<string, string>;
  /** Default 30 s. */
  startTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/moto-api/`);
    return response.ok;
  } catch {
    return false;
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const kill = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    try {
      // The whole group: moto's server may fork.
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(kill);
      resolve();
    }
  });
}

export async function startMoto(
  options: MotoOptions = {},
): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(
    'python3',
    ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    {
      detached: true, // its own process group (setsid)
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  child.stdout!.on('data', d => output.push(String(d)));
  child.stderr!.on('data', d => output.push(String(d)));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', code =>
      reject(new Error(`moto exited with ${code}: ${output.join('')}`)),
    );
  });
  failed.catch(() => undefined);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    while (!(await Promise.race([answers(url), failed]))) {
      if (Date.now() > deadline) {
        throw new Error(`moto did not answer on ${url}: ${output.join('')}`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stopGroup(child);
    throw new Error(
      `Could not start moto (python3 -m moto.server; pip install 'moto[server]==5.2.1'): ${
        (error as Error).message
      }`,
    );
  }
  return {
    url,
    port,
    async reset() {
      const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset: HTTP ${response.status}`);
    },
    stop: () => stopGroup(child),
  };
}

/** moto for the enclosing `describe` (or file): started before all, stopped after all. */
export function useMoto(options: MotoOptions = {}): () => MotoServer {
  let server: MotoServer | undefined;
  beforeAll(async () => {
    server = await startMoto(options);
  }, (options.startTimeoutMs ?? 30_000) + 5_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('moto is not running (use it inside a test)');
    return server;
  };
}
