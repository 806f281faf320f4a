import type { HttpRequest } from '@smithy/protocol-http';
import type { WireCodec } from './codec';
import { headerOf } from './http';
import { JsonCodec } from './json';
import { QueryCodec } from './query';
import { RestJsonCodec } from './restJson';
import { RestXmlCodec } from './restXml';
import {
  serviceOfSigningName,
  SimService,
  WireService,
  wireService,
} from './services';

/** Who signed a request, for which service and region (its SigV4 credential scope). */
export interface Signature {
  accessKeyId: string;
  region: string;
  service: SimService;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** The SigV4 credential scope of a request (header or presigned query). */
export function signatureOf(request: HttpRequest): Signature | undefined {
  const header = headerOf(request, 'authorization');
  const presigned = request.query?.['X-Amz-Credential'];
  const scope = header
    ? SCOPE.exec(header)
    : SCOPE.exec(`Credential=${String(presigned ?? '')}`);
  if (!scope) return undefined;
  const service = serviceOfSigningName(scope[3]);
  if (!service) return undefined;
  return { accessKeyId: scope[1], region: scope[2], service };
}

/** The service an unsigned request is addressed to, from its host name. */
export function serviceOfHost(hostname: string): SimService | undefined {
  const labels = hostname.split('.');
  if (!hostname.endsWith('.amazonaws.com')) return undefined;
  if (labels.includes('s3')) return 's3';
  const first = labels[0] === 'api' ? labels[1] : labels[0];
  return serviceOfSigningName(first);
}

const codecs = new Map<SimService, WireCodec>();

/** The codec of the protocol the installed SDK speaks for the service. */
export function codecOf(service: SimService): {
  wire: WireService;
  codec: WireCodec;
} {
  const wire = wireService(service);
  let codec = codecs.get(service);
  if (!codec) {
    switch (wire.protocol) {
      case 'aws.protocols#awsJson1_0':
      case 'aws.protocols#awsJson1_1':
        codec = new JsonCodec(wire);
        break;
      case 'aws.protocols#awsQuery':
      case 'aws.protocols#ec2Query':
        codec = new QueryCodec(wire);
        break;
      case 'aws.protocols#restXml':
        codec = new RestXmlCodec(wire);
        break;
      case 'aws.protocols#restJson1':
        codec = new RestJsonCodec(wire);
        break;
      default:
        throw new Error(
          `The AWS simulator does not speak ${String(
            wire.protocol,
          )}, the protocol of the installed SDK for ${service}`,
        );
    }
    codecs.set(service, codec);
  }
  return { wire, codec };
}
