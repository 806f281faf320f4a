import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { combine, unknown } from './outcomes';
import { getPath } from './paths';

/** Paths of a tuning job's training definitions (single and multi-algorithm). */
export function tuningDefinitionPrefixes(description: unknown): string[] {
  const prefixes: string[] = [];
  if (getPath(description, 'TrainingJobDefinition') !== undefined) {
    prefixes.push('TrainingJobDefinition');
  }
  const many = getPath(description, 'TrainingJobDefinitions');
  if (Array.isArray(many)) {
    many.forEach((_, index) =>
      prefixes.push(`TrainingJobDefinitions.${index}`),
    );
  }
  return prefixes;
}

/** Judges every training definition of a tuning job; none at all is unreadable. */
export function judgeTuningDefinitions(
  context: CheckContext,
  judge: (prefix: string) => CheckOutcome,
): CheckOutcome {
  return combine(
    tuningDefinitionPrefixes(context.resource.description).map(judge),
    unknown(
      `${context.resource.name}: the description has no TrainingJobDefinition(s).`,
      ['sagemaker:DescribeHyperParameterTuningJob'],
    ),
  );
}
