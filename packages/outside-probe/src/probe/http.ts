import http from 'node:http';

export interface ProbeRequest {
  method: 'GET' | 'POST';
  /** Path and query, exactly as sent (the probe encodes, or mis-encodes, it). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ProbeResponse {
  /** HTTP status; 0 when no answer came (connection reset, timeout). */
  status: number;
  body: string;
  contentType: string;
  ms: number;
  error?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Requests sent again after a kept-alive connection was closed under them. */
export const transport = { staleSocketRetries: 0 };

/**
 * Sends one request over a kept-alive connection with `node:http`, which sends
 * the path as given (no URL normalization: `..` segments and malformed
 * escapes reach the server as written). A request whose reused idle
 * connection the server had just closed (its keep-alive timeout) is sent once
 * more, as Node's documentation advises (`request.reusedSocket`): the server
 * never saw it. A reset of a fresh connection is an answerless request.
 */
export async function send(
  baseUrl: string,
  req: ProbeRequest,
  timeoutMs = 60_000,
): Promise<ProbeResponse> {
  const first = await attempt(baseUrl, req, timeoutMs);
  if (first.staleSocket) {
    transport.staleSocketRetries += 1;
    const second = await attempt(baseUrl, req, timeoutMs);
    return { ...second, ms: first.ms + second.ms };
  }
  return first;
}

function attempt(
  baseUrl: string,
  req: ProbeRequest,
  timeoutMs: number,
): Promise<ProbeResponse & { staleSocket?: boolean }> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) {
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    let r: http.ClientRequest;
    try {
      r = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers,
          timeout: timeoutMs,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              contentType: String(res.headers['content-type'] ?? ''),
              ms: performance.now() - started,
            }),
          );
          res.on('error', error =>
            resolve({
              status: 0,
              body: '',
              contentType: '',
              ms: performance.now() - started,
              error: String(error),
            }),
          );
        },
      );
    } catch (error) {
      // node:http refuses some paths before sending: a bug of the probe's encoder.
      reject(
        new Error(
          `node:http refused ${req.method} ${req.path.slice(0, 200)}: ${error}`,
        ),
      );
      return;
    }
    r.on('timeout', () =>
      r.destroy(new Error(`timeout after ${timeoutMs} ms`)),
    );
    r.on('error', error =>
      resolve({
        status: 0,
        body: '',
        contentType: '',
        ms: performance.now() - started,
        error: String(error),
        staleSocket:
          r.reusedSocket &&
          (error as NodeJS.ErrnoException).code === 'ECONNRESET',
      }),
    );
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** JSON body of a response, or undefined. */
export function json<T = any>(res: ProbeResponse): T | undefined {
  try {
    return JSON.parse(res.body) as T;
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));
