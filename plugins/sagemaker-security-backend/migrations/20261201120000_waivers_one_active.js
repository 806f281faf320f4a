// @ts-check

/**
 * One active waiver per entity, check and resource, enforced by the
 * database: a partial unique index over the waivers that are neither
 * revoked nor recorded as expired. Creating a waiver first records the
 * expiry of a lapsed one for the same key (in the same transaction), so a
 * waiver that has expired never blocks its successor.
 *
 * Before the index can be built, duplicates that concurrent creates left
 * behind are resolved, and the audit trail says so:
 * - a duplicate that has already expired gets its `expired` event (as the
 *   expiry task would have written it);
 * - of the duplicates still in force, the one that lasts longest stays;
 *   the others are revoked by `sagemaker-security` naming the one kept.
 *
 * `down` drops the index and leaves the resolved rows as they are.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const now = new Date();
  const open = await knex('waivers')
    .select('id', 'entity_ref', 'check_id', 'resource_arn', 'created_at')
    .select('expires_at')
    .whereNull('revoked_at')
    .where('expiry_recorded', false);
  /** @type {Map<string, any[]>} */
  const byKey = new Map();
  for (const row of open) {
    const key = JSON.stringify([
      row.entity_ref,
      row.check_id,
      row.resource_arn,
    ]);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  for (const rows of byKey.values()) {
    if (rows.length < 2) continue;
    const lapsed = rows.filter(r => time(r.expires_at) <= now.getTime());
    const inForce = rows
      .filter(r => time(r.expires_at) > now.getTime())
      .sort(
        (a, b) =>
          time(b.expires_at) - time(a.expires_at) ||
          time(a.created_at) - time(b.created_at) ||
          String(a.id).localeCompare(String(b.id)),
      );
    // Every lapsed one goes, unless nothing is in force: then one may stay.
    const keepLapsed = inForce.length === 0 ? 1 : 0;
    const byExpiry = [...lapsed].sort(
      (a, b) => time(b.expires_at) - time(a.expires_at),
    );
    for (const row of byExpiry.slice(keepLapsed)) {
      await knex('waivers')
        .where({ id: row.id })
        .update({ expiry_recorded: true });
      await knex('waiver_events').insert({
        waiver_id: row.id,
        event: 'expired',
        actor: null,
        at: new Date(time(row.expires_at)),
        detail: null,
      });
    }
    const [kept, ...duplicates] = inForce;
    for (const row of duplicates) {
      const detail = `Duplicate of waiver ${kept.id}: one active waiver per entity, check and resource`;
      await knex('waivers').where({ id: row.id }).update({
        revoked_by: 'sagemaker-security',
        revoked_at: now,
        revoke_reason: detail,
      });
      await knex('waiver_events').insert({
        waiver_id: row.id,
        event: 'revoked',
        actor: 'sagemaker-security',
        at: now,
        detail,
      });
    }
  }
  await knex.raw(
    'create unique index waivers_one_active_idx on waivers (entity_ref, check_id, resource_arn) where revoked_at is null and expiry_recorded = false',
  );
};

/**
 * A timestamp as stored: a Date (PostgreSQL), milliseconds or text (SQLite).
 *
 * @param {unknown} value
 */
function time(value) {
  if (value instanceof Date) return value.getTime();
  const ms = Number(value);
  return Number.isFinite(ms) ? ms : Date.parse(String(value));
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('drop index waivers_one_active_idx');
};
