export { createExternalFindings } from './createExternalFindings';
export type { ExternalFindings } from './createExternalFindings';
export type {
  ExternalFindingRecord,
  ExternalFindingStore,
  StoredExternalFinding,
} from './ExternalFindingStore';
