import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  CreateWaiverRequest,
  EntityFindingsQuery,
  OrgRollupQuery,
  NewWaiverRequest,
  Waiver,
  WaiverCapabilities,
  WaiverRequest,
  WaiverRequestApproval,
  WaiverRequestDecision,
  WaiverRequestList,
  WaiverRequestWithEvents,
  WaiverWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  EntitySageMakerSecurityCard,
  EntitySageMakerSecurityContent,
  EntityTeamSageMakerSecurityCard,
  sageMakerSecurityApiRef,
  SageMakerSecurityPage,
  sagemakerSecurityPlugin,
} from '../src';
import type { SageMakerSecurityApi, ScanRun } from '../src';
import {
  checks,
  endpointResource,
  healthyScan,
  mlServiceEntity,
  rollupRow,
  scorecard,
  teamEntity,
  teamRollup,
  waiver,
} from '../src/__testUtils__/fixtures';

/** In-memory backend for trying the UI without one. */
class DemoSageMakerSecurityApi implements SageMakerSecurityApi {
  private scanPolls = 0;
  private requests: WaiverRequest[] = [];

  async getEntityScorecard() {
    return scorecard;
  }
  async listEntityFindings(query: EntityFindingsQuery) {
    const items = scorecard.results.filter(
      r => !query.status || query.status.includes(r.status),
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      items: items.slice(offset, offset + limit),
      totalCount: items.length,
      offset,
      limit,
    };
  }
  async getResourceFindings() {
    return { resource: endpointResource, results: scorecard.results };
  }
  async listChecks() {
    return checks;
  }
  async getOrgRollup(query: OrgRollupQuery = {}) {
    const items = teamRollup.entities
      .concat(
        rollupRow({
          entityRef: 'component:default/recsys',
          title: 'Recommendations',
        }),
      )
      .filter(row => !query.owner || row.owner === query.owner);
    return { items, totalCount: items.length, offset: 0, limit: items.length };
  }
  async getEntityRollup() {
    return teamRollup;
  }
  async listWaivers() {
    return [waiver];
  }
  async getWaiver(id: string): Promise<WaiverWithEvents> {
    return {
      ...waiver,
      id,
      events: [
        {
          event: 'created',
          actor: waiver.createdBy,
          at: waiver.createdAt,
          detail: waiver.reason,
        },
      ],
    };
  }
  async createWaiver(request: CreateWaiverRequest): Promise<Waiver> {
    return { ...waiver, ...request, id: `w-${Date.now()}` };
  }
  async revokeWaiver(): Promise<Waiver> {
    return { ...waiver, status: 'revoked' };
  }
  async listWaiverRequests(): Promise<WaiverRequestList> {
    return { items: this.requests };
  }
  async getWaiverRequest(id: string): Promise<WaiverRequestWithEvents> {
    const request = this.requests.find(r => r.id === id);
    if (!request) throw new Error(`No waiver request ${id}`);
    return {
      ...request,
      events: [
        {
          event: 'requested',
          actor: request.requestedBy,
          at: request.requestedAt,
          detail: request.reason,
        },
      ],
    };
  }
  async requestWaiver(body: NewWaiverRequest): Promise<WaiverRequest> {
    const request: WaiverRequest = {
      ...body,
      id: `wr-${Date.now()}`,
      requestedBy: 'user:default/guest',
      requestedAt: new Date().toISOString(),
      status: 'pending',
    };
    this.requests = [request, ...this.requests];
    return request;
  }
  private decide(
    id: string,
    status: WaiverRequest['status'],
    comment?: string,
  ): WaiverRequest {
    const request = this.requests.find(r => r.id === id);
    if (!request) throw new Error(`No waiver request ${id}`);
    const decided: WaiverRequest = {
      ...request,
      status,
      decidedBy: 'user:default/guest',
      decidedAt: new Date().toISOString(),
      ...(comment ? { comment } : {}),
    };
    this.requests = this.requests.map(r => (r.id === id ? decided : r));
    return decided;
  }
  async approveWaiverRequest(
    id: string,
    comment?: string,
  ): Promise<WaiverRequestApproval> {
    const request = this.decide(id, 'approved', comment);
    return {
      request,
      waiver: {
        ...waiver,
        id: `w-${id}`,
        checkId: request.checkId,
        resourceArn: request.resourceArn,
        entityRef: request.entityRef,
        reason: request.reason,
        expiresAt: request.expiresAt,
        createdBy: request.requestedBy,
      },
    };
  }
  async denyWaiverRequest(
    id: string,
    comment: string,
  ): Promise<WaiverRequestDecision> {
    return { request: this.decide(id, 'denied', comment) };
  }
  async withdrawWaiverRequest(id: string): Promise<WaiverRequestDecision> {
    return { request: this.decide(id, 'withdrawn') };
  }
  async getWaiverCapabilities(): Promise<WaiverCapabilities> {
    return {
      create: true,
      request: true,
      approve: true,
      requireApproval: false,
    };
  }
  async startScan(): Promise<ScanRun> {
    this.scanPolls = 0;
    return this.scan('running');
  }
  async getScan(): Promise<ScanRun> {
    this.scanPolls += 1;
    return this.scan(this.scanPolls > 3 ? 'succeeded' : 'running');
  }
  async getLatestScan(): Promise<ScanRun> {
    return this.scan(this.scanPolls > 3 ? 'succeeded' : 'running');
  }
  async getScanHealth() {
    return healthyScan;
  }
  async exportFindingsCsv() {
    return new Blob(['entityRef,checkId,status\n'], { type: 'text/csv' });
  }

  private scan(status: ScanRun['status']): ScanRun {
    return {
      id: 'demo-scan',
      trigger: 'manual',
      status,
      startedAt: new Date().toISOString(),
      targets: [1, 2, 3, 4].map(index => ({
        accountId: '111111111111',
        region: `eu-west-${index}`,
        status: index <= this.scanPolls ? 'succeeded' : 'running',
        resourceCount: 3,
        errorCount: 0,
        errors: [],
      })),
    };
  }
}

createDevApp()
  .registerPlugin(sagemakerSecurityPlugin)
  .registerApi({
    api: sageMakerSecurityApiRef,
    deps: {},
    factory: () => new DemoSageMakerSecurityApi(),
  })
  .addPage({
    title: 'Security tab',
    path: '/security-tab',
    element: (
      <EntityProvider entity={mlServiceEntity}>
        <EntitySageMakerSecurityContent />
      </EntityProvider>
    ),
  })
  .addPage({
    title: 'Cards',
    path: '/cards',
    element: (
      <>
        <EntityProvider entity={mlServiceEntity}>
          <EntitySageMakerSecurityCard />
        </EntityProvider>
        <EntityProvider entity={teamEntity}>
          <EntityTeamSageMakerSecurityCard />
        </EntityProvider>
      </>
    ),
  })
  .addPage({
    title: 'Org page',
    path: '/sagemaker-security',
    element: <SageMakerSecurityPage />,
  })
  .render();
