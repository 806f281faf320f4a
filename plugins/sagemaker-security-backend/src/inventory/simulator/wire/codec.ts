import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { SimulatedAwsError } from '../awsErrors';
import type { WireService } from './services';

/** An operation and its input, as read from the bytes of a request. */
export interface DecodedRequest {
  operation: string;
  input: Record<string, any>;
}

/** One protocol, both ways: requests in, answers and errors out. */
export interface WireCodec {
  decode(request: HttpRequest, body: Buffer): Promise<DecodedRequest>;
  /** `dropped` collects output members the SDK model does not have. */
  encode(
    operation: string,
    output: unknown,
    requestId: string,
    dropped: string[],
  ): HttpResponse;
  encodeError(
    error: SimulatedAwsError,
    status: number,
    requestId: string,
    request: HttpRequest,
  ): HttpResponse;
  /** A 200 answer whose body cannot be parsed. */
  malformed(operation: string, requestId: string): HttpResponse;
}

interface ErrorSchemaTraits {
  error?: 'client' | 'server';
  httpError?: number;
  awsQueryError?: [string, number];
}

/** The error shape the SDK models for a wire error code, if any. */
export function modelledError(
  service: WireService,
  code: string,
): { namespace: string; name: string; traits: ErrorSchemaTraits } | undefined {
  for (const registry of service.settings.errorTypeRegistries ?? []) {
    const found = registry.find(schema => {
      const s = schema as unknown[];
      if (!Array.isArray(s) || s[0] !== -3) return false;
      const traits = (s[3] ?? {}) as ErrorSchemaTraits;
      return s[2] === code || traits.awsQueryError?.[0] === code;
    }) as unknown[] | undefined;
    if (found) {
      return {
        namespace: String(found[1]),
        name: String(found[2]),
        traits: (found[3] ?? {}) as ErrorSchemaTraits,
      };
    }
  }
  return undefined;
}

/** The HTTP status of an error answer: its own, else the model's, else 400. */
export function statusOf(service: WireService, error: SimulatedAwsError) {
  if (error.status) return error.status;
  const traits = modelledError(service, error.code)?.traits;
  return (
    traits?.awsQueryError?.[1] ??
    traits?.httpError ??
    (traits?.error === 'server' ? 500 : 400)
  );
}
