import type {
  CheckResult,
  ResourceSummary,
  ScanRunInfo,
} from '@mlsec/plugin-sagemaker-security-common';

/** A scan as answered by `POST /scans` and `GET /scans/{id}`. */
export type ScanRun = ScanRunInfo;

/**
 * The resource of `GET /resources/findings`. `description` (the Describe*
 * data) is read when the backend includes it, to prefill `description.*`
 * template parameters.
 */
export type ResourceDetail = ResourceSummary & {
  description?: Record<string, unknown>;
};

export interface ResourceDetailFindings {
  resource: ResourceDetail;
  results: CheckResult[];
}

export type ExportFormat = 'csv' | 'json';
