export * from './descriptor';
export * from './fields';
export * from './registry';
