/**
 * The SageMaker security check catalogue, IAM policy evaluation, KMS key
 * resolution and the extension points shared by backend modules.
 *
 * @packageDocumentation
 */
export type { CheckContext, ResourceLookup, SecurityCheck } from './types';
export {
  defaultChecks,
  encryptionChecks,
  networkChecks,
  iamChecks,
  monitoringChecks,
  resilienceChecks,
} from './checks';
export { createCheckEvaluator, evaluateResource } from './engine';
export type { CheckEvaluation, CheckEvaluator, ReadTracer } from './engine';
export * from './policy';
export * from './kms';
export {
  REMEDIATION_TEMPLATES,
  renderPrefill,
  remediationTemplateUrl,
  resolvePrefillPath,
} from './remediation/templates';
export type { RemediationTemplateName } from './remediation/templates';
export {
  renderChecksMarkdown,
  SEED_COVERAGE,
  withPeerReferences,
} from './docs';
export type { SeedRecommendation } from './docs';
export {
  CheckRegistry,
  sagemakerSecurityChecksExtensionPoint,
  sagemakerSecurityChecksServiceRef,
  validateChecks,
} from './extension';
export type {
  SagemakerSecurityChecksExtensionPoint,
  SagemakerSecurityChecksService,
} from './extension';
export {
  findSecretsInScript,
  findSecretsInText,
  findSecretsInVariables,
} from './secrets/detectSecrets';
export type { SecretFinding } from './secrets/detectSecrets';
