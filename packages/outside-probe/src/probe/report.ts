import { writeFileSync } from 'node:fs';

export interface Verdict {
  db: string;
  guarantee: string;
  ok: boolean;
  detail: string;
}

/** Verdicts per guarantee and database, and the figures of the run. */
export class Report {
  readonly verdicts: Verdict[] = [];
  readonly figures: Record<string, Record<string, unknown>> = {};

  constructor(readonly seed: number) {}

  check(db: string, guarantee: string, ok: boolean, detail: string) {
    this.verdicts.push({ db, guarantee, ok, detail });
    const mark = ok ? 'PASS' : 'FAIL';
    process.stdout.write(`[probe] ${mark} [${db}] ${guarantee}: ${detail}\n`);
  }

  figure(db: string, name: string, value: unknown) {
    (this.figures[db] ??= {})[name] = value;
  }

  log(message: string) {
    process.stdout.write(`[probe] ${message}\n`);
  }

  get failed() {
    return this.verdicts.filter(v => !v.ok);
  }

  print() {
    const out: string[] = [
      '',
      '==> outside probe: figures',
      `seed: ${this.seed}`,
    ];
    for (const [db, figures] of Object.entries(this.figures)) {
      out.push(`-- ${db}`);
      for (const [name, value] of Object.entries(figures)) {
        out.push(
          `   ${name}: ${
            typeof value === 'string' ? value : JSON.stringify(value)
          }`,
        );
      }
    }
    out.push('', '==> outside probe: guarantees');
    for (const v of this.verdicts) {
      out.push(`${v.ok ? 'PASS' : 'FAIL'}  [${v.db}] ${v.guarantee}`);
    }
    const failed = this.failed;
    out.push(
      '',
      failed.length
        ? `outside probe FAILED: ${failed.length} of ${this.verdicts.length} checks (seed ${this.seed}; reproduce with PROBE_SEED=${this.seed})`
        : `outside probe passed: ${this.verdicts.length} checks (seed ${this.seed})`,
    );
    for (const v of failed)
      out.push(`  FAIL [${v.db}] ${v.guarantee}: ${v.detail}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }

  write(path: string) {
    writeFileSync(
      path,
      JSON.stringify(
        { seed: this.seed, figures: this.figures, verdicts: this.verdicts },
        null,
        2,
      ),
    );
  }
}
