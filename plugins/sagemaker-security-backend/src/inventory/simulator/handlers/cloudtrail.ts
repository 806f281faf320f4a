import { awsError, notFound } from '../awsErrors';
import type { EstateEvent, EstateTrail } from '../estate';
import { paginate } from '../paging';
import type { Handler, SimScope } from './types';

/** Trails of every region of the account (multi-region trails show everywhere). */
function allTrails(scope: SimScope): EstateTrail[] {
  return scope.account.regions.flatMap(r => r.trails ?? []);
}

function findTrail(scope: SimScope, nameOrArn: string): EstateTrail {
  const found = allTrails(scope).find(
    t => t.trail.TrailARN === nameOrArn || t.trail.Name === nameOrArn,
  );
  if (!found) throw notFound('cloudtrail', `Trail ${nameOrArn}`);
  return found;
}

/** Milliseconds of a decoded timestamp (a Date, epoch seconds or ISO text). */
function millis(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  return Date.parse(String(value));
}

/** LookupEvents' attribute filters (AWS accepts one). */
const ATTRIBUTES: Record<
  string,
  (e: EstateEvent) => Array<string | undefined>
> = {
  EventId: e => [e.EventId],
  EventName: e => [e.EventName],
  EventSource: e => [e.EventSource],
  ReadOnly: e => [e.ReadOnly],
  Username: e => [e.Username],
  ResourceType: e => (e.Resources ?? []).map(r => r.ResourceType),
  ResourceName: e => (e.Resources ?? []).map(r => r.ResourceName),
};

function lookupEvents(input: Record<string, any>, scope: SimScope) {
  const attributes: Array<{ AttributeKey: string; AttributeValue: string }> =
    input.LookupAttributes ?? [];
  if (attributes.length > 1) {
    throw awsError(
      'InvalidLookupAttributesException',
      'You cannot specify more than one lookup attribute.',
      400,
    );
  }
  const [attribute] = attributes;
  const values = attribute && ATTRIBUTES[attribute.AttributeKey];
  if (attribute && !values) {
    throw awsError(
      'InvalidLookupAttributesException',
      `Invalid attribute key ${attribute.AttributeKey}`,
      400,
    );
  }
  const start = millis(input.StartTime) ?? -Infinity;
  const end = millis(input.EndTime) ?? Infinity;
  if (start > end) {
    throw awsError(
      'InvalidTimeRangeException',
      'Start time must be before end time.',
      400,
    );
  }
  const events = (scope.region?.events ?? [])
    .filter(e => {
      const at = Date.parse(e.EventTime);
      return at >= start && at <= end;
    })
    .filter(e => !values || values(e).includes(attribute.AttributeValue))
    // Newest first, as AWS answers.
    .sort((a, b) => Date.parse(b.EventTime) - Date.parse(a.EventTime));
  // AWS's page is at most 50 events.
  const { page, next } = paginate(events, input, Math.min(scope.pageSize, 50));
  return { Events: page, ...(next ? { NextToken: next } : {}) };
}

export const cloudtrailHandlers: Record<string, Handler> = {
  DescribeTrails: (input, scope) => ({
    trailList: allTrails(scope)
      .filter(
        t =>
          t.trail.HomeRegion === scope.regionName ||
          (input.includeShadowTrails !== false && t.trail.IsMultiRegionTrail),
      )
      .map(t => t.trail),
  }),
  GetTrailStatus: (input, scope) => findTrail(scope, input.Name).status,
  GetEventSelectors: (input, scope) => {
    const t = findTrail(scope, input.TrailName);
    return {
      TrailARN: t.trail.TrailARN,
      ...(t.eventSelectors ?? {
        EventSelectors: [
          {
            ReadWriteType: 'All',
            IncludeManagementEvents: true,
            DataResources: [],
          },
        ],
      }),
    };
  },
  LookupEvents: lookupEvents,
};
