import { Api } from '../api';
import type { BackendProcess } from '../backend';
import type { Context } from '../context';
import { json, ProbeResponse } from '../http';
import { Known, PERMISSIONS, Route, ROUTES } from '../routes';

export interface Principal {
  name: string;
  kind: 'user' | 'service';
  token: string;
  /** Permissions withheld from this principal. */
  denies: string[];
  /** Puts the principal's restrictions in force (a probe-policy state), if needed. */
  enter?: () => Promise<void>;
  /** Lifts them again, for the control and writer requests in between. */
  leave?: () => Promise<void>;
}

/**
 * A refused write: 403, or 404 when the caller may not even see the entity
 * (Backstage's answer for what the caller may not read).
 */
const REFUSED = [403, 404];

const future = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

/** A 2xx response that contains any of the markers (entity refs, ARNs, ids). */
export function leaked(
  res: ProbeResponse,
  markers: string[],
): string | undefined {
  if (res.status < 200 || res.status >= 300) return undefined;
  return markers.find(m => res.body.includes(m));
}

/** Whether a route needs a permission the principal is denied. */
function needsDenied(route: Route, denies: string[]) {
  return (
    (route.permission !== undefined && denies.includes(route.permission)) ||
    (route.namesEntity && denies.includes(PERMISSIONS.catalogRead))
  );
}

/**
 * Each principal with some permissions denied calls every route: a route that
 * needs a denied permission reveals nothing (403/404, or a 2xx carrying none
 * of the stored entity refs and ARNs) and writes nothing; a route that does
 * not answers as it answers the unrestricted control.
 */
