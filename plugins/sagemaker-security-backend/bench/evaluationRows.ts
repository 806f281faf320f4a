/**
 * The evaluation figures of issue 17, as rows of the report: end-to-end
 * evaluation (checks and storage) and the evaluation after a no-change scan,
 * on SQLite and PostgreSQL. Printed by `yarn bench` and by
 * `yarn bench --only evaluation`.
 */
import type { FigureRow } from './figures';
import { fixed, n } from './figures';
import type { EvaluationFigures, EvaluationRun } from './measure/evaluation';

export const END_TO_END_GOAL = 5_000;
export const NO_CHANGE_GOAL_SECONDS = 5;

const DATABASES = [
  ['sqlite', 'SQLite'],
  ['postgres', 'PostgreSQL'],
] as const;

const rate = (run: EvaluationRun) => run.resources / run.seconds;

export function evaluationRows(
  figures:
    | { sqlite: EvaluationFigures; postgres?: EvaluationFigures }
    | undefined,
  reason: string | undefined,
): FigureRow[] {
  const notMeasured = (f: EvaluationFigures | undefined, db: string) =>
    f
      ? undefined
      : reason ??
        (db === 'postgres'
          ? 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set'
          : 'not measured');
  const rows: FigureRow[] = DATABASES.map(([db, name]) => {
    const f = figures?.[db];
    const value = f ? rate(f.full) : undefined;
    return {
      id: `evaluation-${db}`,
      label: `end-to-end evaluation (checks + storage), ${name}`,
      goal: `>= ${n(END_TO_END_GOAL)} resources/s`,
      value,
      text: value === undefined ? 'not measured' : `${n(Math.round(value))}/s`,
      pass: value !== undefined && value >= END_TO_END_GOAL,
      oursSlice: '',
      naive: 'n/a',
      note: notMeasured(f, db),
    };
  });
  for (const [db, name] of DATABASES) {
    const f = figures?.[db];
    // Rows of results, history and inputs, and any statement writing them.
    const written = f ? f.noChange.rowsWritten + f.noChange.writeStatements : 0;
    rows.push({
      id: `evaluation-no-change-${db}`,
      label: `evaluation after a no-change scan, ${name}`,
      goal: `<= ${NO_CHANGE_GOAL_SECONDS} s at ${n(
        f?.noChange.resources ?? 54_500,
      )} resources, 0 rows written`,
      value: f?.noChange.seconds,
      text: f
        ? `${fixed(f.noChange.seconds, 2)} s, ${n(written)} rows`
        : 'not measured',
      pass: Boolean(
        f && f.noChange.seconds <= NO_CHANGE_GOAL_SECONDS && written === 0,
      ),
      oursSlice: '',
      naive: 'n/a',
      note: notMeasured(f, db),
    });
  }
  return rows;
}

/** What each evaluation run did, one line per run. */
export function evaluationDetail(f: EvaluationFigures): string[] {
  const line = (what: string, run: EvaluationRun) =>
    `${f.database} ${what}: ${fixed(run.seconds, 2)} s (${fixed(
      run.cpuSeconds,
      2,
    )} CPU s of this process, ${n(
      Math.round(run.resources / run.cpuSeconds),
    )} resources per CPU second), ${n(run.resources)} resources (${n(
      run.evaluated,
    )} evaluated), ${n(run.results)} results, ${n(
      run.rowsWritten,
    )} rows of results, history and inputs written in ${n(
      run.writeStatements,
    )} statements; ${n(
      run.targetRowsWritten,
    )} evaluation times of an account and region written`;
  return [
    line('full evaluation', f.full),
    line('no-change evaluation', f.noChange),
  ];
}
