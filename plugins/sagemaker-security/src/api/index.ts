export { sageMakerSecurityApiRef } from './SageMakerSecurityApi';
export type { SageMakerSecurityApi } from './SageMakerSecurityApi';
export { DefaultSageMakerSecurityApi } from './DefaultSageMakerSecurityApi';
export type {
  ExportFormat,
  ResourceDetail,
  ResourceDetailFindings,
  ScanRun,
} from './types';
