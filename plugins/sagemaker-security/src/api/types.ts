import type {
  ResourceDetail as CommonResourceDetail,
  ResourceFindings,
  ScanRunInfo,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * A scan as answered by `POST /scans` and `GET /scans/{id}`.
 *
 * @public
 */
export type ScanRun = ScanRunInfo;

/**
 * The resource of `GET /resources/findings`: its summary and the Describe*
 * fields its checks' remediation templates prefill (`description.*`).
 *
 * @public
 */
export type ResourceDetail = CommonResourceDetail;

/**
 * One resource and its check results (`GET /resources/findings`).
 *
 * @public
 */
export type ResourceDetailFindings = ResourceFindings;

export type ExportFormat = 'csv' | 'json';
