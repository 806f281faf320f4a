import type { SageMakerSecurityApi } from '../api';
import { checks, healthyScan } from './fixtures';

/** A mocked API: every method is a jest mock that rejects unless set. */
export function mockSecurityApi(
  overrides: Partial<SageMakerSecurityApi> = {},
): jest.Mocked<SageMakerSecurityApi> {
  const unexpected = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`unexpected call to ${name}`)));
  return {
    getEntityScorecard: unexpected('getEntityScorecard'),
    listEntityFindings: unexpected('listEntityFindings'),
    getResourceFindings: unexpected('getResourceFindings'),
    listChecks: jest.fn(async () => checks),
    getOrgRollup: unexpected('getOrgRollup'),
    getEntityRollup: unexpected('getEntityRollup'),
    listWaivers: unexpected('listWaivers'),
    getWaiver: unexpected('getWaiver'),
    createWaiver: unexpected('createWaiver'),
    revokeWaiver: unexpected('revokeWaiver'),
    // No pending requests, and the direct path (approval not required)
    // unless a test says otherwise.
    listWaiverRequests: jest.fn(async () => ({ items: [] })),
    getWaiverRequest: unexpected('getWaiverRequest'),
    requestWaiver: unexpected('requestWaiver'),
    approveWaiverRequest: unexpected('approveWaiverRequest'),
    denyWaiverRequest: unexpected('denyWaiverRequest'),
    withdrawWaiverRequest: unexpected('withdrawWaiverRequest'),
    getWaiverCapabilities: jest.fn(async () => ({
      create: true,
      request: true,
      approve: false,
      requireApproval: false,
    })),
    startScan: unexpected('startScan'),
    getScan: unexpected('getScan'),
    getLatestScan: unexpected('getLatestScan'),
    // A healthy estate unless a test says otherwise.
    getScanHealth: jest.fn(async () => healthyScan),
    exportFindingsCsv: unexpected('exportFindingsCsv'),
    // No findings of other tools unless a test says otherwise.
    listExternalFindings: jest.fn(async () => []),
    ...overrides,
  } as jest.Mocked<SageMakerSecurityApi>;
}
