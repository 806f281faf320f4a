/**
 * Test utilities for modules that add checks: builders of SageMaker resources,
 * related facts and check contexts. Import from
 * `@mlsec/plugin-sagemaker-security-node/testUtils` in tests only.
 *
 * @packageDocumentation
 */
export * from './testing/fixtures';
export type { CheckContext, ResourceLookup } from './types';
