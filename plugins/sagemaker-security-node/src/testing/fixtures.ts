/**
 * The test fixtures for checks: resource builders (resources.ts) and related
 * facts, lookups and contexts (facts.ts).
 */
export * from './resources';
export * from './facts';