export async function permissionMatrix(options: {
  ctx: Context;
  backend: BackendProcess;
  known: Known;
  /** The unrestricted principal of the same kind: reads answer as for it. */
  control: Api;
  /** A user who may waive: makes the waivers to revoke, cleans up. */
  writer: Api;
  principals: Principal[];
  label: string;
}) {
  const { ctx, backend, known, control, writer, principals, label } = options;
  const { report, dbName } = ctx;
  const markers = [...known.components, ...known.arns];
  const problems: string[] = [];
  let cases = 0;
  let refused = 0;
  const component = known.components[0];

  // A waiver on the entity, so that GET /waivers has something to reveal.
  const seeded = await writer.post('/waivers', {
    entityRef: component,
    checkId: known.checkIds[0],
    resourceArn: '*',
    reason: 'outside probe: a waiver the denied principals must not see',
    expiresAt: future(25),
  });
  const seededId = json<{ id?: string }>(seeded)?.id;
  if (seeded.status === 201 && seededId) known.waiverIds.unshift(seededId);
  if (seeded.status !== 201 && seeded.status !== 409) {
    problems.push(
      `the writer could not create a waiver: HTTP ${
        seeded.status
      } ${seeded.body.slice(0, 120)}`,
    );
  }
  // Controls: the unrestricted principal sees data on each guarded read.
  const controlStatus = new Map<string, number>();
  for (const route of ROUTES.filter(r => r.read)) {
    const res = await control.get(route.valid(known).path);
    controlStatus.set(route.id, res.status);
    if (
      route.permission &&
      route.namesEntity &&
      !route.revealsNothing &&
      !leaked(res, markers)
    ) {
      problems.push(
        `control ${route.id} shows no data (HTTP ${res.status}): the leak check would be vacuous`,
      );
    }
  }
  const activeWaivers = async () =>
    (
      json<any[]>(
        await writer.get(`/waivers?entityRef=${encodeURIComponent(component)}`),
      ) ?? []
    ).filter(w => w.status === 'active');
  const latestScanId = async () =>
    json<any>(await writer.get('/scans/latest'))?.id;

  let checkIndex = 1;
  for (const principal of principals) {
    const api = new Api(backend.baseUrl, principal.token);
    const as = async <T>(fn: () => Promise<T>): Promise<T> => {
      await principal.enter?.();
      try {
        return await fn();
      } finally {
        await principal.leave?.();
      }
    };
    for (const route of ROUTES) {
      const denied = needsDenied(route, principal.denies);
      const what = `${label} ${principal.name}: ${route.id}`;
      if (route.read) {
        cases += 1;
        const res = await as(() => api.get(route.valid(known).path));
        if (res.status >= 500 || res.status === 0) {
          problems.push(`${what}: HTTP ${res.status}`);
        } else if (denied && !route.namesEntity) {
          // Names no entity (e.g. GET /scans/health): nothing to filter, so
          // the permission itself must refuse.
          if (res.status !== 403)
            problems.push(`${what}: HTTP ${res.status} (must be 403)`);
          else refused += 1;
        } else if (denied) {
          const marker = leaked(res, markers);
          if (marker)
            problems.push(`${what}: HTTP ${res.status} reveals ${marker}`);
          else refused += 1;
        } else if (res.status !== controlStatus.get(route.id)) {
          problems.push(
            `${what}: HTTP ${res.status}, the control got ${controlStatus.get(
              route.id,
            )} (over-blocked)`,
          );
        }
        continue;
      }
      if (route.id === 'POST /waivers') {
        cases += 1;
        const before = (await activeWaivers()).length;
        const checkId = known.checkIds[checkIndex++ % known.checkIds.length];
        const res = await as(() =>
          api.post('/waivers', {
            entityRef: component,
            checkId,
            resourceArn: '*',
            reason: `outside probe: ${principal.name} tries to waive`,
            expiresAt: future(20),
          }),
        );
        const after = (await activeWaivers()).length;
        const mustRefuse = denied || principal.kind === 'service';
        if (mustRefuse && (!REFUSED.includes(res.status) || after !== before)) {
          problems.push(
            `${what}: HTTP ${res.status}, active waivers ${before} → ${after} (must be 403/404, no write)`,
          );
        } else if (!mustRefuse && res.status !== 201) {
          problems.push(
            `${what}: HTTP ${res.status} ${res.body.slice(
              0,
              120,
            )} (allowed, expected 201)`,
          );
        } else if (mustRefuse) refused += 1;
        if (res.status === 201) {
          const id = json<any>(res)?.id;
          if (id)
            await writer.post(`/waivers/${id}/revoke`, {
              reason: 'outside probe cleanup',
            });
        }
        continue;
      }
      if (route.id === 'POST /waivers/{id}/revoke') {
        cases += 1;
        const checkId = known.checkIds[checkIndex++ % known.checkIds.length];
        const created = await writer.post('/waivers', {
          entityRef: component,
          checkId,
          resourceArn: '*',
          reason: 'outside probe: a waiver to revoke',
          expiresAt: future(20),
        });
        const id = json<any>(created)?.id;
        if (created.status !== 201 || !id) {
          problems.push(
            `${what}: the writer could not create a waiver (HTTP ${
              created.status
            } ${created.body.slice(0, 120)})`,
          );
          continue;
        }
        const res = await as(() =>
          api.post(`/waivers/${id}/revoke`, {
            reason: 'outside probe: revoke attempt',
          }),
        );
        const stillActive = (await activeWaivers()).some(w => w.id === id);
        const mustRefuse = denied || principal.kind === 'service';
        if (mustRefuse && (!REFUSED.includes(res.status) || !stillActive)) {
          problems.push(
            `${what}: HTTP ${res.status}, waiver ${
              stillActive ? 'still active' : 'revoked'
            } (must be 403/404, still active)`,
          );
        } else if (!mustRefuse && (res.status !== 200 || stillActive)) {
          problems.push(
            `${what}: HTTP ${res.status} (allowed, expected 200 and revoked)`,
          );
        } else if (mustRefuse) refused += 1;
        if (stillActive)
          await writer.post(`/waivers/${id}/revoke`, {
            reason: 'outside probe cleanup',
          });
        continue;
      }
      if (route.id === 'POST /scans' && denied) {
        cases += 1;
        const before = await latestScanId();
        const res = await as(() => api.post('/scans', {}));
        const after = await latestScanId();
        if (res.status !== 403 || before !== after) {
          problems.push(
            `${what}: HTTP ${res.status}, latest scan ${before} → ${after} (must be 403, no scan)`,
          );
        } else refused += 1;
      }
    }
  }
  report.figure(
    dbName,
    `${label} permission matrix`,
    `${cases} cases over ${principals.length} principals, ${refused} refused without revealing data, ${problems.length} problems`,
  );
  report.check(
    dbName,
    `${label}: each permission denied in turn is enforced on every route, without leaks or over-blocking`,
    problems.length === 0,
    problems.length
      ? `${problems.length} problems: ${problems.slice(0, 12).join('; ')}`
      : `${cases} cases`,
  );
}

/**
 * A user who may not read one ML service (a catalog condition on `via`:
 * `scorecard.read` or `catalog.entity.read`), nor the catalog Resource
 * entities of the resources only it has (each SageMaker resource is also a
 * Resource entity, through which it is readable on its own): no response
 * names the service or those resources; its team's, system's, domain's and
 * the org rollup still answer.
 */
