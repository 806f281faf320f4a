/**
 * A real HTTP server on 127.0.0.1 answering AWS requests with the bytes
 * AWS sends (status, headers, body) in each protocol the SDK clients speak,
 * so tests run the SDK's own deserializers, error classes and retries.
 * Requests are told apart by the service in their SigV4 credential scope
 * and by the operation (X-Amz-Target, Query `Action`, or the S3 path).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireRequest {
  /** The signing name: sagemaker, iam, sts, s3, ec2, monitoring… */
  service: string;
  /** The operation (e.g. `ListModels`); S3: method and query (`GET ?policy`). */
  operation: string;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WireAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type WireHandler = (
  request: WireRequest,
) => WireAnswer | 'hang' | 'reset';

function operationOf(req: http.IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const action = new URLSearchParams(body).get('Action');
  if (action) return action;
  return `${req.method} ${req.url ?? ''}`;
}

export async function startAwsWire(handler: WireHandler): Promise<{
  url: string;
  port: number;
  requests: WireRequest[];
  close(): Promise<void>;
}> {
  const requests: WireRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const scope = /Credential=[^/]*\/\d{8}\/[^/]+\/([^/]+)\//.exec(
        String(req.headers.authorization ?? ''),
      );
      const request: WireRequest = {
        service: scope?.[1] ?? '',
        operation: operationOf(req, body),
        method: String(req.method),
        path: String(req.url),
        headers: req.headers,
        body,
      };
      requests.push(request);
      const answer = handler(request);
      if (answer === 'hang') return;
      if (answer === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, {
        'x-amzn-requestid': 'wire-test',
        ...answer.headers,
      });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** AWS JSON 1.1 (SageMaker, KMS, CloudTrail, Logs): `__type` and `message`. */
export function jsonError(
  status: number,
  type: string,
  message: string,
): WireAnswer {
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.sagemaker/`,
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** REST-JSON 1 (GuardDuty): the type in `x-amzn-errortype` and the body. */
export function restJsonError(
  status: number,
  type: string,
  message: string,
): WireAnswer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': type,
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** AWS JSON 1.0 with awsQueryCompatible (CloudWatch): the Query code in a header. */
export function queryCompatibleJsonError(
  status: number,
  type: string,
  queryCode: string,
  message: string,
): WireAnswer {
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': `${queryCode};Sender`,
    },
    body: JSON.stringify({
      __type: `com.amazonaws.cloudwatch#${type}`,
      message,
    }),
  };
}

/** AWS Query (IAM, STS): `<ErrorResponse><Error>`. */
export function queryError(
  status: number,
  code: string,
  message: string,
  namespace = 'https://iam.amazonaws.com/doc/2010-05-08/',
): WireAnswer {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${xmlEscape(
      message,
    )}</Message>\n  </Error>\n  <RequestId>4c5a6e2b-wire-test</RequestId>\n</ErrorResponse>\n`,
  };
}

/** EC2 Query: `<Response><Errors><Error>`. */
export function ec2Error(
  status: number,
  code: string,
  message: string,
): WireAnswer {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${xmlEscape(
      message,
    )}</Message></Error></Errors><RequestID>wire-test</RequestID></Response>`,
  };
}

/** S3 REST-XML: `<Error>` with the bucket and request IDs. */
export function s3Error(
  status: number,
  code: string,
  message: string,
  bucket = 'ml-artifacts',
): WireAnswer {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(
      message,
    )}</Message><BucketName>${bucket}</BucketName><RequestId>WIRE1TEST</RequestId><HostId>d2lyZS10ZXN0</HostId></Error>`,
  };
}

/** An HTML page, as emulators answer operations they do not implement. */
export function htmlPage(status: number): WireAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n',
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** A host name that never resolves (RFC 6761 reserves `.invalid`). */
export const UNRESOLVABLE_HOST = 'mlsec-no-such-endpoint.invalid';

/** What a {@link startRecordingProxy} saw of one request. */
export interface RecordedRequest {
  service: string;
  operation: string;
  /** The access key ID the request was signed with. */
  accessKeyId: string;
  /** The request body (Query protocols: the parameters). */
  body: string;
}

/**
 * A front for an AWS-compatible server (e.g. moto) that records every
 * request before forwarding it unchanged: where requests went, and signed
 * with which key. `intercept` may answer a request itself instead (e.g. an
 * AWS error in the service's protocol).
 */
export async function startRecordingProxy(
  target: string,
  intercept?: (request: RecordedRequest) => WireAnswer | undefined,
): Promise<{
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}> {
  const to = new URL(target);
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const credential = /Credential=([^/]*)\/\d{8}\/[^/]+\/([^/]+)\//.exec(
        String(req.headers.authorization ?? ''),
      );
      const recorded: RecordedRequest = {
        service: credential?.[2] ?? '',
        operation: operationOf(req, body.toString('utf8')),
        accessKeyId: credential?.[1] ?? '',
        body: body.toString('utf8'),
      };
      requests.push(recorded);
      const own = intercept?.(recorded);
      if (own) {
        res.writeHead(own.status, {
          'x-amzn-requestid': 'wire-test',
          ...own.headers,
        });
        res.end(own.body ?? '');
        return;
      }
      const forward = http.request(
        {
          hostname: to.hostname,
          port: to.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
