import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import { partitionOf } from '../facts/arns';
import type { ScanTarget } from '../InventoryStore';

/** A list summary as the SDK returns it. */
export type Summary = Record<string, any>;

/** SDK paginator signature shared by every SageMaker `paginateList*`. */
type Paginator = (
  config: { client: SageMakerClient; pageSize?: number },
  input: any,
) => AsyncIterable<Record<string, any>>;

/** How one SageMaker resource type is listed and described. */
export interface ResourceSpec {
  type: ResourceType;
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
  /** Yields pages of list summaries. */
  pages(
    client: SageMakerClient,
    options: { createdAfter?: Date },
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
  ): Promise<
    import('@mlsec/plugin-sagemaker-security-common').CollectionError[]
  >;
}

/** ARN built from parts, for list summaries that carry none. */
export function sagemakerArn(target: ScanTarget, resource: string): string {
  return `arn:${partitionOf(target.region)}:sagemaker:${target.region}:${
    target.accountId
  }:${resource}`;
}

const JOB_TERMINAL = ['Completed', 'Failed', 'Stopped', 'Deleted'];

/** Declares a spec from operation names and field names. */
export function sagemakerSpec(o: {
  type: ResourceType;
  list: string;
  paginate: Paginator;
  items: string;
  /** List input besides paging and the creation filter. */
  listInput?: Record<string, unknown>;
  describe: string;
  describeCommand: (summary: Summary) => any;
  /** Summary field with the name, or a function for composite names. */
  name: string | ((s: Summary) => string);
  /** Summary field with the ARN; otherwise built from `arnResource`. */
  summaryArn?: string;
  arnResource?: (s: Summary) => string;
  arnField: string;
  statusField?: string;
  isJob?: boolean;
  immutable?: boolean;
  changeFields?: string[];
  enrich?: ResourceSpec['enrich'];
}): ResourceSpec {
  const nameOf =
    typeof o.name === 'string'
      ? (s: Summary) => String(s[o.name as string])
      : o.name;
  return {
    type: o.type,
    listAction: `sagemaker:${o.list}`,
    describeAction: `sagemaker:${o.describe}`,
    isJob: o.isJob ?? false,
    ...(o.immutable ? { immutable: true } : {}),
    ...(o.changeFields ? { changeFields: o.changeFields } : {}),
    arnField: o.arnField,
    statusField: o.statusField,
    terminalStatuses: o.isJob ? JOB_TERMINAL : undefined,
    enrich: o.enrich,
    async *pages(client, { createdAfter }) {
      const input = {
        ...o.listInput,
        ...(createdAfter ? { CreationTimeAfter: createdAfter } : {}),
      };
      for await (const page of o.paginate({ client, pageSize: 100 }, input)) {
        yield (page[o.items] ?? []) as Summary[];
      }
    },
    identify(summary, target) {
      const name = nameOf(summary);
      const arn =
        (o.summaryArn && summary[o.summaryArn]) ||
        sagemakerArn(
          target,
          o.arnResource ? o.arnResource(summary) : `${o.type}/${name}`,
        );
      return { name, arn };
    },
    describe: (client, summary) => client.send(o.describeCommand(summary)),
  };
}
