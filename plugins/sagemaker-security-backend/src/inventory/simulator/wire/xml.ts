import { XmlShapeSerializer } from '@aws-sdk/core/protocols';
import type { $SchemaRef, Schema } from '@smithy/types';

/**
 * XML of `value` as the SDK's own XmlShapeSerializer writes `schema`
 * (element names from `xmlName`, lists as `<member>` or the model's item
 * name, flattened lists, attributes, ISO 8601 timestamps, base64 blobs).
 */
export function writeXml(
  schema: $SchemaRef,
  value: unknown,
  xmlNamespace?: string,
): string {
  const serializer = new XmlShapeSerializer({
    timestampFormat: { useTrait: true, default: 5 },
    httpBindings: true,
    ...(xmlNamespace ? { xmlNamespace } : {}),
  } as ConstructorParameters<typeof XmlShapeSerializer>[0]);
  serializer.write(schema as Schema, value);
  return String(serializer.flush());
}
