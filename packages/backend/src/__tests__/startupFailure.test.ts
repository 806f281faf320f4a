/**
 * Issue 14, item 6: a plugin that fails at start-up makes the backend exit
 * non-zero. The demo portal's real backend (src/index.ts, run as
 * `backstage-cli package start` runs it) is started in its own process
 * group on a free port with the demo config and one bad
 * `sagemakerSecurity` value; it must exit with code 1 and say which key is
 * wrong. It used to stay alive, answering 503 for the failed plugin.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoPath } from './__testUtils__/repoFiles';

jest.setTimeout(240_000);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the demo backend', () => {
  it('exits non-zero, naming the key, when the SageMaker security plugin fails at start-up (stayed alive answering 503)', async () => {
    const port = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'backend-bad-config-'));
    const bad = path.join(dir, 'app-config.bad.yaml');
    await writeFile(
      bad,
      [
        'app:',
        `  baseUrl: http://localhost:${port}`,
        'backend:',
        `  baseUrl: http://localhost:${port}`,
        '  listen:',
        `    port: ${port}`,
        'sagemakerSecurity:',
        '  concurrency:',
        '    regions: 0',
        '',
      ].join('\n'),
    );
    const backendDir = repoPath('packages', 'backend');
    const child = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(backendDir, 'src', 'index.ts'),
        '--config',
        repoPath('app-config.yaml'),
        '--config',
        bad,
      ],
      {
        cwd: backendDir,
        // Its own process group (setsid), stopped as a group if it hangs.
        detached: true,
        env: { ...process.env, NODE_ENV: 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += String(chunk);
    });
    child.stderr.on('data', chunk => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    const limit = 180_000;
    const outcome = await Promise.race([
      exited,
      new Promise<'alive'>(resolve =>
        setTimeout(() => resolve('alive'), limit).unref(),
      ),
    ]);
    if (outcome === 'alive') {
      const status = await fetch(
        `http://localhost:${port}/api/sagemaker-security/checks`,
      ).then(
        r => r.status,
        e => String(e),
      );
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(
        `The backend is still alive ${limit} ms after its plugin failed, answering ${status}`,
      );
    }
    expect(outcome).toBe(1);
    expect(output).toContain(
      "Invalid config at 'sagemakerSecurity.concurrency.regions'",
    );
    expect(output).toContain('Backend start-up failed, exiting');
  });
});
