import { Readable } from 'node:stream';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';

/** The bytes of a request body, whatever form the SDK left it in. */
export async function bodyOf(request: HttpRequest): Promise<Buffer> {
  const body: unknown = request.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  if (
    typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      chunks.push(
        typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk),
      );
    }
    return Buffer.concat(chunks);
  }
  throw new Error(
    `The simulator cannot read a request body of type ${typeof body}`,
  );
}

/** An HTTP answer with its body as a stream, as a socket would deliver it. */
export function httpResponse(
  statusCode: number,
  headers: Record<string, string>,
  body?: string | Uint8Array,
): HttpResponse {
  const bytes =
    body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(
          typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
        );
  return new HttpResponse({
    statusCode,
    headers: { ...headers, 'content-length': String(bytes.byteLength) },
    body: Readable.from(bytes.byteLength ? [bytes] : []),
  });
}

/** A header of the request, whatever its case. */
export function headerOf(
  request: HttpRequest,
  name: string,
): string | undefined {
  const key = Object.keys(request.headers).find(
    k => k.toLowerCase() === name.toLowerCase(),
  );
  return key === undefined ? undefined : request.headers[key];
}
