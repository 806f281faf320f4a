import * as sagemaker from '@aws-sdk/client-sagemaker';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type {
  CollectionError,
  ExtraRead,
  ResourceType,
  ResourceTypeDescriptor,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt } from '../aws/errors';
import { partitionOf } from '../facts/arns';
import type { ScanTarget } from '../InventoryStore';
import { SearchSpec, searchSpecOf, structFields } from './search';

/** A list summary as the SDK returns it. */
export type Summary = Record<string, any>;

/** SDK paginator signature shared by every SageMaker `paginateList*`. */
type Paginator = (
  config: { client: SageMakerClient; pageSize?: number },
  input: any,
) => AsyncIterable<Record<string, any>>;

/** An SDK command class, `new DescribeXCommand(input)`. */
type CommandClass = new (input: any) => any;

/** How one SageMaker resource type is listed and described. */
export interface ResourceSpec {
  type: ResourceType;
  /** The type as ARNs spell it (the Tagging API's `sagemaker:<arnSegment>`). */
  arnSegment: string;
  /** Read in bulk through SageMaker Search (see search.ts). */
  search?: SearchSpec;
  /** Tags may be read through the Resource Groups Tagging API (see tags.ts). */
  taggingApi: boolean;
  listAction: string;
  describeAction: string;
  /** Jobs: immutable once terminal, listed from the look-back window only. */
  isJob: boolean;
  /**
   * No Update API: once described without errors, a resource still listed
   * (with the same creation time) is not described again.
   */
  immutable?: boolean;
  /**
   * List summary fields that move whenever the resource changes (e.g.
   * `LastModifiedTime` and the status): while they equal the stored
   * description's, the resource is not described again.
   */
  changeFields?: string[];
  /**
   * The List accepts `LastModifiedTimeAfter` (from the SDK's model): a
   * change-driven rescan may list only what was modified (listModified.ts).
   */
  listsModified: boolean;
  /** Yields pages of list summaries (newest first). */
  pages(
    client: SageMakerClient,
    options: { createdAfter?: Date; modifiedAfter?: Date },
  ): AsyncIterable<Summary[]>;
  /** Name (and ARN, where the list has it) from a list summary. */
  identify(summary: Summary, target: ScanTarget): { name: string; arn: string };
  describe(client: SageMakerClient, summary: Summary): Promise<object>;
  /** Output fields holding the ARN and status. */
  arnField: string;
  statusField?: string;
  /** Statuses after which a job never changes. */
  terminalStatuses?: string[];
  /** Extra reads stored in the description (e.g. a resource policy). */
  enrich?(
    client: SageMakerClient,
    description: Record<string, unknown>,
    arn: string,
  ): Promise<CollectionError[]>;
}

/** ARN built from parts, for list summaries that carry none. */
export function sagemakerArn(target: ScanTarget, resource: string): string {
  return `arn:${partitionOf(target.region)}:sagemaker:${target.region}:${
    target.accountId
  }:${resource}`;
}

/** Statuses after which a job never changes. */
export const JOB_TERMINAL = ['Completed', 'Failed', 'Stopped', 'Deleted'];

const sdk = sagemaker as unknown as Record<string, unknown>;

/** The SDK's `paginate<List>`; throws at start-up when the descriptor names none. */
export function paginatorOf(list: string): Paginator {
  const paginator = sdk[`paginate${list}`];
  if (typeof paginator !== 'function') {
    throw new Error(`@aws-sdk/client-sagemaker has no paginate${list}`);
  }
  return paginator as Paginator;
}

/** The SDK's `<Operation>Command`; throws at start-up when the descriptor names none. */
export function commandOf(operation: string): CommandClass {
  const command = sdk[`${operation}Command`];
  if (typeof command !== 'function') {
    throw new Error(`@aws-sdk/client-sagemaker has no ${operation}Command`);
  }
  return command as CommandClass;
}

/** `{ InputField: summary[SummaryField] }` for each pair of `fields`. */
function inputOf(
  fields: Record<string, string>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [inputField, sourceField] of Object.entries(fields)) {
    input[inputField] = source[sourceField];
  }
  return input;
}

/** An extra read stored in the description; not found = `null` (e.g. no policy). */
function extraReader(read: ExtraRead) {
  const Command = commandOf(read.operation);
  const action = `sagemaker:${read.operation}`;
  return async (
    client: SageMakerClient,
    description: Record<string, unknown>,
    arn: string,
  ): Promise<CollectionError[]> => {
    const input: Record<string, unknown> = {};
    for (const [field, source] of Object.entries(read.input)) {
      input[field] = String(description[source]);
    }
    const result = await attempt(
      action,
      { target: arn, field: read.field },
      async () =>
        (await client.send(new Command(input))) as unknown as Record<
          string,
          unknown
        >,
    );
    if (result.ok) {
      description[read.field] = result.value[read.field] ?? null;
      return [];
    }
    if (result.error.kind === 'not_found') {
      description[read.field] = null;
      return [];
    }
    return [result.error];
  };
}

/** The collector spec of a resource type, built from its descriptor. */
export function specOf(
  descriptor: ResourceTypeDescriptor<ResourceType>,
): ResourceSpec {
  const { api } = descriptor;
  const paginate = paginatorOf(api.list);
  const Describe = commandOf(api.describe);
  const readers = (api.extraReads ?? []).map(extraReader);
  const summaryName = api.summaryName;
  const nameOf =
    typeof summaryName === 'string'
      ? (s: Summary) => String(s[summaryName])
      : summaryName;
  const arnPath = api.arnPath;
  const search = searchSpecOf(descriptor);
  const listsModified = structFields(
    (sdk[`${api.list}$`] as unknown[])[4],
  ).includes('LastModifiedTimeAfter');
  return {
    type: descriptor.id,
    arnSegment: descriptor.arnSegment,
    ...(search ? { search } : {}),
    taggingApi: Boolean(api.taggingApi),
    listAction: `sagemaker:${api.list}`,
    describeAction: `sagemaker:${api.describe}`,
    isJob: descriptor.job,
    listsModified,
    ...(api.immutable ? { immutable: true } : {}),
    ...(api.changeFields ? { changeFields: api.changeFields } : {}),
    arnField: api.arnField,
    statusField: api.statusField,
    terminalStatuses: descriptor.job ? JOB_TERMINAL : undefined,
    enrich:
      readers.length === 0
        ? undefined
        : async (client, description, arn) => {
            const errors: CollectionError[] = [];
            for (const read of readers) {
              errors.push(...(await read(client, description, arn)));
            }
            return errors;
          },
    async *pages(client, { createdAfter, modifiedAfter }) {
      if (modifiedAfter && !listsModified) {
        throw new Error(`${api.list} has no LastModifiedTimeAfter`);
      }
      const input = {
        ...api.listInput,
        ...(createdAfter ? { CreationTimeAfter: createdAfter } : {}),
        ...(modifiedAfter ? { LastModifiedTimeAfter: modifiedAfter } : {}),
      };
      for await (const page of paginate({ client, pageSize: 100 }, input)) {
        yield (page[api.items] ?? []) as Summary[];
      }
    },
    identify(summary, target) {
      const name = nameOf(summary);
      const path = arnPath
        ? arnPath.map(field => summary[field]).join('/')
        : name;
      const arn =
        (api.summaryArn && summary[api.summaryArn]) ||
        sagemakerArn(target, `${descriptor.arnSegment}/${path}`);
      return { name, arn };
    },
    describe: (client, summary) =>
      client.send(new Describe(inputOf(api.describeInput, summary))),
  };
}
