import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  SageMakerSecurityClient,
  type CheckMetadata,
  type CheckResult,
  type CreateWaiverRequest,
  type EntityFindingsQuery,
  type EntityRollupRow,
  type EntityScorecard,
  type OrgRollupQuery,
  type Page,
  type Rollup,
  type ScanHealth,
  type Waiver,
  type WaiverStatus,
  type WaiverWithEvents,
  type NewWaiverRequest,
  type WaiverCapabilities,
  type WaiverRequestApproval,
  type WaiverRequestDecision,
  type WaiverRequest,
  type WaiverRequestList,
  type WaiverRequestStatus,
  type WaiverRequestWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SageMakerSecurityApi } from './SageMakerSecurityApi';
import type { ResourceDetailFindings, ScanRun } from './types';

/**
 * The frontend's {@link SageMakerSecurityApi}: delegates to the one client of
 * the backend, `SageMakerSecurityClient` of the `-common` package (generated
 * from the backend's OpenAPI spec), calling through the app's `fetchApi` so
 * requests carry the user's token.
 *
 * @public
 */
export class DefaultSageMakerSecurityApi implements SageMakerSecurityApi {
  private readonly client: SageMakerSecurityClient;
  /** The check catalogue only changes with a backend deployment. */
  private checks?: Promise<CheckMetadata[]>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new SageMakerSecurityClient(options);
  }

  /** {@inheritDoc SageMakerSecurityApi.getEntityScorecard} */
  getEntityScorecard(entityRef: string): Promise<EntityScorecard> {
    return this.client.getEntityScorecard(entityRef);
  }

  /** {@inheritDoc SageMakerSecurityApi.listEntityFindings} */
  listEntityFindings(query: EntityFindingsQuery): Promise<Page<CheckResult>> {
    return this.client.listEntityFindings(query);
  }

  /** {@inheritDoc SageMakerSecurityApi.getResourceFindings} */
  getResourceFindings(arn: string): Promise<ResourceDetailFindings> {
    return this.client.getResourceFindings(arn);
  }

  /** {@inheritDoc SageMakerSecurityApi.listChecks} */
  listChecks(): Promise<CheckMetadata[]> {
    if (!this.checks) {
      const pending = this.client.listChecks();
      this.checks = pending;
      pending.catch(() => {
        // Let the next caller try again.
        this.checks = undefined;
      });
    }
    return this.checks;
  }

  /** {@inheritDoc SageMakerSecurityApi.getOrgRollup} */
  getOrgRollup(query: OrgRollupQuery = {}): Promise<Page<EntityRollupRow>> {
    return this.client.listOrgRollup(query);
  }

  /** {@inheritDoc SageMakerSecurityApi.getEntityRollup} */
  getEntityRollup(entityRef: string): Promise<Rollup> {
    return this.client.getEntityRollup(entityRef);
  }

  /** {@inheritDoc SageMakerSecurityApi.listWaivers} */
  listWaivers(
    query: { entityRef?: string; status?: WaiverStatus } = {},
  ): Promise<Waiver[]> {
    return this.client.listWaivers(query);
  }

  /** {@inheritDoc SageMakerSecurityApi.getWaiver} */
  getWaiver(id: string): Promise<WaiverWithEvents> {
    return this.client.getWaiver(id);
  }

  /** {@inheritDoc SageMakerSecurityApi.createWaiver} */
  createWaiver(request: CreateWaiverRequest): Promise<Waiver> {
    return this.client.createWaiver(request);
  }

  /** {@inheritDoc SageMakerSecurityApi.revokeWaiver} */
  revokeWaiver(id: string, reason?: string): Promise<Waiver> {
    return this.client.revokeWaiver(id, reason ? { reason } : {});
  }

  /** {@inheritDoc SageMakerSecurityApi.listWaiverRequests} */
  listWaiverRequests(
    query: { entityRefs?: string[]; status?: WaiverRequestStatus } = {},
  ): Promise<WaiverRequestList> {
    return this.client.listWaiverRequests(query);
  }

  /** {@inheritDoc SageMakerSecurityApi.getWaiverRequest} */
  getWaiverRequest(id: string): Promise<WaiverRequestWithEvents> {
    return this.client.getWaiverRequest(id);
  }

  /** {@inheritDoc SageMakerSecurityApi.requestWaiver} */
  requestWaiver(body: NewWaiverRequest): Promise<WaiverRequest> {
    return this.client.requestWaiver(body);
  }

  /** {@inheritDoc SageMakerSecurityApi.approveWaiverRequest} */
  approveWaiverRequest(
    id: string,
    comment?: string,
  ): Promise<WaiverRequestApproval> {
    return this.client.approveWaiverRequest(id, comment || undefined);
  }

  /** {@inheritDoc SageMakerSecurityApi.denyWaiverRequest} */
  denyWaiverRequest(
    id: string,
    comment: string,
  ): Promise<WaiverRequestDecision> {
    return this.client.denyWaiverRequest(id, comment);
  }

  /** {@inheritDoc SageMakerSecurityApi.withdrawWaiverRequest} */
  withdrawWaiverRequest(id: string): Promise<WaiverRequestDecision> {
    return this.client.withdrawWaiverRequest(id);
  }

  /** {@inheritDoc SageMakerSecurityApi.getWaiverCapabilities} */
  getWaiverCapabilities(entityRef: string): Promise<WaiverCapabilities> {
    return this.client.getWaiverCapabilities(entityRef);
  }

  /** {@inheritDoc SageMakerSecurityApi.startScan} */
  startScan(): Promise<ScanRun> {
    return this.client.triggerScan({});
  }

  /** {@inheritDoc SageMakerSecurityApi.getScan} */
  getScan(id: string): Promise<ScanRun> {
    return this.client.getScan(id);
  }

  /** {@inheritDoc SageMakerSecurityApi.getLatestScan} */
  getLatestScan(): Promise<ScanRun | undefined> {
    return this.client.getLatestScan();
  }

  /** {@inheritDoc SageMakerSecurityApi.getScanHealth} */
  getScanHealth(): Promise<ScanHealth> {
    return this.client.getScanHealth();
  }

  /** {@inheritDoc SageMakerSecurityApi.exportFindingsCsv} */
  async exportFindingsCsv(
    options: { entityRef?: string; owner?: string } = {},
  ): Promise<Blob> {
    const text = await this.client.exportFindingsCsv(options);
    return new Blob([text], { type: 'text/csv;charset=utf-8' });
  }
}
