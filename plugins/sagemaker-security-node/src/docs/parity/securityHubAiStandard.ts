import { securityHub } from './securityHub';
import { Peer } from './types';

/**
 * The SageMaker controls of the Security Hub standard "AI Security Best
 * Practices v1.0.0" (June 2026): SageMaker.1–5 and SageMaker.8–25. The
 * standard reuses the FSBP controls, so each row is the FSBP row.
 */
export const AI_STANDARD_CONTROL_IDS: readonly string[] = [
  1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
  24, 25,
].map(index => `SageMaker.${index}`);

export const securityHubAiStandard: Peer = {
  key: 'securityHubAiStandard',
  name: 'AWS Security Hub "AI Security Best Practices v1.0.0" (SageMaker controls)',
  source:
    'https://docs.aws.amazon.com/securityhub/latest/userguide/standards-ai-security.html',
  controls: securityHub.controls.filter(control =>
    AI_STANDARD_CONTROL_IDS.includes(control.id),
  ),
};
