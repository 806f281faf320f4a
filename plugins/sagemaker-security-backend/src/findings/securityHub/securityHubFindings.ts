/**
 * AWS Security Hub findings on SageMaker resources of one account and
 * region, read with `GetFindings` through the SDK's paginator, mapped to
 * the external-findings shape.
 */
import {
  AwsSecurityFinding,
  AwsSecurityFindingFilters,
  paginateGetFindings,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type {
  ExternalFindingSeverity,
  ExternalFindingStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ExternalFindingRecord } from '../ExternalFindingStore';

/**
 * Security Hub names SageMaker resource types `AwsSageMaker<Type>`
 * (e.g. `AwsSageMakerNotebookInstance`), from the resource types of the
 * AWS Config rules behind its SageMaker controls.
 */
export const SAGEMAKER_RESOURCE_TYPE_PREFIX = 'AwsSageMaker';

/** Findings per page: GetFindings' maximum. */
const PAGE_SIZE = 100;

/** The filters sent: active findings on SageMaker resources of one account and region. */
export function securityHubFilters(location: {
  accountId: string;
  region: string;
}): AwsSecurityFindingFilters {
  return {
    ResourceType: [
      { Value: SAGEMAKER_RESOURCE_TYPE_PREFIX, Comparison: 'PREFIX' },
    ],
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    // An aggregation region also answers for linked regions and member
    // accounts: each location's set is its own (see replaceLocation).
    AwsAccountId: [{ Value: location.accountId, Comparison: 'EQUALS' }],
    Region: [{ Value: location.region, Comparison: 'EQUALS' }],
  };
}

const SEVERITIES: Record<string, ExternalFindingSeverity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  INFORMATIONAL: 'informational',
};

/** ASFF `Severity.Normalized` (0–100) ranges, when no label is given. */
function fromNormalized(value: number | undefined): ExternalFindingSeverity {
  if (value === undefined) return 'informational';
  if (value >= 90) return 'critical';
  if (value >= 70) return 'high';
  if (value >= 40) return 'medium';
  if (value >= 1) return 'low';
  return 'informational';
}

function statusOf(finding: AwsSecurityFinding): ExternalFindingStatus {
  switch (finding.Compliance?.Status) {
    case 'FAILED':
      return 'failed';
    case 'PASSED':
      return 'passed';
    default:
      return 'other';
  }
}

/** `SageMaker.1` of a control finding, whichever ASFF field carries it. */
function controlIdOf(finding: AwsSecurityFinding): string {
  return (
    finding.Compliance?.SecurityControlId ??
    finding.ProductFields?.ControlId ??
    finding.GeneratorId ??
    'unknown'
  );
}

/**
 * The finding as stored, or undefined when it is not an active finding on a
 * SageMaker resource of this location (checked here as well as in the
 * request's filters: an emulator may ignore filters).
 */
export function toRecord(
  finding: AwsSecurityFinding,
  location: { accountId: string; region: string },
): ExternalFindingRecord | undefined {
  const resource = finding.Resources?.find(r =>
    r.Type?.startsWith(SAGEMAKER_RESOURCE_TYPE_PREFIX),
  );
  if (
    !finding.Id ||
    !resource?.Id ||
    (finding.RecordState !== undefined && finding.RecordState !== 'ACTIVE') ||
    finding.AwsAccountId !== location.accountId ||
    (finding.Region ?? resource.Region ?? location.region) !== location.region
  ) {
    return undefined;
  }
  const severity =
    SEVERITIES[finding.Severity?.Label ?? ''] ??
    fromNormalized(finding.Severity?.Normalized);
  const url = finding.Remediation?.Recommendation?.Url;
  const first = finding.FirstObservedAt ?? finding.CreatedAt;
  const last = finding.LastObservedAt ?? finding.UpdatedAt;
  return {
    source: 'security-hub',
    sourceId: finding.Id,
    resourceArn: resource.Id,
    accountId: location.accountId,
    region: location.region,
    controlId: controlIdOf(finding),
    title: finding.Title ?? controlIdOf(finding),
    severity,
    status: statusOf(finding),
    ...(url ? { remediationUrl: url } : {}),
    ...(first && !Number.isNaN(Date.parse(first))
      ? { firstObservedAt: new Date(first).toISOString() }
      : {}),
    ...(last && !Number.isNaN(Date.parse(last))
      ? { lastObservedAt: new Date(last).toISOString() }
      : {}),
  };
}

/**
 * Every active Security Hub finding on SageMaker resources of the location,
 * all pages; throws the SDK's error when any page fails (after the client's
 * retries), so a partial set is never taken for the whole.
 */
export async function readSecurityHubFindings(
  client: SecurityHubClient,
  location: { accountId: string; region: string },
): Promise<{ records: ExternalFindingRecord[]; skipped: number }> {
  const records: ExternalFindingRecord[] = [];
  let skipped = 0;
  const pages = paginateGetFindings(
    { client, pageSize: PAGE_SIZE },
    { Filters: securityHubFilters(location) },
  );
  for await (const page of pages) {
    for (const finding of page.Findings ?? []) {
      const record = toRecord(finding, location);
      if (record) records.push(record);
      else skipped += 1;
    }
  }
  return { records, skipped };
}
