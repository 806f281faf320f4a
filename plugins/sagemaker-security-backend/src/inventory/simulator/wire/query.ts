/**
 * AWS Query (IAM, STS) and EC2 Query: form-encoded requests
 * (`Action=GetRole&RoleName=...`), XML answers. Requests are read by the
 * inverse of the SDK's QueryShapeSerializer naming rules; answers are
 * written by the SDK's XmlShapeSerializer, so element names (`xmlName`,
 * `<member>`, EC2's `<item>`), timestamps and blobs are the model's.
 */
import { FromStringShapeDeserializer } from '@smithy/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import type { $SchemaRef, StaticStructureSchema } from '@smithy/types';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { SimulatedAwsError, unknownOperation } from '../awsErrors';
import type { DecodedRequest, WireCodec } from './codec';
import { httpResponse } from './http';
import { ioOf, staticStruct, toModel } from './schema';
import type { WireService } from './services';
import { writeXml } from './xml';

interface QueryNaming {
  /** EC2 Query: `ec2QueryName` first, capitalized keys, flat lists. */
  ec2: boolean;
}

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The inverse of QueryShapeSerializer: request parameters → input object. */
class QueryReader {
  private readonly scalar = new FromStringShapeDeserializer({
    timestampFormat: { useTrait: true, default: 5 },
    httpBindings: false,
  });

  constructor(
    private readonly params: Map<string, string>,
    private readonly naming: QueryNaming,
  ) {}

  read(ns: NormalizedSchema, key: string): unknown {
    if (ns.isStructSchema()) {
      const out: Record<string, unknown> = {};
      for (const [name, member] of ns.structIterator()) {
        const t = member.getMergedTraits();
        const suffix =
          this.naming.ec2 && t.ec2QueryName
            ? String(t.ec2QueryName)
            : this.structKey(String(t.xmlName ?? name));
        const value = this.read(member, key ? `${key}.${suffix}` : suffix);
        if (value !== undefined) out[name] = value;
      }
      return Object.keys(out).length || !key ? out : undefined;
    }
    if (ns.isListSchema()) {
      const item = ns.getValueSchema();
      const t = item.getMergedTraits();
      const flat = this.naming.ec2 || ns.getMergedTraits().xmlFlattened;
      const itemName = String(
        this.naming.ec2 && t.ec2QueryName
          ? t.ec2QueryName
          : t.xmlName ?? 'member',
      );
      const base = flat ? key : `${key}.${itemName}`;
      const out: unknown[] = [];
      for (let i = 1; this.has(`${base}.${i}`); i++) {
        out.push(this.read(item, `${base}.${i}`));
      }
      if (out.length) return out;
      return this.params.get(key) === '' ? [] : undefined;
    }
    if (ns.isMapSchema()) {
      const flat = ns.getMergedTraits().xmlFlattened;
      const k = ns.getKeySchema().getMergedTraits().xmlName ?? 'key';
      const v = ns.getValueSchema().getMergedTraits().xmlName ?? 'value';
      const base = flat ? key : `${key}.entry`;
      const out: Record<string, unknown> = {};
      for (let i = 1; this.has(`${base}.${i}`); i++) {
        out[String(this.params.get(`${base}.${i}.${k}`))] = this.read(
          ns.getValueSchema(),
          `${base}.${i}.${v}`,
        );
      }
      return Object.keys(out).length ? out : undefined;
    }
    const raw = this.params.get(key);
    return raw === undefined ? undefined : this.scalar.read(ns, raw);
  }

  private structKey(key: string) {
    return this.naming.ec2 ? capitalize(key) : key;
  }

  private has(prefix: string): boolean {
    for (const key of this.params.keys()) {
      if (key === prefix || key.startsWith(`${prefix}.`)) return true;
    }
    return false;
  }
}

const RESPONSE_METADATA = (ns: string): $SchemaRef =>
  [3, ns, 'ResponseMetadata', 0, ['RequestId'], [0]] as StaticStructureSchema;

export class QueryCodec implements WireCodec {
  private readonly ec2: boolean;
  private readonly ns: string;

  constructor(private readonly service: WireService) {
    this.ec2 = service.protocol === 'aws.protocols#ec2Query';
    this.ns = service.settings.defaultNamespace;
  }

  async decode(_request: HttpRequest, body: Buffer): Promise<DecodedRequest> {
    const params = new Map(new URLSearchParams(body.toString('utf8')));
    const action = params.get('Action') ?? '';
    const operation = this.service.operation(action);
    if (!operation) throw unknownOperation(this.service.service, action);
    params.delete('Action');
    params.delete('Version');
    const input = new QueryReader(params, { ec2: this.ec2 }).read(
      ioOf(operation).input,
      '',
    ) as Record<string, any>;
    return { operation: action, input };
  }

  encode(
    operation: string,
    output: unknown,
    requestId: string,
    dropped: string[],
  ): HttpResponse {
    const schema = this.service.operation(operation)!;
    const value = toModel(ioOf(schema).output, output, dropped) ?? {};
    const root = `${operation}Response`;
    let envelope: StaticStructureSchema;
    let content: Record<string, unknown>;
    if (this.ec2) {
      // EC2: the output's members directly under the root, and requestId.
      const { names, members } = staticStruct(schema[5]);
      envelope = [
        3,
        this.ns,
        root,
        0,
        ['requestId', ...names],
        [0, ...members],
      ];
      content = { requestId, ...(value as object) };
    } else {
      envelope = [
        3,
        this.ns,
        root,
        0,
        [`${operation}Result`, 'ResponseMetadata'],
        [schema[5], RESPONSE_METADATA(this.ns)],
      ];
      content = {
        [`${operation}Result`]: value,
        ResponseMetadata: { RequestId: requestId },
      };
    }
    return httpResponse(
      200,
      { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      writeXml(envelope, content, this.service.settings.xmlNamespace),
    );
  }

  encodeError(
    error: SimulatedAwsError,
    status: number,
    requestId: string,
  ): HttpResponse {
    const ns = this.ns;
    const body = this.ec2
      ? writeXml(
          [
            3,
            ns,
            'Response',
            0,
            ['Errors', 'RequestID'],
            [
              [
                3,
                ns,
                'Errors',
                0,
                ['Error'],
                [[3, ns, 'Error', 0, ['Code', 'Message'], [0, 0]]],
              ],
              0,
            ],
          ],
          {
            Errors: { Error: { Code: error.code, Message: error.message } },
            RequestID: requestId,
          },
        )
      : writeXml(
          [
            3,
            ns,
            'ErrorResponse',
            0,
            ['Error', 'RequestId'],
            [[3, ns, 'Error', 0, ['Type', 'Code', 'Message'], [0, 0, 0]], 0],
          ],
          {
            Error: {
              Type: status >= 500 ? 'Receiver' : 'Sender',
              Code: error.code,
              Message: error.message,
            },
            RequestId: requestId,
          },
          this.service.settings.xmlNamespace,
        );
    return httpResponse(
      status,
      { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body,
    );
  }

  malformed(operation: string, requestId: string): HttpResponse {
    // Cut off mid-element: the SDK's XML parser rejects it.
    return httpResponse(
      200,
      { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      `<${operation}Response xmlns="${this.service.settings.xmlNamespace}"><${operation}Res`,
    );
  }
}
