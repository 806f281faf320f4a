/**
 * Replica A of the replica tests as a process of its own (see
 * replicaProcess.ts), to be killed with SIGKILL, and what both replicas share.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Knex } from 'knex';
import { DEMO_ESTATE } from './stack';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Worker liveness of both replicas: short, so the test takes seconds. */
export const LEASE = { heartbeatMs: 250, expireAfterMs: 3000 };

export function replicaConfig() {
  return {
    sagemakerSecurity: {
      demoEstate: DEMO_ESTATE,
      scanOnStartup: false,
      // Scans only when asked: nothing else runs during the test.
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 5 } },
      scanLease: {
        heartbeat: { milliseconds: LEASE.heartbeatMs },
        expireAfter: { milliseconds: LEASE.expireAfterMs },
      },
    },
  };
}

/** The knex config of a client, with the password knex keeps non-enumerable. */
function knexConfigOf(knex: Knex) {
  const { client, connection } = knex.client.config;
  return {
    client,
    connection: { ...connection, password: connection.password },
  };
}

/**
 * Replica A in a child process (see __testUtils__/replicaProcess.ts): it
 * starts a scan, claims what it can and hangs on every AWS call.
 */
export function startReplicaA(knex: Knex) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'replicaProcess.ts'),
    ],
    {
      env: {
        ...process.env,
        REPLICA_KNEX: JSON.stringify(knexConfigOf(knex)),
        REPLICA_CONFIG: JSON.stringify(replicaConfig()),
        REPLICA_ESTATE: DEMO_ESTATE,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const events: Array<{ event: string; id?: string; target?: string }> = [];
  let stderr = '';
  let buffered = '';
  child.stdout.on('data', chunk => {
    buffered += String(chunk);
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    // Only our event lines: libraries may print too.
    for (const line of lines) {
      if (line.startsWith('{"event"')) events.push(JSON.parse(line));
    }
  });
  child.stderr.on('data', chunk => {
    stderr += String(chunk);
  });
  const exited = new Promise<NodeJS.Signals | number | null>(resolve =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, events, exited, stderr: () => stderr };
}

export async function until<T>(
  what: string,
  read: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  onTimeout: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}. ${onTimeout()}`,
      );
    }
    await sleep(50);
  }
}

export const FINISHED = ['succeeded', 'partial', 'failed'];
