import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const API = '/api/sagemaker-security';

export const PERMISSIONS = {
  read: 'sagemaker-security.scorecard.read',
  scan: 'sagemaker-security.scan.run',
  create: 'sagemaker-security.waiver.create',
  revoke: 'sagemaker-security.waiver.revoke',
  catalogRead: 'catalog.entity.read',
} as const;

export type { Known, Route } from './routeTypes';
import type { Known, Route } from './routeTypes';

const q = (params: Record<string, string | number | boolean | undefined>) => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** A well-formed waiver id that names no waiver. */
const NO_WAIVER = '00000000-0000-4000-8000-000000000000';

const REQUEST_PERMISSION = 'sagemaker-security.waiver.request';
const IMPORT_PERMISSION = 'sagemaker-security.findings.import';
const APPROVE_PERMISSION = 'sagemaker-security.waiver.approve';
const requestPath = (k: Known, tail = '') =>
  `/waiver-requests/${encodeURIComponent(k.requestIds[0] ?? NO_WAIVER)}${tail}`;

const futureDate = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

export const ROUTES: Route[] = [
  {
    id: 'GET /scorecards/entity',
    method: 'GET',
    template: '/scorecards/entity',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({
      path: `/scorecards/entity${q({ entityRef: k.components[0] })}`,
    }),
  },
  {
    id: 'GET /scorecards/entity/findings',
    method: 'GET',
    template: '/scorecards/entity/findings',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({
      path: `/scorecards/entity/findings${q({
        entityRef: k.components[0],
        offset: 1,
        limit: 5,
      })}`,
    }),
  },
  {
    id: 'GET /resources/findings',
    method: 'GET',
    template: '/resources/findings',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({ path: `/resources/findings${q({ arn: k.arns[0] })}` }),
  },
  {
    id: 'GET /checks',
    method: 'GET',
    template: '/checks',
    read: true,
    namesEntity: false,
    valid: () => ({ path: '/checks' }),
  },
  {
    id: 'GET /checks/{checkId}',
    method: 'GET',
    template: '/checks/{checkId}',
    read: true,
    namesEntity: false,
    valid: k => ({ path: `/checks/${k.checkIds[0]}` }),
  },
  {
    id: 'GET /rollups/org',
    method: 'GET',
    template: '/rollups/org',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: () => ({ path: '/rollups/org?limit=100' }),
  },
  {
    id: 'GET /rollups/entity',
    method: 'GET',
    template: '/rollups/entity',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({ path: `/rollups/entity${q({ entityRef: k.groups[0] })}` }),
  },
  {
    id: 'GET /history/entity',
    method: 'GET',
    template: '/history/entity',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({
      path: `/history/entity${q({ entityRef: k.components[0] })}`,
    }),
  },
  {
    id: 'GET /waivers',
    method: 'GET',
    template: '/waivers',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({ path: `/waivers${q({ entityRef: k.components[0] })}` }),
  },
  {
    id: 'POST /waivers',
    method: 'POST',
    template: '/waivers',
    read: false,
    permission: PERMISSIONS.create,
    namesEntity: true,
    valid: k => ({
      path: '/waivers',
      body: {
        entityRef: k.components[0],
        checkId: k.checkIds[0],
        resourceArn: '*',
        reason: 'outside probe: a valid waiver request',
        expiresAt: futureDate(30),
      },
    }),
  },
  {
    id: 'GET /waivers/{id}',
    method: 'GET',
    template: '/waivers/{id}',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({
      path: `/waivers/${encodeURIComponent(k.waiverIds[0] ?? NO_WAIVER)}`,
    }),
  },
  {
    id: 'POST /waivers/{id}/revoke',
    method: 'POST',
    template: '/waivers/{id}/revoke',
    read: false,
    permission: PERMISSIONS.revoke,
    namesEntity: true,
    valid: k => ({
      path: `/waivers/${encodeURIComponent(
        k.waiverIds[0] ?? NO_WAIVER,
      )}/revoke`,
      body: { reason: 'outside probe: revoked' },
    }),
  },
  {
    id: 'POST /scans',
    method: 'POST',
    template: '/scans',
    read: false,
    permission: PERMISSIONS.scan,
    namesEntity: false,
    valid: () => ({ path: '/scans', body: {} }),
  },
  {
    id: 'GET /scans/latest',
    method: 'GET',
    template: '/scans/latest',
    read: true,
    namesEntity: false,
    valid: () => ({ path: '/scans/latest' }),
  },
  {
    id: 'GET /scans/health',
    method: 'GET',
    template: '/scans/health',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: false,
    valid: () => ({ path: '/scans/health' }),
  },
  {
    id: 'GET /scans/{id}',
    method: 'GET',
    template: '/scans/{id}',
    read: true,
    namesEntity: false,
    valid: k => ({ path: `/scans/${k.scanIds[0]}` }),
  },
  {
    id: 'GET /export',
    method: 'GET',
    template: '/export',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: () => ({ path: '/export?format=json' }),
  },
  {
    id: 'GET /inventory/resources',
    method: 'GET',
    template: '/inventory/resources',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: () => ({ path: '/inventory/resources?limit=500' }),
  },
  {
    id: 'GET /waiver-requests',
    method: 'GET',
    template: '/waiver-requests',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({
      path: `/waiver-requests${q({ entityRef: k.components[0] })}`,
    }),
  },
  {
    id: 'POST /waiver-requests',
    method: 'POST',
    template: '/waiver-requests',
    read: false,
    permission: REQUEST_PERMISSION,
    namesEntity: true,
    valid: k => ({
      path: '/waiver-requests',
      body: {
        entityRef: k.components[0],
        checkId: k.checkIds[0],
        resourceArn: '*',
        reason: 'outside probe: a valid waiver request',
        expiresAt: futureDate(30),
      },
    }),
  },
  {
    id: 'GET /waiver-requests/{id}',
    method: 'GET',
    template: '/waiver-requests/{id}',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({ path: requestPath(k) }),
  },
  {
    id: 'POST /waiver-requests/{id}/approve',
    method: 'POST',
    template: '/waiver-requests/{id}/approve',
    read: false,
    permission: APPROVE_PERMISSION,
    namesEntity: true,
    valid: k => ({
      path: requestPath(k, '/approve'),
      body: { comment: 'outside probe: approved' },
    }),
  },
  {
    id: 'POST /waiver-requests/{id}/deny',
    method: 'POST',
    template: '/waiver-requests/{id}/deny',
    read: false,
    permission: APPROVE_PERMISSION,
    namesEntity: true,
    valid: k => ({
      path: requestPath(k, '/deny'),
      body: { comment: 'outside probe: denied, fix it instead' },
    }),
  },
  {
    id: 'POST /waiver-requests/{id}/withdraw',
    method: 'POST',
    template: '/waiver-requests/{id}/withdraw',
    read: false,
    permission: REQUEST_PERMISSION,
    namesEntity: true,
    valid: k => ({ path: requestPath(k, '/withdraw') }),
  },
  {
    id: 'GET /waivers/capabilities',
    method: 'GET',
    template: '/waivers/capabilities',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    revealsNothing: true,
    valid: k => ({
      path: `/waivers/capabilities${q({ entityRef: k.components[0] })}`,
    }),
  },
  {
    id: 'GET /external-findings',
    method: 'GET',
    template: '/external-findings',
    read: true,
    permission: PERMISSIONS.read,
    namesEntity: true,
    valid: k => ({
      path: `/external-findings${q({
        entityRef: k.findingsComponent ?? k.components[0],
      })}`,
    }),
  },
  {
    id: 'POST /findings/prowler',
    method: 'POST',
    template: '/findings/prowler',
    read: false,
    permission: IMPORT_PERMISSION,
    namesEntity: false,
    valid: k => ({
      path: '/findings/prowler',
      // One finding of Prowler's OCSF output (json-ocsf) on a known resource.
      body: [
        {
          class_uid: 2004,
          finding_info: { uid: 'outside-probe-1', title: 'Outside probe' },
          metadata: {
            event_code: 'sagemaker_notebook_instance_encryption_enabled',
          },
          severity: 'Medium',
          status_code: 'FAIL',
          resources: [{ uid: k.arns[0] }],
          cloud: {
            account: { uid: k.arns[0].split(':')[4] || '111122223333' },
            region: k.arns[0].split(':')[3] || 'us-east-1',
          },
        },
      ],
    }),
  },
];

export const routeById = (id: string) => {
  const route = ROUTES.find(r => r.id === id);
  if (!route) throw new Error(`No route ${id}`);
  return route;
};

/** The operations of the plugin's OpenAPI spec, as `METHOD /path`. */
export function specOperations(repoRoot: string): string[] {
  const spec = parse(
    readFileSync(
      join(
        repoRoot,
        'plugins/sagemaker-security-backend/src/schema/openapi.yaml',
      ),
      'utf8',
    ),
  );
  return Object.entries(spec.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(m => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}
