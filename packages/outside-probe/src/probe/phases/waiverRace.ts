import { Api } from '../api';
import type { Context } from '../context';
import { json } from '../http';
import type { Known } from '../routes';

const ROUNDS = 3;
const WRITERS = 10;

/**
 * Ten identical waiver creates at once, in three rounds (each on another
 * check): exactly one is created (201), the others answer 409, and one waiver
 * is active — over HTTP and in the database.
 */
export async function waiverRace(ctx: Context, api: Api, known: Known) {
  const { report, dbName } = ctx;
  const entityRef = known.components[0];
  const problems: string[] = [];
  const figures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const checkId = known.checkIds[known.checkIds.length - 1 - round];
    const body = {
      entityRef,
      checkId,
      resourceArn: '*',
      reason: `outside probe: concurrent identical waiver, round ${round + 1}`,
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    };
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, () => api.post('/waivers', body)),
    );
    const statuses = responses.map(r => r.status);
    const created = statuses.filter(s => s === 201).length;
    const conflicts = statuses.filter(s => s === 409).length;
    const listed = (
      json<any[]>(
        await api.get(
          `/waivers?entityRef=${encodeURIComponent(entityRef)}&status=active`,
        ),
      ) ?? []
    ).filter(w => w.checkId === checkId && w.resourceArn === '*');
    const stored = await ctx.db
      .pluginClient()('waivers')
      .where({ check_id: checkId, resource_arn: '*' })
      .whereRaw('lower(entity_ref) = ?', [entityRef.toLocaleLowerCase('en-US')])
      .whereNull('revoked_at')
      .count({ n: '*' })
      .then(rows => Number(rows[0].n))
      .catch(error => `unreadable (${error})`);
    for (const r of responses)
      if (r.status === 201) known.waiverIds.push(json<any>(r)?.id);
    figures.push(
      `round ${round + 1}: ${created}×201 ${conflicts}×409 others [${statuses
        .filter(s => s !== 201 && s !== 409)
        .join(',')}], active listed ${
        listed.length
      }, stored unrevoked ${stored}`,
    );
    // The stored count is read from the table as it is today; if a migration
    // renames it, the HTTP answers alone decide.
    const storedWrong = typeof stored === 'number' && stored !== 1;
    if (
      created !== 1 ||
      conflicts !== WRITERS - 1 ||
      listed.length !== 1 ||
      storedWrong
    ) {
      problems.push(figures[figures.length - 1]);
    }
  }
  report.figure(dbName, 'concurrent identical waiver creates', figures);
  report.check(
    dbName,
    `${WRITERS} concurrent identical waiver creates leave exactly 1 active waiver (1×201, ${
      WRITERS - 1
    }×409)`,
    problems.length === 0,
    problems.length ? problems.join('; ') : `${ROUNDS} rounds`,
  );
}
