/**
 * AWS JSON 1.0 and 1.1 (SageMaker, KMS, CloudTrail, CloudWatch Logs;
 * CloudWatch in its awsQueryCompatible form): `X-Amz-Target` names the
 * operation, the body is the input. Both ways through the SDK's own JSON
 * codec with the protocol's settings (epoch-seconds timestamps, base64
 * blobs, member names as modelled).
 */
import { JsonCodec2 } from '@smithy/core/protocols';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { SimulatedAwsError, unknownOperation } from '../awsErrors';
import { DecodedRequest, modelledError, WireCodec } from './codec';
import { headerOf, httpResponse } from './http';
import { ioOf, toModel } from './schema';
import type { WireService } from './services';

export class JsonCodec implements WireCodec {
  private readonly codec = new JsonCodec2({
    timestampFormat: { useTrait: true, default: 7 },
    jsonName: false,
  });
  private readonly contentType: string;

  constructor(private readonly service: WireService) {
    this.contentType =
      service.protocol === 'aws.protocols#awsJson1_0'
        ? 'application/x-amz-json-1.0'
        : 'application/x-amz-json-1.1';
  }

  async decode(request: HttpRequest, body: Buffer): Promise<DecodedRequest> {
    const target = headerOf(request, 'x-amz-target') ?? '';
    const [prefix, name = ''] = target.split('.');
    const operation =
      prefix === this.service.settings.serviceTarget
        ? this.service.operation(name)
        : undefined;
    if (!operation) throw unknownOperation(this.service.service, target);
    const input = (await this.codec
      .createDeserializer()
      .read(ioOf(operation).input, body.toString('utf8') || '{}')) as Record<
      string,
      any
    >;
    return { operation: name, input: input ?? {} };
  }

  encode(
    operation: string,
    output: unknown,
    requestId: string,
    dropped: string[],
  ): HttpResponse {
    const schema = ioOf(this.service.operation(operation)!).output;
    const serializer = this.codec.createSerializer();
    serializer.write(schema, toModel(schema, output, dropped) ?? {});
    const body = serializer.flush();
    return httpResponse(
      200,
      { 'content-type': this.contentType, 'x-amzn-requestid': requestId },
      typeof body === 'string' ? body : new Uint8Array(body),
    );
  }

  encodeError(
    error: SimulatedAwsError,
    status: number,
    requestId: string,
  ): HttpResponse {
    const modelled = modelledError(this.service, error.code);
    const headers: Record<string, string> = {
      'content-type': this.contentType,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': modelled?.name ?? error.code,
    };
    if (this.service.settings.awsQueryCompatible) {
      // The Query-era code and fault, which the SDK reads first.
      headers['x-amzn-query-error'] = `${error.code};${
        status >= 500 ? 'Receiver' : 'Sender'
      }`;
    }
    const body = {
      __type: modelled?.name ?? error.code,
      message: error.message,
      ...error.fields,
    };
    return httpResponse(status, headers, JSON.stringify(body));
  }

  malformed(_operation: string, requestId: string): HttpResponse {
    // Cut off mid-object: not JSON.
    return httpResponse(
      200,
      { 'content-type': this.contentType, 'x-amzn-requestid': requestId },
      '{"NextToken": "sim:1", "',
    );
  }
}
