/**
 * The export figure, measured inside a plugin process that serves stored
 * results and did nothing else before (no collection, no evaluation): the
 * organisation-wide export (GET /export, no scope: every ML service) is read
 * through HTTP and thrown away as it arrives, while the process's RSS is
 * sampled. The reader counts the records it received itself (CSV records,
 * OCSF findings), so the figure states how many results actually streamed.
 */
import http from 'node:http';
import type { InventoryStore } from '../../src/inventory/InventoryStore';
import type { ScorecardBackend } from '../../src/service';
import { listenRouter } from './scorecards';

/** The formats whose records the reader can count without parsing. */
export type ExportFormat = 'csv' | 'ocsf';

export interface ExportFigure {
  format: ExportFormat;
  status: number;
  /** Records the reader counted: CSV records (header excluded) or findings. */
  results: number;
  bytes: number;
  seconds: number;
  /** RSS of the process just before the request. */
  rssBeforeBytes: number;
  /** Highest RSS sampled while the export streamed (every 10 ms and per chunk). */
  rssPeakBytes: number;
  /** True when the response ended normally (not aborted). */
  complete: boolean;
}

/**
 * Counts CSV records (RFC 4180: a newline inside quotes is data) across
 * chunk boundaries.
 */
export class CsvRecordCounter {
  private inQuotes = false;
  records = 0;

  push(chunk: string) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 34) this.inQuotes = !this.inQuotes;
      else if (c === 10 && !this.inQuotes) this.records += 1;
    }
  }
}

/** Counts occurrences of `marker` across chunk boundaries. */
export class MarkerCounter {
  private carry = '';
  count = 0;

  constructor(private readonly marker: string) {}

  push(chunk: string) {
    const text = this.carry + chunk;
    let at = text.indexOf(this.marker);
    let end = 0;
    while (at >= 0) {
      this.count += 1;
      end = at + this.marker.length;
      at = text.indexOf(this.marker, end);
    }
    this.carry = text.slice(Math.max(end, text.length - this.marker.length));
  }
}

/** One record per finding: a CSV record, or an OCSF finding's one class_uid. */
function counterOf(format: ExportFormat) {
  if (format === 'csv') {
    const csv = new CsvRecordCounter();
    return { push: (s: string) => csv.push(s), count: () => csv.records - 1 };
  }
  const counter = new MarkerCounter('"class_uid":2003');
  return { push: (s: string) => counter.push(s), count: () => counter.count };
}

function readExport(
  server: http.Server,
  format: ExportFormat,
  onChunk: () => void,
): Promise<Omit<ExportFigure, 'rssBeforeBytes' | 'rssPeakBytes' | 'format'>> {
  const address = server.address() as { port: number };
  const started = performance.now();
  const counter = counterOf(format);
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port: address.port,
        path: `/api/sagemaker-security/export?format=${format}`,
      },
      res => {
        let bytes = 0;
        let complete = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          bytes += Buffer.byteLength(chunk);
          counter.push(chunk);
          onChunk();
        });
        res.on('end', () => {
          complete = res.complete;
        });
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            results: Math.max(0, counter.count()),
            bytes,
            seconds: (performance.now() - started) / 1000,
            complete,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

export async function measureExports(options: {
  backend: ScorecardBackend;
  inventory: InventoryStore;
  formats: ExportFormat[];
}): Promise<ExportFigure[]> {
  const server = await listenRouter(options.backend, options.inventory);
  const figures: ExportFigure[] = [];
  try {
    for (const format of options.formats) {
      const rssBeforeBytes = process.memoryUsage.rss();
      let rssPeakBytes = rssBeforeBytes;
      const sample = () => {
        rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
      };
      const timer = setInterval(sample, 10);
      try {
        const read = await readExport(server, format, sample);
        sample();
        figures.push({ format, rssBeforeBytes, rssPeakBytes, ...read });
      } finally {
        clearInterval(timer);
      }
    }
    return figures;
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}
