export {
  CheckRegistry,
  sagemakerSecurityChecksExtensionPoint,
} from './extensionPoint';
export type { SagemakerSecurityChecksExtensionPoint } from './extensionPoint';
export { sagemakerSecurityChecksServiceRef } from './checksService';
export type { SagemakerSecurityChecksService } from './checksService';
export { validateChecks } from './validateChecks';
