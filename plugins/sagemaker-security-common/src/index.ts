/**
 * Types, permissions and the API client shared by the SageMaker security plugins.
 *
 * @packageDocumentation
 */
export * from './pillars';
export * from './resourceTypes';
export * from './inventory';
export * from './checks';
export * from './scorecards';
export * from './permissions';
export * from './annotations';
export * from './apiTypes';
export * from './client';
export { DefaultApiClient } from './schema/openapi/generated';
