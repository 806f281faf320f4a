/**
 * Every route of openapi.yaml with a valid request and the permission whose
 * denial answers 403 (none: any authenticated principal may call it).
 */
import { spec } from '../../../schema/openapi';

export const READ = 'sagemaker-security.scorecard.read';
export const SCAN = 'sagemaker-security.scan.run';
export const WAIVE = 'sagemaker-security.waiver.create';
export const REVOKE = 'sagemaker-security.waiver.revoke';
export const REQUEST = 'sagemaker-security.waiver.request';
export const APPROVE = 'sagemaker-security.waiver.approve';
export const IMPORT = 'sagemaker-security.findings.import';

export const SERVICE = 'component:default/fraud-scoring';
export const TEAM = 'group:default/fraud-ml';

export interface RouteCase {
  /** `METHOD /template`, as in openapi.yaml. */
  route: string;
  method: 'get' | 'post';
  /** A valid request path (placeholders filled in by the test). */
  path: string;
  body?: object;
  permission?: string;
}

export function routeCases(ids: {
  arn: string;
  /** A waiver to revoke (each call a fresh one). */
  waiverId: () => string;
  /** A waiver to read, left as it is. */
  readWaiverId: string;
  scanId: string;
  /** A pending waiver request (a denied decision leaves it pending). */
  requestId: string;
}): RouteCase[] {
  return [
    {
      route: 'GET /scorecards/entity',
      method: 'get',
      path: `/scorecards/entity?entityRef=${SERVICE}`,
      permission: READ,
    },
    {
      route: 'GET /scorecards/entity/findings',
      method: 'get',
      path: `/scorecards/entity/findings?entityRef=${SERVICE}&offset=1&limit=5`,
      permission: READ,
    },
    {
      route: 'GET /resources/findings',
      method: 'get',
      path: `/resources/findings?arn=${encodeURIComponent(ids.arn)}`,
      permission: READ,
    },
    { route: 'GET /checks', method: 'get', path: '/checks' },
    {
      route: 'GET /checks/{checkId}',
      method: 'get',
      path: '/checks/endpoint-data-capture-enabled',
    },
    {
      route: 'GET /rollups/org',
      method: 'get',
      path: '/rollups/org?limit=5',
      permission: READ,
    },
    {
      route: 'GET /rollups/entity',
      method: 'get',
      path: `/rollups/entity?entityRef=${TEAM}`,
      permission: READ,
    },
    {
      route: 'GET /history/entity',
      method: 'get',
      path: `/history/entity?entityRef=${SERVICE}`,
      permission: READ,
    },
    {
      route: 'GET /waivers',
      method: 'get',
      path: `/waivers?entityRef=${SERVICE}`,
      permission: READ,
    },
    {
      route: 'GET /waivers/{id}',
      method: 'get',
      path: `/waivers/${ids.readWaiverId}`,
      permission: READ,
    },
    {
      route: 'POST /waivers',
      method: 'post',
      path: '/waivers',
      body: {
        entityRef: SERVICE,
        checkId: 'endpoint-data-capture-enabled',
        resourceArn: '*',
        reason: 'Capture moves to the new logging account next sprint',
        expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      },
      permission: WAIVE,
    },
    {
      route: 'POST /waivers/{id}/revoke',
      method: 'post',
      path: `/waivers/${ids.waiverId()}/revoke`,
      body: { reason: 'fixed' },
      permission: REVOKE,
    },
    {
      route: 'POST /scans',
      method: 'post',
      path: '/scans',
      body: {},
      permission: SCAN,
    },
    { route: 'GET /scans/latest', method: 'get', path: '/scans/latest' },
    {
      route: 'GET /scans/health',
      method: 'get',
      path: '/scans/health',
      permission: READ,
    },
    { route: 'GET /scans/{id}', method: 'get', path: `/scans/${ids.scanId}` },
    {
      route: 'GET /export',
      method: 'get',
      path: `/export?format=csv&entityRef=${SERVICE}`,
      permission: READ,
    },
    {
      route: 'GET /inventory/resources',
      method: 'get',
      path: '/inventory/resources?limit=3',
      permission: READ,
    },
    {
      route: 'GET /waiver-requests',
      method: 'get',
      path: `/waiver-requests?entityRef=${SERVICE}&status=pending`,
      permission: READ,
    },
    {
      route: 'POST /waiver-requests',
      method: 'post',
      path: '/waiver-requests',
      body: {
        entityRef: SERVICE,
        checkId: 'endpoint-model-monitor-schedule',
        resourceArn: '*',
        reason: 'Monitoring moves to the central account next sprint',
        expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      },
      permission: REQUEST,
    },
    {
      route: 'GET /waiver-requests/{id}',
      method: 'get',
      path: `/waiver-requests/${ids.requestId}`,
      permission: READ,
    },
    {
      route: 'POST /waiver-requests/{id}/approve',
      method: 'post',
      path: `/waiver-requests/${ids.requestId}/approve`,
      body: { comment: 'fine for a week' },
      permission: APPROVE,
    },
    {
      route: 'POST /waiver-requests/{id}/deny',
      method: 'post',
      path: `/waiver-requests/${ids.requestId}/deny`,
      body: { comment: 'fix it instead, please' },
      permission: APPROVE,
    },
    {
      route: 'POST /waiver-requests/{id}/withdraw',
      method: 'post',
      path: `/waiver-requests/${ids.requestId}/withdraw`,
      permission: REQUEST,
    },
    {
      route: 'GET /waivers/capabilities',
      method: 'get',
      path: `/waivers/capabilities?entityRef=${SERVICE}`,
      permission: READ,
    },
    {
      route: 'GET /external-findings',
      method: 'get',
      path: `/external-findings?entityRef=${SERVICE}`,
      permission: READ,
    },
    {
      route: 'POST /findings/prowler',
      method: 'post',
      path: '/findings/prowler',
      // One finding of Prowler's OCSF output on the service's resource.
      body: [
        {
          class_uid: 2004,
          finding_info: { uid: 'reliability-1', title: 'Route case' },
          metadata: {
            event_code: 'sagemaker_notebook_instance_encryption_enabled',
          },
          severity: 'Medium',
          status_code: 'FAIL',
          resources: [{ uid: ids.arn }],
          cloud: {
            account: { uid: ids.arn.split(':')[4] },
            region: ids.arn.split(':')[3],
          },
        },
      ],
      permission: IMPORT,
    },
  ];
}

/** `METHOD /template` of every operation in openapi.yaml. */
export function specRoutes(): string[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item as object)
      .filter(method =>
        ['get', 'post', 'put', 'patch', 'delete'].includes(method),
      )
      .map(method => `${method.toUpperCase()} ${path}`),
  );
}
