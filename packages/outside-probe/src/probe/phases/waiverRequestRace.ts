import { Api } from '../api';
import type { Context } from '../context';
import { json } from '../http';
import type { Known } from '../routes';

const WRITERS = 10;

/**
 * Concurrent identical waiver requests: exactly one is stored (201), the
 * others answer 409 (one pending request per entity, check and resource,
 * held by the database). The pending request it leaves is what the
 * `/waiver-requests/{id}` routes then name.
 */
export async function waiverRequestRace(ctx: Context, api: Api, known: Known) {
  const { report, dbName } = ctx;
  const entityRef = known.components[0];
  const checkId = known.checkIds[0];
  const body = {
    entityRef,
    checkId,
    resourceArn: '*',
    reason: 'outside probe: concurrent identical waiver requests',
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  };
  const responses = await Promise.all(
    Array.from({ length: WRITERS }, () => api.post('/waiver-requests', body)),
  );
  const statuses = responses.map(r => r.status);
  const created = responses.filter(r => r.status === 201);
  const conflicts = statuses.filter(s => s === 409).length;
  const pending = (
    json<{ items: any[] }>(
      await api.get(
        `/waiver-requests?entityRef=${encodeURIComponent(
          entityRef,
        )}&status=pending`,
      ),
    )?.items ?? []
  ).filter(r => r.checkId === checkId && r.resourceArn === '*');
  for (const r of created) {
    const id = json<any>(r)?.id;
    if (id) known.requestIds.unshift(id);
  }
  const figure = `${created.length}×201 ${conflicts}×409 others [${statuses
    .filter(s => s !== 201 && s !== 409)
    .join(',')}], pending listed ${pending.length}`;
  report.figure(dbName, 'concurrent identical waiver requests', figure);
  report.check(
    dbName,
    `${WRITERS} concurrent identical waiver requests leave exactly 1 pending request (1×201, ${
      WRITERS - 1
    }×409)`,
    created.length === 1 && conflicts === WRITERS - 1 && pending.length === 1,
    figure,
  );
}
