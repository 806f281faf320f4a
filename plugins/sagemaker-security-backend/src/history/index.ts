export * from './HistoryStore';
export * from './DatabaseHistoryStore';
export * from './HistoryConfig';
export * from './trend';
