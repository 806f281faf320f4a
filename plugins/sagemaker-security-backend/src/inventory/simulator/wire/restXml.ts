/**
 * REST-XML (S3): the operation is found from the method, the path and the
 * query flags of its modelled `http` trait (`GET /?policy` is
 * GetBucketPolicy); the bucket comes from the host (virtual-hosted style)
 * or the first path segment (path style, with an endpoint override).
 * Answers put each output member where the model binds it: headers, the
 * payload (raw text, bytes or an XML document) or an XML body.
 */
import { XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { XmlNode } from '@aws-sdk/xml-builder';
import {
  FromStringShapeDeserializer,
  ToStringShapeSerializer,
} from '@smithy/core/protocols';
import type { NormalizedSchema } from '@smithy/core/schema';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { StaticOperationSchema } from '@smithy/types';
import { SimulatedAwsError, unknownOperation } from '../awsErrors';
import type { DecodedRequest, WireCodec } from './codec';
import { headerOf, httpResponse } from './http';
import { ioOf, toModel } from './schema';
import type { WireService } from './services';
import { writeXml } from './xml';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SETTINGS = {
  timestampFormat: { useTrait: true, default: 5 as const },
  httpBindings: true,
};

interface Route {
  operation: StaticOperationSchema;
  method: string;
  /** `/` or `/{Key+}` (the bucket is not part of S3's modelled paths). */
  path: string;
  /** Query flags and values the path requires, e.g. `policy` or `x-id=GetObject`. */
  literals: Array<[string, string | undefined]>;
  status: number;
  bucket: boolean;
}

function routeOf(operation: StaticOperationSchema): Route | undefined {
  const traits = ioOf(operation);
  const http = (operation[3] as { http?: [string, string, number] })?.http;
  if (!http) return undefined;
  const [method, uri, status] = http;
  const [path, query = ''] = uri.split('?');
  const literals = query
    .split('&')
    .filter(Boolean)
    .map(pair => {
      const [k, v] = pair.split('=');
      return [
        decodeURIComponent(k),
        v === undefined ? undefined : decodeURIComponent(v),
      ] as [string, string | undefined];
    });
  const bucket = [...traits.input.structIterator()].some(
    ([name]) => name === 'Bucket',
  );
  return { operation, method, path, literals, status, bucket };
}

/** The bucket and the rest of the path of an S3 request. */
function bucketAndPath(request: HttpRequest): {
  bucket?: string;
  rest: string;
} {
  const host = request.hostname ?? '';
  const virtual =
    /^(.+)\.s3(?:[.-][a-z0-9-]+)?(?:\.dualstack)?(?:\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(
      host,
    );
  if (virtual && !virtual[1].startsWith('s3')) {
    return { bucket: virtual[1], rest: request.path || '/' };
  }
  const [, first, ...rest] = (request.path || '/').split('/');
  return first
    ? { bucket: decodeURIComponent(first), rest: `/${rest.join('/')}` }
    : { rest: '/' };
}

export class RestXmlCodec implements WireCodec {
  private routes?: Route[];
  private readonly scalar = new FromStringShapeDeserializer(SETTINGS);

  constructor(private readonly service: WireService) {}

  async decode(request: HttpRequest, body: Buffer): Promise<DecodedRequest> {
    const { bucket, rest } = bucketAndPath(request);
    const query = request.query ?? {};
    const matches = this.allRoutes().filter(
      r =>
        r.method === request.method &&
        r.bucket === Boolean(bucket) &&
        (r.path === '/' ? rest === '/' : rest.length > 1) &&
        r.literals.every(([k, v]) =>
          v === undefined ? k in query : query[k] === v,
        ),
    );
    const route = matches.sort(
      (a, b) => b.literals.length - a.literals.length,
    )[0];
    if (!route) {
      throw unknownOperation(
        this.service.service,
        `${request.method} ${request.path}`,
      );
    }
    const { name, input: schema } = ioOf(route.operation);
    const input: Record<string, any> = {};
    for (const [member, ns] of schema.structIterator()) {
      const value = this.readMember(member, ns, request, query, body, {
        bucket,
        rest,
      });
      if (value !== undefined) input[member] = value;
    }
    return { operation: name, input };
  }

  private readMember(
    member: string,
    ns: NormalizedSchema,
    request: HttpRequest,
    query: Record<string, string | string[] | null>,
    body: Buffer,
    where: { bucket?: string; rest: string },
  ): unknown {
    const t = ns.getMergedTraits();
    if (member === 'Bucket') return where.bucket;
    if (t.httpLabel) return decodeURIComponent(where.rest.slice(1));
    if (typeof t.httpQuery === 'string') {
      const raw = query[t.httpQuery];
      return raw === undefined || raw === null
        ? undefined
        : this.scalar.read(ns, Array.isArray(raw) ? raw[0] : raw);
    }
    if (typeof t.httpHeader === 'string') {
      const raw = headerOf(request, t.httpHeader);
      return raw === undefined ? undefined : this.scalar.read(ns, raw);
    }
    if (t.httpPayload && body.byteLength) {
      if (ns.isStructSchema()) {
        return new XmlShapeDeserializer(SETTINGS as any).read(ns, body);
      }
      return ns.isBlobSchema() ? new Uint8Array(body) : body.toString('utf8');
    }
    return undefined;
  }

  encode(
    operation: string,
    output: unknown,
    requestId: string,
    dropped: string[],
  ): HttpResponse {
    const op = this.service.operation(operation)!;
    const route = routeOf(op)!;
    const schema = ioOf(op).output;
    const value = (toModel(schema, output, dropped) ?? {}) as Record<
      string,
      unknown
    >;
    const headers: Record<string, string> = {
      'x-amz-request-id': requestId,
      'x-amz-id-2': `sim/${requestId}`,
    };
    const bodyMembers: Record<string, unknown> = {};
    let body: string | Uint8Array | undefined;
    for (const [member, ns] of schema.structIterator()) {
      const v = value[member];
      const t = ns.getMergedTraits();
      // An absent payload is an empty body.
      if (t.httpPayload && v === undefined) body = '';
      if (v === undefined) continue;
      if (typeof t.httpHeader === 'string') {
        const writer = new ToStringShapeSerializer(SETTINGS);
        writer.write(ns, v);
        headers[t.httpHeader.toLowerCase()] = String(writer.flush());
      } else if (t.httpPayload) {
        if (ns.isStructSchema()) {
          headers['content-type'] = 'application/xml';
          body =
            XML_DECLARATION +
            writeXml(ns, v, this.service.settings.xmlNamespace);
        } else {
          body = v as string | Uint8Array;
        }
      } else if (!t.httpResponseCode) {
        bodyMembers[member] = v;
      }
    }
    if (body === undefined) {
      headers['content-type'] = 'application/xml';
      body = XML_DECLARATION + this.xmlBody(schema, bodyMembers);
    }
    return httpResponse(route.status, headers, body);
  }

  /**
   * The body members as XML. An output whose `xmlName` is its only member's
   * name is that element itself, e.g. `<LocationConstraint>eu-west-1</…>`.
   */
  private xmlBody(schema: NormalizedSchema, members: Record<string, unknown>) {
    const root = schema.getMergedTraits().xmlName;
    const names = [...schema.structIterator()].map(([n]) => n);
    const xmlns = this.service.settings.xmlNamespace;
    if (root && names.length === 1 && names[0] === root) {
      const text = members[root];
      const node = XmlNode.of(
        root,
        text === undefined ? undefined : String(text),
      );
      return (xmlns ? node.addAttribute('xmlns', xmlns) : node).toString();
    }
    return writeXml(schema, members, xmlns);
  }

  encodeError(
    error: SimulatedAwsError,
    status: number,
    requestId: string,
    request: HttpRequest,
  ): HttpResponse {
    const headers = {
      'x-amz-request-id': requestId,
      'x-amz-id-2': `sim/${requestId}`,
      'content-type': 'application/xml',
    };
    // A HEAD answer has no body: the SDK sees the status alone.
    if (request.method === 'HEAD') return httpResponse(status, headers);
    const fields = Object.keys(error.fields);
    const names = ['Code', 'Message', ...fields, 'RequestId', 'HostId'];
    const body = writeXml([3, '', 'Error', 0, names, names.map(() => 0)], {
      Code: error.code,
      Message: error.message,
      ...error.fields,
      RequestId: requestId,
      HostId: `sim/${requestId}`,
    });
    return httpResponse(status, headers, XML_DECLARATION + body);
  }

  malformed(operation: string, requestId: string): HttpResponse {
    return httpResponse(
      200,
      { 'x-amz-request-id': requestId, 'content-type': 'application/xml' },
      `${XML_DECLARATION}<${operation}Output xmlns="${this.service.settings.xmlNamespace}"><Trunc`,
    );
  }

  private allRoutes(): Route[] {
    return (this.routes ??= this.service
      .operations()
      .map(routeOf)
      .filter((r): r is Route => Boolean(r)));
  }
}
