import type { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import { chunk } from '../../util/chunk';
import { FACTS, FactRow, factContent } from './rows';

/**
 * See ScanningInventoryStore.upsertFacts: a fact whose content hash is
 * unchanged only has its `last_seen_at` moved; a changed one is updated,
 * a new one inserted (replicas collecting two regions of an account may
 * insert the same role at once: the conflict merges).
 */
export async function upsertFacts(
  db: Knex,
  facts: RelatedFact[],
  seenAt: string,
  batch: number,
): Promise<void> {
  const id = (f: {
    kind: string;
    account_id: string;
    region: string;
    key: string;
  }) => `${f.kind}|${f.account_id}|${f.region}|${f.key}`;
  const unique = [
    ...new Map(
      facts.map(f => [
        id({
          kind: f.kind,
          account_id: f.accountId,
          region: f.region,
          key: f.key,
        }),
        f,
      ]),
    ).values(),
  ];
  for (const part of chunk(unique, batch)) {
    await db.transaction(async tx => {
      // A superset query (per column) keeps this portable; exact ids filter it.
      const rows = await tx<FactRow>(FACTS)
        .whereIn('kind', [...new Set(part.map(f => f.kind))])
        .whereIn('account_id', [...new Set(part.map(f => f.accountId))])
        .whereIn('key', [...new Set(part.map(f => f.key))])
        .select('kind', 'account_id', 'region', 'key', 'content_hash');
      const existing = new Map(rows.map(r => [id(r), r.content_hash]));
      const unchanged: FactRow[] = [];
      for (const fact of part) {
        const keyCols = {
          kind: fact.kind,
          account_id: fact.accountId,
          region: fact.region,
          key: fact.key,
        };
        const content = factContent(fact);
        const hash = existing.get(id(keyCols));
        if (hash === content.content_hash) {
          unchanged.push(keyCols as FactRow);
        } else if (hash !== undefined) {
          await tx<FactRow>(FACTS)
            .where(keyCols)
            .update({ ...content, last_seen_at: seenAt, updated_at: seenAt });
        } else {
          // Replicas collecting two regions of an account share its roles.
          await tx<FactRow>(FACTS)
            .insert({
              ...keyCols,
              ...content,
              first_seen_at: seenAt,
              last_seen_at: seenAt,
              updated_at: seenAt,
            })
            .onConflict(['kind', 'account_id', 'region', 'key'])
            .merge([
              ...(Object.keys(content) as Array<keyof FactRow>),
              'last_seen_at',
              'updated_at',
            ]);
        }
      }
      for (const keyCols of unchanged) {
        await tx<FactRow>(FACTS)
          .where(keyCols)
          .where('last_seen_at', '<', seenAt)
          .update({ last_seen_at: seenAt });
      }
    });
  }
}
