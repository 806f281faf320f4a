/**
 * `yarn bench --only import`: a 5 MB Prowler OCSF file (prowlerFile.ts)
 * uploaded to `POST /findings/prowler` of the real plugin (importServer.ts,
 * its own process), with the server's RSS growth during the import against
 * its goal; then the same file with one malformed finding near its end,
 * which must be refused with 400 naming the field and store nothing.
 */
import { ChildProcess, fork } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fixed } from '../figures';
import { table } from '../report';
import { writeProwlerFile } from './prowlerFile';

const FILE_BYTES = 5 * 1024 * 1024;
/** Goal: the import's RSS growth, in MiB. */
export const RSS_GOAL_MB = 50;
const MIB = 1024 * 1024;

type Reply = { t: string; value?: number; port?: number; token?: string };

class Server {
  private readonly waiting = new Map<string, (reply: Reply) => void>();
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      this.waiting.get(reply.t)?.(reply);
      this.waiting.delete(reply.t);
    });
  }

  static async start(): Promise<{
    server: Server;
    port: number;
    token: string;
  }> {
    const child = fork(path.join(__dirname, 'importServer.ts'), [], {
      execArgv: [
        '--expose-gc',
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const server = new Server(child);
    const ready = await server.next('ready', 120_000);
    return { server, port: ready.port!, token: ready.token! };
  }

  next(t: string, timeoutMs = 60_000): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`import bench server: no '${t}'`)),
        timeoutMs,
      );
      this.waiting.set(t, reply => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  async ask(
    t: 'baseline' | 'peak' | 'count' | 'jsonParse',
    file?: string,
  ): Promise<number> {
    const reply = this.next(t);
    this.child.send({ t, file });
    return (await reply).value!;
  }

  stop() {
    this.child.kill('SIGTERM');
  }
}

/** Streams the file to the route, as `curl --data-binary @file` does. */
function upload(
  port: number,
  token: string,
  file: string,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/sagemaker-security/findings/prowler',
        headers: {
          Authorization: token,
          'Content-Type': 'application/json',
          'Content-Length': statSync(file).size,
        },
      },
      res => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

export interface ImportFigures {
  file: { findings: number; bytes: number };
  status: number;
  answer: string;
  seconds: number;
  rssGrowthMb: number;
  baselineMb: number;
  /** RSS growth of reading the file whole and JSON.parse, in the same process. */
  jsonParseGrowthMb: number;
  malformed: {
    status: number;
    message: string;
    storedBefore: number;
    storedAfter: number;
  };
}

export async function runImportBenchmark(
  progress: (message: string) => void,
): Promise<ImportFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlsec-import-bench-'));
  const { server, port, token } = await Server.start();
  try {
    const good = path.join(dir, 'prowler-output.ocsf.json');
    const file = await writeProwlerFile(good, { bytes: FILE_BYTES });
    progress(
      `wrote ${file.findings} findings, ${fixed(file.bytes / MIB, 2)} MiB`,
    );
    // Warm-up: the route, the parser and the validator loaded and compiled.
    const warm = path.join(dir, 'warm.json');
    await writeProwlerFile(warm, { bytes: 64 * 1024, uidPrefix: 'warm-up' });
    await upload(port, token, warm);

    const baseline = await server.ask('baseline');
    const answer = await upload(port, token, good);
    const peak = await server.ask('peak');
    progress(`import answered ${answer.status} in ${fixed(answer.ms, 0)} ms`);
    // For comparison: the same file read whole and parsed with JSON.parse.
    const parseGrowth = await server.ask('jsonParse', good);

    const bad = path.join(dir, 'prowler-output-malformed.ocsf.json');
    await writeProwlerFile(bad, {
      bytes: FILE_BYTES,
      malformedAt: file.findings - 3,
    });
    const storedBefore = await server.ask('count');
    // A fresh uid space: a refused file must not update what is stored.
    const refused = await upload(port, token, bad);
    const storedAfter = await server.ask('count');
    return {
      file,
      status: answer.status,
      answer: answer.body,
      seconds: answer.ms / 1000,
      rssGrowthMb: (peak - baseline) / MIB,
      baselineMb: baseline / MIB,
      jsonParseGrowthMb: parseGrowth / MIB,
      malformed: {
        status: refused.status,
        message: (() => {
          try {
            return JSON.parse(refused.body).error.message;
          } catch {
            return refused.body;
          }
        })(),
        storedBefore,
        storedAfter,
      },
    };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderImportReport(figures: ImportFigures): {
  text: string;
  misses: string[];
} {
  const rssOk = figures.status === 200 && figures.rssGrowthMb <= RSS_GOAL_MB;
  const refusedOk =
    figures.malformed.status === 400 &&
    /^body\[\d+\]\.resources\[0\]\.uid: Required$/.test(
      figures.malformed.message,
    ) &&
    figures.malformed.storedAfter === figures.malformed.storedBefore;
  const misses = [
    ...(rssOk ? [] : ['import RSS growth']),
    ...(refusedOk ? [] : ['malformed file refused, nothing stored']),
  ];
  const text = [
    'SageMaker security benchmark, Prowler import only (yarn bench --only import; see docs/benchmarks.md)',
    `machine: ${os.cpus().length} CPUs, Node ${process.version}`,
    `file: ${figures.file.findings} OCSF Detection Findings, ${fixed(
      figures.file.bytes / MIB,
      2,
    )} MiB; answer ${figures.status} ${figures.answer} in ${fixed(
      figures.seconds,
      2,
    )} s`,
    `backend RSS before the import ${fixed(
      figures.baselineMb,
      0,
    )} MiB; reading the same file whole and JSON.parse in that process instead grows it by ${fixed(
      figures.jsonParseGrowthMb,
      1,
    )} MiB`,
    '',
    table([
      ['figure', 'ours', 'goal', ''],
      [
        'backend RSS growth during the import',
        `${fixed(figures.rssGrowthMb, 1)} MiB`,
        `≤ ${RSS_GOAL_MB} MiB`,
        rssOk ? 'ok' : 'MISS',
      ],
      [
        'malformed file (one finding without resources[0].uid)',
        `${figures.malformed.status} "${figures.malformed.message}", stored ${figures.malformed.storedBefore} → ${figures.malformed.storedAfter}`,
        '400 naming the field, nothing stored',
        refusedOk ? 'ok' : 'MISS',
      ],
    ]),
  ].join('\n');
  return { text, misses };
}
