/**
 * Types, permissions and the API client shared by the SageMaker security plugins.
 *
 * @packageDocumentation
 */
export * from './pillars';
export * from './resourceTypes';
export * from './inventory';
export * from './checks';
export * from './scorecards';
export * from './findingsOrder';
export * from './permissions';
export * from './annotations';
export * from './apiTypes';
export * from './externalFindings';
export * from './client';
export { DefaultApiClient } from './schema/openapi/generated';
export type {
  components,
  operations,
  paths,
  CreateWaiver,
  EntityRollupRowPage,
  ExportFindings,
  GetCheck,
  GetEntityHistory,
  GetEntityRollup,
  GetEntityScorecard,
  GetLatestScan,
  GetResourceFindings,
  GetScan,
  GetScanHealth,
  GetWaiver,
  ImportProwlerFindings,
  ListChecks,
  ListEntityFindings,
  ListExternalFindings,
  ListInventoryResources,
  ListOrgRollup,
  ListWaivers,
  RequestOptions,
  RevokeWaiver,
  TriggerScan,
  TypedResponse,
  ListWaiverRequests,
  RequestWaiver,
  GetWaiverRequest,
  ApproveWaiverRequest,
  DenyWaiverRequest,
  WithdrawWaiverRequest,
  GetWaiverCapabilities,
} from './schema/openapi/generated';
