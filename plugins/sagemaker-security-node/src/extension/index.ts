export {
  CheckRegistry,
  sagemakerSecurityChecksExtensionPoint,
} from './extensionPoint';
export type { SagemakerSecurityChecksExtensionPoint } from './extensionPoint';
export { validateChecks } from './validateChecks';
