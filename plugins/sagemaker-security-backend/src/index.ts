/**
 * The SageMaker security backend plugin.
 *
 * @packageDocumentation
 */
export { sagemakerSecurityPlugin as default } from './plugin';
