import type {
  CheckResult,
  ResourceSummary,
  ScanRunInfo,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * A scan as answered by `POST /scans` and `GET /scans/{id}`.
 *
 * @public
 */
export type ScanRun = ScanRunInfo;

/**
 * The resource of `GET /resources/findings`. `description` (the Describe*
 * data) is read when the backend includes it, to prefill `description.*`
 * template parameters.
 *
 * @public
 */
export type ResourceDetail = ResourceSummary & {
  description?: Record<string, unknown>;
};

/**
 * One resource and its check results (`GET /resources/findings`).
 *
 * @public
 */
export interface ResourceDetailFindings {
  /** The resource, with its Describe* data when the backend includes it. */
  resource: ResourceDetail;
  /** The check results of the resource. */
  results: CheckResult[];
}

export type ExportFormat = 'csv' | 'json';
