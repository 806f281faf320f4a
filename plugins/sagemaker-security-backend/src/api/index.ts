export { createRouter } from './createRouter';
export type { RouterOptions, ScanTrigger } from './createRouter';
