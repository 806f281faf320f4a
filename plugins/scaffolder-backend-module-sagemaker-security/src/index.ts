/**
 * Scaffolder actions that validate a project's CloudFormation against the
 * SageMaker security checks before it is deployed.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSageMakerSecurity as default } from './module';
export { createValidateAction, VALIDATE_ACTION_ID } from './actions/validate';
export type {
  ValidateActionInput,
  ValidateActionOutput,
} from './actions/validate';
export type { ValidateActionOptions } from './actions/validate';
export { FAIL_ON_LEVELS } from './evaluate/failOn';
export type { FailOn, ValidationSummary } from './evaluate/failOn';
export type { IacFinding } from './evaluate/runChecks';
