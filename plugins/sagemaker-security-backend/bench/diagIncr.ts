import fs from 'node:fs';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { CheckEngine, DatabaseEvaluationInputStore, DatabaseResultStore } from '../src/checks';
import { DatabaseHistoryStore } from '../src/history';
import { DatabaseInventoryStore } from '../src/inventory';
import { databaseOf, quietLogger, sqliteFile } from './scanner/sqlite';

async function main() {
  const file = '/dev/shm/incr/diag.sqlite';
  fs.copyFileSync('/dev/shm/incr/inventory.sqlite', file);
  const db = sqliteFile(file);
  const inventory = await DatabaseInventoryStore.create({ database: databaseOf(db) });
  const engine = () => new CheckEngine({ inventory, checks: defaultChecks, results: new DatabaseResultStore(db), history: new DatabaseHistoryStore(db), logger: quietLogger(), inputs: new DatabaseEvaluationInputStore(db) });
  const scan = { id: 's', trigger: 'manual' as const, status: 'succeeded' as const, startedAt: '', targets: [{ accountId: '111111111111', region: 'eu-west-1', status: 'succeeded' as const, resourceTypes: {}, errors: [] }] } as any;
  const times = new Map<string, number>();
  const started = new Map<string, { t: number; k: string }>();
  db.on('query', (q: any) => { started.set(q.__knexQueryUid, { t: performance.now(), k: q.sql.slice(0, 40) }); });
  db.on('query-response', (_r: any, q: any) => { const s0 = started.get(q.__knexQueryUid); if (s0) { times.set(s0.k, (times.get(s0.k) ?? 0) + performance.now() - s0.t); started.delete(q.__knexQueryUid); } });
  for (let i = 0; i < 2; i++) {
    times.clear();
    const t = performance.now();
    const s = await engine().handleScanFinished(scan);
    console.log(i, ((performance.now() - t) / 1000).toFixed(2), 's', s.resources, s.evaluated, s.results, s.transitions);
    console.log([...times].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${(v / 1000).toFixed(2)}s ${k}`).join('\n'));
  }
  const rows = await db('evaluation_inputs').select('inputs').limit(3);
  console.log(rows.map(r => r.inputs.length), rows[0].inputs.slice(0, 500));
  await db.destroy();
}
main();
