import { notFound } from '../awsErrors';
import type { EstateTrail } from '../estate';
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
};
