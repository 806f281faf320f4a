/**
 * What a bulk read that failed leaves on the target: its error, saying what
 * was read instead; and the witness a Search listing must cover.
 */
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import type { CollectContext } from './context';
import type { ResourceSpec } from './spec';

/** Ends a message with a full stop. */
const sentence = (message: string) => message.replace(/\.?$/, '.');

/** A failed bulk read, as recorded on the target. */
export function fallbackError(
  from: 'search' | 'tagging',
  error: CollectionError,
): CollectionError {
  return {
    ...error,
    message: `${sentence(error.message)} ${
      from === 'tagging'
        ? 'The tags of this type were read with sagemaker:ListTags instead.'
        : 'The type was read with List, Describe and ListTags instead.'
    }`,
  };
}

/**
 * ARNs (lower-cased) of the first non-empty page of the type's List: the
 * newest resources, every one of which a complete Search listing returns.
 */
export async function firstListed(
  spec: ResourceSpec,
  ctx: CollectContext,
  createdAfter: Date | undefined,
): Promise<Set<string>> {
  const client = ctx.clients.sagemaker(ctx.target.region);
  // An empty page with a token is possible (moto filters after paging).
  for await (const page of spec.pages(client, { createdAfter })) {
    if (page.length > 0) {
      return new Set(
        page.map(s => spec.identify(s, ctx.target).arn.toLowerCase()),
      );
    }
  }
  return new Set();
}
