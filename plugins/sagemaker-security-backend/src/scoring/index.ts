export * from './ScoringConfig';
export * from './score';
export * from './findings';
