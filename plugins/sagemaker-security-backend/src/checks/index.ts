export * from './ResultStore';
export * from './DatabaseResultStore';
export * from './CheckEngine';
export * from './toNewResult';
export * from './resourceLookup';
export * from './inputs/EvaluationInputStore';
