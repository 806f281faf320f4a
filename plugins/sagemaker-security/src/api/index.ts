export { sageMakerSecurityApiRef } from './SageMakerSecurityApi';
export type { SageMakerSecurityApi } from './SageMakerSecurityApi';
export { SageMakerSecurityClient } from './SageMakerSecurityClient';
export type {
  ExportFormat,
  ResourceDetail,
  ResourceDetailFindings,
  ScanRun,
} from './types';
