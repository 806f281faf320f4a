/**
 * An HTTP proxy between the AWS SDK and moto that answers chosen requests
 * itself, with the error each AWS protocol really sends (status, headers and
 * body), so the SDK's own deserializers, error classes and retry strategy
 * handle them. moto has no fault injection of its own. Every request is
 * identified from the wire: the service and region from the SigV4 credential
 * scope, the operation from `X-Amz-Target` (AWS JSON), the `Action` form field
 * (Query, EC2 Query), the S3 sub-resource or the method and path of the
 * operation's modelled `http` trait (REST-JSON: GuardDuty).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { wireService } from '../../../inventory/simulator/wire/services';

/** The signing name of each service, as the plugin names it. */
const SERVICE_OF_SIGNING_NAME: Record<string, string> = {
  monitoring: 'cloudwatch',
};

/** IAM actions whose name differs from the S3 operation. */
const S3_ACTIONS: Record<string, string> = {
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
};

export interface WireRequest {
  /** e.g. `sagemaker`, `cloudwatch` (the plugin's service names). */
  service: string;
  region: string;
  /** The API operation, e.g. `ListTags`, `GetBucketPolicy`. */
  operation: string;
  /** The IAM action, e.g. `sagemaker:ListTags`, `s3:GetEncryptionConfiguration`. */
  action: string;
  method: string;
  path: string;
  body: string;
}

export type Fault =
  /** AccessDenied in the service's protocol. */
  | 'AccessDenied'
  /** Throttling in the service's protocol (retryable). */
  | 'Throttling'
  /** The credentials are not valid in the region (an opt-in region not enabled). */
  | 'RegionDisabled'
  /** The connection is dropped without an answer (ECONNRESET). */
  | 'Reset';

export interface FaultRule {
  fault: Fault;
  /** IAM action, e.g. `iam:GetRolePolicy`; any when absent. */
  action?: string;
  /** Service (plugin name); any when absent. */
  service?: string;
  region?: string;
  /** Text the request's path or body must contain (e.g. a resource name). */
  target?: string;
  /** Share of the matching requests answered with the fault (seeded); default all. */
  rate?: number;
  /** At most this many requests are answered with the fault. */
  times?: number;
}

export interface ProxyLog {
  /** Requests forwarded to moto, by IAM action. */
  forwarded: Record<string, number>;
  /** Requests answered with a fault: `${fault} ${action} ${region}`, in order. */
  faults: string[];
}

/** A seeded pseudo-random sequence (mulberry32): a failing run replays. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function s3Operation(method: string, url: URL): string {
  const has = (key: string) => url.searchParams.has(key);
  if (method === 'GET') {
    if (has('location')) return 'GetBucketLocation';
    if (has('policy')) return 'GetBucketPolicy';
    if (has('encryption')) return 'GetBucketEncryption';
    if (has('publicAccessBlock')) return 'GetPublicAccessBlock';
    return url.pathname === '/' ? 'ListBuckets' : 'ListObjects';
  }
  return `${method} ${url.pathname}`;
}

/** Services that speak REST-JSON 1. */
const REST_JSON = new Set(['guardduty']);

/** A REST-JSON operation, from the method and path its model binds it to. */
function restJsonOperation(service: string, method: string, url: URL): string {
  const found = wireService(service as 'guardduty')
    .operations()
    .find(operation => {
      const trait = (operation[3] as { http?: [string, string, number] }).http;
      if (!trait || trait[0] !== method) return false;
      const pattern = trait[1]
        .split('?')[0]
        .split('/')
        .map(segment => (/^\{\w+\+?\}$/.test(segment) ? '[^/]+' : segment))
        .join('/');
      return new RegExp(`^${pattern}$`).test(url.pathname);
    });
  return found ? found[2] : `${method} ${url.pathname}`;
}

