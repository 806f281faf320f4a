import {
  PILLARS,
  type Pillar,
  type PillarScore,
  type ResultStatus,
  type Score,
  type StatusCounts,
} from '@mlsec/plugin-sagemaker-security-common';

const EMPTY_COUNTS: StatusCounts = {
  pass: 0,
  fail: 0,
  warn: 0,
  unknown: 0,
  not_applicable: 0,
  waived: 0,
};

/** The four core pillars in order, then any other pillar the backend scored. */
export function orderedPillars(score: Score): PillarScore[] {
  const byPillar = new Map(score.pillars.map(p => [p.pillar, p]));
  const core = PILLARS.map(
    (pillar: Pillar): PillarScore =>
      byPillar.get(pillar) ?? {
        pillar,
        score: null,
        grade: null,
        counts: EMPTY_COUNTS,
      },
  );
  const extra = score.pillars.filter(
    p => !(PILLARS as readonly string[]).includes(p.pillar),
  );
  return [...core, ...extra];
}

/** The status that best sums up counts: the worst one present. */
export function worstStatus(counts: StatusCounts): ResultStatus {
  if (counts.fail > 0) return 'fail';
  if (counts.warn > 0) return 'warn';
  if (counts.unknown > 0) return 'unknown';
  if (counts.pass > 0) return 'pass';
  if (counts.waived > 0) return 'waived';
  return 'not_applicable';
}

/** Counts in words, e.g. `2 failing · 1 could not evaluate · 5 passing`. */
export function describeCounts(counts: StatusCounts): string {
  const parts: string[] = [];
  if (counts.fail) parts.push(`${counts.fail} failing`);
  if (counts.warn) parts.push(`${counts.warn} warning`);
  if (counts.unknown) parts.push(`${counts.unknown} could not evaluate`);
  if (counts.waived) parts.push(`${counts.waived} waived`);
  if (counts.pass) parts.push(`${counts.pass} passing`);
  return parts.length ? parts.join(' · ') : 'No applicable checks';
}
