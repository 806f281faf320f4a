/**
 * Findings of other tools (AWS Security Hub, Prowler) on the resources of an
 * entity, as `GET /external-findings` and `POST /findings/prowler` answer.
 * Declared in the backend's `src/schema/openapi.yaml`; keep the two in step.
 */
/**
 * The other tools whose findings the plugin shows beside its own checks.
 *
 * @public
 */
export type ExternalFindingSource = 'security-hub' | 'prowler';

/**
 * A source's severity, normalized.
 *
 * @public
 */
export type ExternalFindingSeverity =
  | 'critical'
  | 'high'
  | 'medium'
  | 'low'
  | 'informational';

/**
 * A source's verdict, as the source says it (`other`: neither, e.g. Security
 * Hub's WARNING or NOT_AVAILABLE, Prowler's MANUAL).
 *
 * @public
 */
export type ExternalFindingStatus = 'failed' | 'passed' | 'other';

/**
 * A finding another tool reported on a resource of the entity. Shown beside
 * the plugin's own results; never changes a verdict or a score.
 *
 * @public
 */
export interface ExternalFinding {
  source: ExternalFindingSource;
  /** The source's own id of the finding. */
  sourceId: string;
  resourceArn: string;
  accountId: string;
  region: string;
  /** The source's control or check id, e.g. `SageMaker.1` or `sagemaker_notebook_instance_encryption_enabled`. */
  controlId: string;
  title: string;
  severity: ExternalFindingSeverity;
  status: ExternalFindingStatus;
  remediationUrl?: string;
  firstObservedAt?: string;
  lastObservedAt?: string;
  importedAt: string;
  /**
   * The plugin's check that says the same thing on the same resource (its
   * peer references name this control); the finding is then shown on that
   * check's result rather than on its own.
   */
  duplicateOf?: string;
}

/**
 * The answer to an upload of Prowler's OCSF output.
 *
 * @public
 */
export interface ProwlerImportResult {
  /** Findings stored for the first time. */
  imported: number;
  /** Findings stored before (same finding uid), updated. */
  updated: number;
  /** Findings on resources that are not SageMaker resources: not stored. */
  ignored: number;
  /** Findings that appeared more than once in the file (the last one counts). */
  duplicates: number;
}
