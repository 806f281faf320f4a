export { renderChecksMarkdown } from './renderChecksMarkdown';
export { SEED_COVERAGE } from './seedCoverage';
export type { SeedRecommendation } from './seedCoverage';
export { withPeerReferences } from './parity/references';
