/**
 * REST-JSON 1 (GuardDuty): the operation is found from the method and the
 * path of its modelled `http` trait (`GET /detector/{DetectorId}` is
 * GetDetector); labels come from the path, query and header members from
 * where the model binds them, the rest from the JSON body. Answers and
 * errors through the SDK's own JSON codec with the protocol's settings
 * (member `jsonName`s, epoch-seconds timestamps).
 */
import {
  FromStringShapeDeserializer,
  JsonCodec2,
  ToStringShapeSerializer,
} from '@smithy/core/protocols';
import type { NormalizedSchema } from '@smithy/core/schema';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { StaticOperationSchema } from '@smithy/types';
import { SimulatedAwsError, unknownOperation } from '../awsErrors';
import { DecodedRequest, modelledError, WireCodec } from './codec';
import { headerOf, httpResponse } from './http';
import { ioOf, isHttpBound, toModel } from './schema';
import type { WireService } from './services';

const CONTENT_TYPE = 'application/json';
const SETTINGS = {
  timestampFormat: { useTrait: true, default: 7 as const },
  httpBindings: true,
};

interface Route {
  operation: StaticOperationSchema;
  method: string;
  /** The path as a pattern; its groups are the labels, in `labels` order. */
  pattern: RegExp;
  labels: string[];
  /** Query flags and values the URI requires. */
  literals: Array<[string, string | undefined]>;
  status: number;
}

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

function routeOf(operation: StaticOperationSchema): Route | undefined {
  const http = (operation[3] as { http?: [string, string, number] })?.http;
  if (!http) return undefined;
  const [method, uri, status] = http;
  const [path, query = ''] = uri.split('?');
  const labels: string[] = [];
  const source = path
    .split('/')
    .map(segment => {
      const label = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!label) return escape(segment);
      labels.push(label[1]);
      return label[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const literals = query
    .split('&')
    .filter(Boolean)
    .map(pair => {
      const [k, v] = pair.split('=');
      return [k, v] as [string, string | undefined];
    });
  return {
    operation,
    method,
    pattern: new RegExp(`^${source}$`),
    labels,
    literals,
    status,
  };
}

export class RestJsonCodec implements WireCodec {
  private routes?: Route[];
  private readonly codec = new JsonCodec2({
    timestampFormat: SETTINGS.timestampFormat,
    jsonName: true,
  });
  private readonly scalar = new FromStringShapeDeserializer(SETTINGS);

  constructor(private readonly service: WireService) {}

  async decode(request: HttpRequest, body: Buffer): Promise<DecodedRequest> {
    const query = request.query ?? {};
    const path = request.path || '/';
    const route = this.allRoutes()
      .filter(
        r =>
          r.method === request.method &&
          r.pattern.test(path) &&
          r.literals.every(([k, v]) =>
            v === undefined ? k in query : query[k] === v,
          ),
      )
      .sort((a, b) => b.literals.length - a.literals.length)[0];
    if (!route) {
      throw unknownOperation(this.service.service, `${request.method} ${path}`);
    }
    const { name, input: schema } = ioOf(route.operation);
    const labels = route.pattern.exec(path)!.slice(1);
    const fromBody = (
      body.byteLength
        ? await this.codec
            .createDeserializer()
            .read(schema, body.toString('utf8'))
        : {}
    ) as Record<string, unknown>;
    const input: Record<string, any> = {};
    for (const [member, ns] of schema.structIterator()) {
      const t = ns.getMergedTraits();
      let value: unknown;
      if (t.httpLabel) {
        const at = route.labels.indexOf(member);
        value = at < 0 ? undefined : decodeURIComponent(labels[at]);
      } else if (typeof t.httpQuery === 'string') {
        value = this.queryValue(ns, query[t.httpQuery]);
      } else if (typeof t.httpHeader === 'string') {
        const raw = headerOf(request, t.httpHeader);
        value = raw === undefined ? undefined : this.scalar.read(ns, raw);
      } else if (!isHttpBound(ns)) {
        value = fromBody?.[member];
      }
      if (value !== undefined) input[member] = value;
    }
    return { operation: name, input };
  }

  private queryValue(
    ns: NormalizedSchema,
    raw: string | string[] | null | undefined,
  ): unknown {
    if (raw === undefined || raw === null) return undefined;
    if (ns.isListSchema()) {
      const item = ns.getValueSchema();
      return (Array.isArray(raw) ? raw : [raw]).map(v =>
        this.scalar.read(item, v),
      );
    }
    return this.scalar.read(ns, Array.isArray(raw) ? raw[0] : raw);
  }

  encode(
    operation: string,
    output: unknown,
    requestId: string,
    dropped: string[],
  ): HttpResponse {
    const op = this.service.operation(operation)!;
    const schema = ioOf(op).output;
    const value = (toModel(schema, output, dropped) ?? {}) as Record<
      string,
      unknown
    >;
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': requestId,
    };
    const bodyMembers: Record<string, unknown> = {};
    for (const [member, ns] of schema.structIterator()) {
      const v = value[member];
      if (v === undefined) continue;
      const t = ns.getMergedTraits();
      if (typeof t.httpHeader === 'string') {
        const writer = new ToStringShapeSerializer(SETTINGS);
        writer.write(ns, v);
        headers[t.httpHeader.toLowerCase()] = String(writer.flush());
      } else if (!isHttpBound(ns)) {
        bodyMembers[member] = v;
      }
    }
    const serializer = this.codec.createSerializer();
    serializer.write(schema, bodyMembers);
    const body = serializer.flush();
    return httpResponse(
      routeOf(op)!.status,
      headers,
      typeof body === 'string' ? body : new Uint8Array(body),
    );
  }

  encodeError(
    error: SimulatedAwsError,
    status: number,
    requestId: string,
  ): HttpResponse {
    const name = modelledError(this.service, error.code)?.name ?? error.code;
    return httpResponse(
      status,
      {
        'content-type': CONTENT_TYPE,
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': name,
      },
      JSON.stringify({ __type: name, message: error.message, ...error.fields }),
    );
  }

  malformed(_operation: string, requestId: string): HttpResponse {
    // Cut off mid-object: not JSON.
    return httpResponse(
      200,
      { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
      '{"nextToken": "sim:1", "',
    );
  }

  private allRoutes(): Route[] {
    return (this.routes ??= this.service
      .operations()
      .map(routeOf)
      .filter((r): r is Route => Boolean(r)));
  }
}
