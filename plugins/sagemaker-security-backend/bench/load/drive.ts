/**
 * The load: N concurrent HTTP/1.1 keep-alive clients (autocannon) for a fixed
 * time over a fixed mix of routes. The connections take the entries of the
 * mix (every ML service's entity scorecard and org page variants, interleaved)
 * in turn from one shared counter, one request in flight per connection. Latency is
 * recorded per route from the moment autocannon writes a request to the end
 * of its response (autocannon's own timing); autocannon's totals give the
 * throughput.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  /** The route a request belongs to (figures are per route). */
  route: string;
  path: string;
}

export interface RouteFigure {
  route: string;
  requests: number;
  non2xx: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean and largest response body, bytes. */
  meanBodyBytes: number;
  maxBodyBytes: number;
}

export interface DriveFigures {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  /** Socket errors and timeouts (autocannon's `errors` + `timeouts`). */
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  routes: RouteFigure[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, i))];
}

interface Samples {
  ms: number[];
  bytes: number[];
  non2xx: number;
}

function routeFigure(route: string, s: Samples): RouteFigure {
  const ms = [...s.ms].sort((a, b) => a - b);
  const total = s.bytes.reduce((a, b) => a + b, 0);
  return {
    route,
    requests: ms.length,
    non2xx: s.non2xx,
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    p99Ms: percentile(ms, 99),
    maxMs: ms.length ? ms[ms.length - 1] : NaN,
    meanBodyBytes: s.bytes.length ? total / s.bytes.length : NaN,
    maxBodyBytes: s.bytes.length ? Math.max(...s.bytes) : NaN,
  };
}

export async function drive(options: {
  baseUrl: string;
  token: string;
  requests: LoadRequest[];
  connections: number;
  seconds: number;
}): Promise<DriveFigures> {
  const samples = new Map<string, Samples>();
  const all: number[] = [];
  const record = (route: string, ms: number, status: number, bytes: number) => {
    let s = samples.get(route);
    if (!s) {
      s = { ms: [], bytes: [], non2xx: 0 };
      samples.set(route, s);
    }
    s.ms.push(ms);
    s.bytes.push(bytes);
    all.push(ms);
    if (status < 200 || status > 299) s.non2xx += 1;
  };
  // One request definition whose setupRequest takes the next entry of the
  // mix from a counter shared by every connection, so that the connections
  // spread over the mix instead of walking it in step. autocannon then calls
  // its onResponse (with the connection's context, which names the route in
  // flight: one request per connection at a time) and, synchronously for the
  // same response, emits 'response' with the time from writing the request to
  // the end of its response: route and body size are carried over to that.
  let next = 0;
  let last: { route: string; bytes: number } | undefined;
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.seconds,
        pipelining: 1,
        timeout: 30,
        headers: { authorization: `Bearer ${options.token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (req: any, context: any) => {
              const r = options.requests[next++ % options.requests.length];
              context.route = r.route;
              return { ...req, path: r.path };
            },
            onResponse: (_status: number, body: string, context: any) => {
              last = {
                route: context.route,
                bytes: Buffer.byteLength(body ?? ''),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on('response', (_client, status, _bytes, ms) => {
    record(last?.route ?? 'unattributed', ms, status, last?.bytes ?? 0);
    last = undefined;
  });
  const result = await done;
  const sorted = [...all].sort((a, b) => a - b);
  return {
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / options.seconds,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    routes: [...samples].map(([route, s]) => routeFigure(route, s)),
  };
}
