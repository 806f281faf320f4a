/**
 * SageMaker `Search` as a read path: one call returns 100 full records of a
 * type with their tags, in place of a List page, 100 Describes and 100
 * ListTags. A record is stored as the Describe response would be: only the
 * fields the Describe output has (the record's `Tags` go to the tags). The
 * fields a record lacks are known from the SDK's model; a type whose checks
 * read one of them declares it (`search.describeFields`) and its resources
 * are described as well (see searchFields.test.ts).
 */
import * as sagemaker from '@aws-sdk/client-sagemaker';
import { paginateSearch, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { NormalizedSchema } from '@smithy/core/schema';
import type { $SchemaRef } from '@smithy/types';
import type {
  ResourceType,
  ResourceTypeDescriptor,
} from '@mlsec/plugin-sagemaker-security-common';
import { InvalidResponseError } from '../aws/errors';
import { isoDate, toPlainRecord } from './plain';
import { JOB_TERMINAL, type Summary } from './spec';

const sdk = sagemaker as unknown as Record<string, unknown>;

/** Member names of an SDK structure schema (`<Shape>$`). */
export function structFields(ref: unknown): string[] {
  const schema = NormalizedSchema.of(ref as $SchemaRef);
  if (!schema.isStructSchema()) return [];
  return [...schema.structIterator()].map(([name]) => name);
}

/** The member schema of a structure's field. */
function memberOf(ref: unknown, field: string): unknown {
  const schema = NormalizedSchema.of(ref as $SchemaRef);
  for (const [name, member] of schema.structIterator()) {
    if (name === field) return member.getSchema();
  }
  return undefined;
}

/** Output fields of a SageMaker operation, from the SDK's model. */
export function outputFields(operation: string): string[] {
  const op = sdk[`${operation}$`] as unknown[] | undefined;
  if (!Array.isArray(op)) {
    throw new Error(`@aws-sdk/client-sagemaker has no ${operation} schema`);
  }
  return structFields(op[5]);
}

/** Fields of a List's summaries (`ListTrainingJobs`, `TrainingJobSummaries`), from the SDK's model. */
export function listSummaryFields(list: string, items: string): string[] {
  const op = sdk[`${list}$`] as unknown[] | undefined;
  if (!Array.isArray(op)) {
    throw new Error(`@aws-sdk/client-sagemaker has no ${list} schema`);
  }
  const member = memberOf(op[5], items);
  if (member === undefined) return [];
  const schema = NormalizedSchema.of(member as $SchemaRef);
  return schema.isListSchema()
    ? structFields(schema.getValueSchema().getSchema())
    : [];
}

/** Fields of a `SearchRecord` member (e.g. `TrainingJob`), from the SDK's model. */
export function searchRecordFields(record: string): string[] {
  const member = memberOf(sdk.SearchRecord$, record);
  if (member === undefined) {
    throw new Error(`SageMaker's SearchRecord has no ${record}`);
  }
  return structFields(member);
}

/** One resource as Search returned it. */
export interface SearchItem {
  /** The record's summary fields (names, ARN, status, times): what identify and change detection read. */
  summary: Summary;
  /** The record's fields the Describe output has. */
  description: Record<string, unknown>;
  tags: Record<string, string>;
}

/** How a type is read through Search; undefined when its descriptor declares none. */
export interface SearchSpec {
  resource: string;
  record: string;
  /** Describe fields the checks read that the record lacks: described too. */
  describeFields: string[];
  /**
   * Whether the resource of this record is described as well: when the
   * checks read a field the record lacks (`describeFields`), unless they
   * read it only while a job runs and this one has ended.
   */
  needsDescribe(summary: Summary): boolean;
  /** `describeFields` are read only while a job runs. */
  describeWhileRunning: boolean;
  /** Yields pages of records, oldest first. */
  pages(
    client: SageMakerClient,
    options: { createdAfter?: Date },
  ): AsyncIterable<SearchItem[]>;
}

export function searchSpecOf(
  descriptor: ResourceTypeDescriptor<ResourceType>,
): SearchSpec | undefined {
  const search = descriptor.api.search;
  if (!search) return undefined;
  const kept = new Set(outputFields(descriptor.api.describe));
  const recordFields = new Set(searchRecordFields(search.record));
  for (const field of search.describeFields ?? []) {
    if (recordFields.has(field)) {
      throw new Error(
        `${descriptor.id}: describeFields names ${field}, which Search's ${search.record} record has`,
      );
    }
  }
  return {
    resource: search.resource,
    record: search.record,
    describeFields: search.describeFields ?? [],
    describeWhileRunning: Boolean(search.describeWhileRunning),
    needsDescribe(summary) {
      if ((search.describeFields ?? []).length === 0) return false;
      if (!search.describeWhileRunning) return true;
      const status = descriptor.api.statusField
        ? summary[descriptor.api.statusField]
        : undefined;
      return !(typeof status === 'string' && JOB_TERMINAL.includes(status));
    },
    async *pages(client, { createdAfter }) {
      const input = {
        Resource: search.resource as any,
        ...(createdAfter
          ? {
              SearchExpression: {
                Filters: [
                  {
                    Name: 'CreationTime',
                    Operator: 'GreaterThanOrEqualTo' as const,
                    Value: createdAfter.toISOString(),
                  },
                ],
              },
            }
          : {}),
        // Oldest first: a resource created while the pages are read lands
        // after the cursor, so it never pushes one already listed into the
        // next page (listed twice) or one not yet listed out of view.
        SortBy: 'CreationTime',
        SortOrder: 'Ascending' as const,
      };
      for await (const page of paginateSearch(
        { client, pageSize: 100 },
        input,
      )) {
        const items: SearchItem[] = [];
        for (const result of page.Results ?? []) {
          const record = (result as Record<string, unknown>)[search.record];
          if (!record || typeof record !== 'object') {
            // Fail closed: an answer without the record asked for is not a listing.
            throw new InvalidResponseError(
              `a Search result without its ${search.record} record`,
            );
          }
          const plain = toPlainRecord(record);
          // The window is applied here too: the same as the List path's,
          // whatever the endpoint made of the filter.
          const created = isoDate(plain.CreationTime);
          if (createdAfter && created && created < createdAfter.toISOString()) {
            continue;
          }
          const description: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(plain)) {
            if (kept.has(key)) description[key] = value;
          }
          items.push({
            summary: plain,
            description,
            tags: tagsOf(plain.Tags),
          });
        }
        yield items;
      }
    },
  };
}

/** `[{Key, Value}]` as a map. */
export function tagsOf(list: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!Array.isArray(list)) return tags;
  for (const tag of list as Array<{ Key?: string; Value?: string }>) {
    if (tag?.Key) tags[tag.Key] = tag.Value ?? '';
  }
  return tags;
}
