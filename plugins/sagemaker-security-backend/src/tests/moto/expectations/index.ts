import type { Expected, Table, Verdict } from './blocks';
import {
  DOMAINS,
  ENDPOINT_CONFIGS,
  ENDPOINTS,
  MODELS,
  NOTEBOOKS,
  PIPELINES,
  REGISTRY,
} from './inference';
import { AUTOML_AND_COMPILATION_JOBS } from './automlAndNeo';
import { HYPERPOD_CLUSTERS } from './hyperpod';
import {
  MONITORING_JOB_DEFINITIONS,
  PROCESSING_JOBS,
  TRAINING_JOBS,
  TRANSFORM_JOBS,
  TUNING_JOBS,
} from './jobs';

export { MOTO_GAPS } from './motoGaps';
export type { Expected, Verdict } from './blocks';

/** Every resource of the estate the scanner collects, and the verdict of each of its checks. */
export const EXPECTED: Record<string, Table> = {
  ...NOTEBOOKS,
  ...DOMAINS,
  ...MODELS,
  ...REGISTRY,
  ...ENDPOINT_CONFIGS,
  ...ENDPOINTS,
  ...PIPELINES,
  ...TRAINING_JOBS,
  ...PROCESSING_JOBS,
  ...TRANSFORM_JOBS,
  ...TUNING_JOBS,
  ...MONITORING_JOB_DEFINITIONS,
  ...HYPERPOD_CLUSTERS,
  ...AUTOML_AND_COMPILATION_JOBS,
  // Registered directly as Approved: no separate approval step.
  'model-package mpg-fraud/1': { 'model-package-manual-approval': 'fail' },
  // Registered PendingManualApproval, then approved by UpdateModelPackage.
  'model-package mpg-fraud/2': { 'model-package-manual-approval': 'pass' },
};

export interface ExpectedPair {
  resource: string;
  check: string;
  expected: Expected;
}

export function expectedPairs(): ExpectedPair[] {
  return Object.entries(EXPECTED).flatMap(([resource, table]) =>
    Object.entries(table).map(([check, expected]) => ({
      resource,
      check,
      expected,
    })),
  );
}

/** The verdict asserted against moto. */
export function motoVerdict(expected: Expected): Verdict {
  return typeof expected === 'string' ? expected : expected.moto;
}