export async function hiddenEntity(options: {
  ctx: Context;
  backend: BackendProcess;
  known: Known;
  control: Api;
  user: Api;
  hidden: string;
  /** The permission whose condition hides the entity. */
  via: string;
  /** Puts in force a condition hiding the entities of these names. */
  enter: (entityNames: string[]) => Promise<void>;
  leave: () => Promise<void>;
}) {
  const { ctx, backend, known, control, user, hidden, via, enter, leave } =
    options;
  const { report, dbName } = ctx;
  const name = hidden.split('/').pop()!;
  const entity = await control.getJson(
    `/api/catalog/entities/by-name/component/default/${name}`,
  );
  const owner = String(entity.spec.owner).includes(':')
    ? entity.spec.owner
    : `group:default/${entity.spec.owner}`;
  const system = `system:default/${entity.spec.system}`;
  const domain = (
    await control.getJson(
      `/api/catalog/entities/by-name/system/default/${entity.spec.system}`,
    )
  ).spec?.domain;
  const arnsOf = async (ref: string) =>
    (
      (
        await control.getJson(
          `/scorecards/entity?entityRef=${encodeURIComponent(ref)}`,
        )
      ).resources as any[]
    ).map(r => r.arn as string);
  const hiddenArns = new Set(await arnsOf(hidden));
  for (const other of known.components.filter(c => c !== hidden)) {
    for (const arn of await arnsOf(other)) hiddenArns.delete(arn);
  }
  const resourceEntities: string[] = [];
  for (const arn of hiddenArns) {
    const found = await control.getJson(
      `/api/catalog/entities/by-query?filter=${encodeURIComponent(
        `metadata.annotations.amazonaws.com/arn=${arn}`,
      )}&fields=metadata.name`,
    );
    for (const e of found.items) resourceEntities.push(e.metadata.name);
  }
  const markers = [hidden, ...hiddenArns];
  const q = encodeURIComponent;
  const mustHide = [
    `/scorecards/entity?entityRef=${q(hidden)}`,
    `/scorecards/entity/findings?entityRef=${q(hidden)}`,
    `/history/entity?entityRef=${q(hidden)}`,
    `/waivers?entityRef=${q(hidden)}`,
    '/waivers',
    `/export?format=json&entityRef=${q(hidden)}`,
    '/export?format=json',
    '/inventory/resources?limit=500',
    ...[...hiddenArns]
      .slice(0, 3)
      .map(arn => `/resources/findings?arn=${q(arn)}`),
  ];
  const mustAnswer = [
    `/rollups/entity?entityRef=${q(owner)}`,
    `/rollups/entity?entityRef=${q(system)}`,
    ...(domain
      ? [`/rollups/entity?entityRef=${q(`domain:default/${domain}`)}`]
      : []),
    '/rollups/org?limit=500',
    `/scorecards/entity?entityRef=${q(
      known.components.find(c => c !== hidden)!,
    )}`,
  ];
  const problems: string[] = [];
  await enter([name, ...resourceEntities]);
  const responses = [];
  try {
    for (const path of [...mustHide, ...mustAnswer]) {
      responses.push({ path, res: await user.get(path) });
    }
  } finally {
    await leave();
  }
  for (const { path, res } of responses) {
    const marker = leaked(res, markers);
    if (res.status >= 500 || res.status === 0)
      problems.push(`${path}: HTTP ${res.status}`);
    else if (marker)
      problems.push(`${path}: HTTP ${res.status} reveals ${marker}`);
    else if (mustAnswer.includes(path) && res.status !== 200)
      problems.push(`${path}: HTTP ${res.status}, expected 200`);
  }
  // Control: the same rollups show the entity to a user who may read it.
  const shown = leaked(
    await control.get(`/rollups/entity?entityRef=${q(owner)}`),
    [hidden],
  );
  if (!shown)
    problems.push(
      `control: the rollup of ${owner} does not show ${hidden}; the check would be vacuous`,
    );
  report.figure(
    dbName,
    `entity hidden by ${via}`,
    `${hidden} and the Resource entities of its ${
      hiddenArns.size
    } own resources (${resourceEntities.length} entities) over ${
      mustHide.length + mustAnswer.length
    } requests`,
  );
  report.check(
    dbName,
    `an entity hidden by a condition on ${via} is in no response, rollups of its team, system and domain included`,
    problems.length === 0,
    problems.length
      ? problems.join('; ')
      : `${
          mustHide.length + mustAnswer.length
        } requests revealed nothing (backend ${backend.name})`,
  );
}