/** Reads what the request is from its bytes. */
export function identify(
  method: string,
  path: string,
  headers: http.IncomingHttpHeaders,
  body: string,
): WireRequest {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(
    String(headers.authorization ?? ''),
  );
  const region = scope?.[1] ?? 'unsigned';
  const signingName = scope?.[2] ?? 'unknown';
  const service = SERVICE_OF_SIGNING_NAME[signingName] ?? signingName;
  const target = headers['x-amz-target'];
  let operation: string;
  if (typeof target === 'string') {
    operation = target.split('.').pop()!;
  } else if (service === 's3') {
    operation = s3Operation(method, new URL(path, 'http://proxy'));
  } else if (REST_JSON.has(service)) {
    operation = restJsonOperation(
      service,
      method,
      new URL(path, 'http://proxy'),
    );
  } else {
    operation = new URLSearchParams(body).get('Action') ?? 'unknown';
  }
  const action =
    (service === 's3' && S3_ACTIONS[operation]) || `${service}:${operation}`;
  return { service, region, operation, action, method, path, body };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const REQUEST_ID = '4d5e6f70-0000-4000-8000-000000000001';
const CALLER = 'arn:aws:sts::123456789012:assumed-role/mlsec-scanner/backstage';

function denialMessage(request: WireRequest): string {
  return `User: ${CALLER} is not authorized to perform: ${request.action} because no identity-based policy allows the ${request.action} action`;
}

function json(
  status: number,
  type: string,
  message: string,
  version: string,
  queryError?: string,
): Answer {
  return {
    status,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': REQUEST_ID,
      'x-amzn-errortype': type,
      ...(queryError ? { 'x-amzn-query-error': queryError } : {}),
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

function xml(status: number, body: string): Answer {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': REQUEST_ID },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

/** Query protocol (IAM, STS): `<ErrorResponse><Error><Type>…`. */
function query(status: number, code: string, message: string): Answer {
  return xml(
    status,
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
  );
}

/** EC2 Query protocol: `<Response><Errors><Error>…`. */
function ec2(status: number, code: string, message: string): Answer {
  return xml(
    status,
    `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${REQUEST_ID}</RequestID></Response>`,
  );
}

/** S3 REST-XML: `<Error><Code>…`. */
function s3(status: number, code: string, message: string): Answer {
  return xml(
    status,
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${REQUEST_ID}</RequestId><HostId>mlsec-fault-proxy</HostId></Error>`,
  );
}

/** REST-JSON 1 (GuardDuty): the type in `x-amzn-errortype` and the body. */
function restJson(status: number, type: string, message: string): Answer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': REQUEST_ID,
      'x-amzn-errortype': type,
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** The error a service really answers, in its protocol. */
export function faultAnswer(
  fault: Exclude<Fault, 'Reset'>,
  request: WireRequest,
): Answer {
  const { service } = request;
  if (fault === 'AccessDenied') {
    const message = denialMessage(request);
    if (service === 'iam' || service === 'sts')
      return query(403, 'AccessDenied', message);
    if (service === 'ec2') return ec2(403, 'UnauthorizedOperation', message);
    if (service === 's3') return s3(403, 'AccessDenied', message);
    if (service === 'cloudwatch')
      return json(403, 'AccessDenied', message, '1.0', 'AccessDenied;Sender');
    if (REST_JSON.has(service))
      return restJson(403, 'AccessDeniedException', message);
    return json(400, 'AccessDeniedException', message, '1.1');
  }
  if (fault === 'Throttling') {
    if (service === 'iam' || service === 'sts')
      return query(400, 'Throttling', 'Rate exceeded');
    if (service === 'ec2')
      return ec2(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    if (service === 's3')
      return s3(503, 'SlowDown', 'Please reduce your request rate.');
    if (service === 'cloudwatch')
      return json(
        400,
        'Throttling',
        'Rate exceeded',
        '1.0',
        'Throttling;Sender',
      );
    if (REST_JSON.has(service))
      return restJson(429, 'TooManyRequestsException', 'Rate exceeded');
    return json(400, 'ThrottlingException', 'Rate exceeded', '1.1');
  }
  // What a service of an opt-in region that is not enabled answers.
  const invalid = 'The security token included in the request is invalid.';
  if (service === 'iam' || service === 'sts')
    return query(403, 'InvalidClientTokenId', invalid);
  if (service === 'ec2')
    return ec2(
      401,
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
    );
  if (service === 's3')
    return s3(
      400,
      'InvalidToken',
      'The provided token is malformed or otherwise invalid.',
    );
  if (REST_JSON.has(service))
    return restJson(403, 'UnrecognizedClientException', invalid);
  return json(
    400,
    'UnrecognizedClientException',
    invalid,
    service === 'cloudwatch' ? '1.0' : '1.1',
  );
}

export interface FaultProxy {
  url: string;
  log: ProxyLog;
  /** Replaces the rules (and their counters) and clears the log. */
  setRules(rules: FaultRule[], seed?: number): void;
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port, forwarding to `upstream`. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let rules: Array<FaultRule & { used: number }> = [];
  let random = seededRandom(1);
  const log: ProxyLog = { forwarded: {}, faults: [] };

  const matching = (request: WireRequest) =>
    rules.find(
      rule =>
        (rule.action === undefined || rule.action === request.action) &&
        (rule.service === undefined || rule.service === request.service) &&
        (rule.region === undefined || rule.region === request.region) &&
        (rule.target === undefined ||
          request.path.includes(rule.target) ||
          request.body.includes(rule.target)) &&
        (rule.times === undefined || rule.used < rule.times) &&
        (rule.rate === undefined || random() < rule.rate),
    );

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const request = identify(
        req.method ?? 'GET',
        req.url ?? '/',
        req.headers,
        raw.toString('utf8'),
      );
      const rule = matching(request);
      if (rule) {
        rule.used += 1;
        log.faults.push(`${rule.fault} ${request.action} ${request.region}`);
        if (rule.fault === 'Reset') {
          req.socket.destroy();
          return;
        }
        const answer = faultAnswer(rule.fault, request);
        res.writeHead(answer.status, {
          ...answer.headers,
          'content-length': Buffer.byteLength(answer.body),
        });
        res.end(answer.body);
        return;
      }
      log.forwarded[request.action] = (log.forwarded[request.action] ?? 0) + 1;
      const forwarded = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        upstreamResponse => {
          res.writeHead(
            upstreamResponse.statusCode ?? 502,
            upstreamResponse.headers,
          );
          upstreamResponse.pipe(res);
        },
      );
      forwarded.on('error', error => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`fault proxy: ${error.message}`);
      });
      forwarded.end(raw);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setRules(next, seed = 1) {
      rules = next.map(rule => ({ ...rule, used: 0 }));
      random = seededRandom(seed);
      log.forwarded = {};
      log.faults = [];
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
