/**
 * The simulated AWS across a process boundary: the scanner runs in a child
 * process (so its peak RSS is the scanner's alone, as against real AWS),
 * and its SDK clients' HTTP transport sends each signed request, as bytes,
 * to the parent, whose simulated AWS answers with the HTTP response (status,
 * headers, body) the child's SDK then deserializes. A transport failure
 * keeps its `code` (e.g. ECONNREFUSED), which the SDK's retry strategy reads.
 */
import type { ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { HttpHandler, HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { bodyOf } from '../../src/inventory/simulator/wire/http';
import type { SimulatedAws } from './SimulatedAws';

interface WireRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: HttpRequest['query'];
  headers: Record<string, string>;
  body: Uint8Array;
}

interface AwsRequest {
  t: 'aws';
  id: number;
  request: WireRequest;
  /** When the child sent it (ms since the epoch, high resolution). */
  sentAt: number;
}

interface AwsReply {
  t: 'aws';
  id: number;
  response?: {
    statusCode: number;
    headers: Record<string, string>;
    body: Uint8Array;
  };
  error?: { message: string; name?: string; code?: string };
}

async function bytesOf(body: unknown): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of (body ?? []) as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk));
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Parent side: answers the child's HTTP requests from `aws`. */
export function serveAws(child: ChildProcess, aws: SimulatedAws) {
  child.on('message', (message: unknown) => {
    const m = message as AwsRequest;
    if (m?.t !== 'aws') return;
    const request = new HttpRequest({
      ...m.request,
      body: Buffer.from(m.request.body),
    });
    aws
      .handle(request, { sentAt: m.sentAt })
      .then(async ({ response }) => ({
        t: 'aws' as const,
        id: m.id,
        response: {
          statusCode: response.statusCode,
          headers: response.headers,
          body: await bytesOf(response.body),
        },
      }))
      .catch(
        (error: Error & { code?: string }): AwsReply => ({
          t: 'aws',
          id: m.id,
          error: { message: error.message, name: error.name, code: error.code },
        }),
      )
      .then(reply => {
        if (child.connected) child.send(reply);
      });
  });
}

/** Child side: an HTTP request handler that sends every request to the parent. */
export function remoteAws(): HttpHandler<any> {
  let nextId = 0;
  const pending = new Map<number, (reply: AwsReply) => void>();
  process.on('message', (message: unknown) => {
    const m = message as AwsReply;
    if (m?.t !== 'aws') return;
    const resolve = pending.get(m.id);
    if (!resolve) return;
    pending.delete(m.id);
    resolve(m);
  });
  return {
    async handle(request: HttpRequest) {
      const wire: WireRequest = {
        method: request.method,
        protocol: request.protocol,
        hostname: request.hostname,
        port: request.port,
        path: request.path,
        query: request.query,
        headers: request.headers,
        body: new Uint8Array(await bodyOf(request)),
      };
      const reply = await new Promise<AwsReply>(resolve => {
        const id = ++nextId;
        pending.set(id, resolve);
        process.send!({
          t: 'aws',
          id,
          request: wire,
          sentAt: performance.timeOrigin + performance.now(),
        } as AwsRequest);
      });
      if (reply.error || !reply.response) {
        throw Object.assign(new Error(reply.error?.message), {
          name: reply.error?.name ?? 'Error',
          code: reply.error?.code,
        });
      }
      const { statusCode, headers, body } = reply.response;
      return {
        response: new HttpResponse({
          statusCode,
          headers,
          body: Readable.from(body.byteLength ? [Buffer.from(body)] : []),
        }),
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
}
