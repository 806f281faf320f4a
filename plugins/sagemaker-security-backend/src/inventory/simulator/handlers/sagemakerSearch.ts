import {
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { searchRecordFields } from '../../collectors/search';
import { awsError } from '../awsErrors';
import { paginate } from '../paging';
import { Handler } from './types';

type Desc = Record<string, any>;

/** `Search`'s `Resource` → the type, its record field and the fields the SDK's record has. */
const SEARCHABLE = new Map(
  RESOURCE_TYPE_DESCRIPTORS.flatMap(d =>
    d.api.search
      ? [
          [
            d.api.search.resource,
            {
              type: d.id as ResourceType,
              record: d.api.search.record,
              fields: searchRecordFields(d.api.search.record),
            },
          ] as const,
        ]
      : [],
  ),
);

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  GreaterThanOrEqualTo: (a, b) => a >= b,
  GreaterThan: (a, b) => a > b,
  LessThanOrEqualTo: (a, b) => a <= b,
  LessThan: (a, b) => a < b,
  Equals: (a, b) => a === b,
};

/** A filter on `CreationTime` (the only one the collector sends). */
function filterOf(filter: Desc): (d: Desc) => boolean {
  const compare = COMPARE[filter.Operator ?? 'Equals'];
  const value = Date.parse(String(filter.Value));
  if (filter.Name !== 'CreationTime' || !compare || Number.isNaN(value)) {
    throw awsError(
      'ValidationException',
      `The simulator does not filter on ${filter.Name} ${filter.Operator}`,
      400,
    );
  }
  return d => compare(Date.parse(String(d.CreationTime)), value);
}

/**
 * SageMaker `Search` for the types whose descriptor reads them through it:
 * each record is the resource's description with only the fields the SDK's
 * record has, and its tags. Filters on `CreationTime`, sorts by it
 * (descending by default, as AWS), pages by `MaxResults` and `NextToken`.
 */
export const searchHandlers: Record<string, Handler> = {
  Search: (input, scope) => {
    const searchable = SEARCHABLE.get(input.Resource);
    if (!searchable) {
      throw awsError(
        'ValidationException',
        `Value '${input.Resource}' at 'resource' failed to satisfy constraint`,
        400,
      );
    }
    if (input.SortBy !== undefined && input.SortBy !== 'CreationTime') {
      throw awsError(
        'ValidationException',
        `The simulator does not sort by ${input.SortBy}`,
        400,
      );
    }
    const filters: Array<(d: Desc) => boolean> = (
      input.SearchExpression?.Filters ?? []
    ).map(filterOf);
    const sign = input.SortOrder === 'Ascending' ? 1 : -1;
    const all = (scope.region?.sagemaker?.[searchable.type] ?? [])
      .filter(r => filters.every(f => f(r.description)))
      .sort(
        (a, b) =>
          sign *
          String(a.description.CreationTime ?? '').localeCompare(
            String(b.description.CreationTime ?? ''),
          ),
      );
    const { page, next } = paginate(all, input, scope.pageSize);
    return {
      Results: page.map(r => {
        const record: Desc = {};
        for (const field of searchable.fields) {
          if (r.description[field] !== undefined) {
            record[field] = r.description[field];
          }
        }
        record.Tags = Object.entries(r.tags ?? {}).map(([Key, Value]) => ({
          Key,
          Value,
        }));
        return { [searchable.record]: record };
      }),
      ...(next ? { NextToken: next } : {}),
    };
  },
};
