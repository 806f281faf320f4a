import type { FuzzRequest } from './fuzz';
import { ProbeResponse, send } from './http';

export interface RouteStats {
  requests: number;
  statuses: Record<string, number>;
  serverErrors: Array<{ status: number; request: string; response: string }>;
  maxMs: number;
  totalMs: number;
}

export interface FuzzOutcome {
  requests: number;
  serverErrors: number;
  noAnswer: number;
  byRoute: Record<string, RouteStats>;
  seconds: number;
}

const describeRequest = (r: FuzzRequest) =>
  `${r.method} ${r.path.slice(0, 300)}${r.path.length > 300 ? '…' : ''} [${
    r.principal
  }]${
    r.body !== undefined
      ? ` body(${r.headers?.['content-type'] ?? 'no type'}): ${String(
          r.body,
        ).slice(0, 200)}`
      : ''
  }`;

/** Sends the requests, `concurrency` at a time; counts statuses and every 5xx. */
export async function run(
  baseUrl: string,
  requests: FuzzRequest[],
  concurrency: number,
  onResponse?: (req: FuzzRequest, res: ProbeResponse) => void,
): Promise<FuzzOutcome> {
  const started = performance.now();
  const byRoute: Record<string, RouteStats> = {};
  let next = 0;
  let serverErrors = 0;
  let noAnswer = 0;
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++];
      const res = await send(baseUrl, req);
      const stats = (byRoute[req.route] ??= {
        requests: 0,
        statuses: {},
        serverErrors: [],
        maxMs: 0,
        totalMs: 0,
      });
      stats.requests += 1;
      const key = res.status === 0 ? 'no answer' : String(res.status);
      stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
      stats.maxMs = Math.max(stats.maxMs, res.ms);
      stats.totalMs += res.ms;
      if (res.status >= 500 || res.status === 0) {
        if (res.status === 0) noAnswer += 1;
        else serverErrors += 1;
        if (stats.serverErrors.length < 5) {
          stats.serverErrors.push({
            status: res.status,
            request: describeRequest(req),
            response: (res.error ?? res.body).slice(0, 300),
          });
        }
      }
      onResponse?.(req, res);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    requests: requests.length,
    serverErrors,
    noAnswer,
    byRoute,
    seconds: (performance.now() - started) / 1000,
  };
}
