import { CheckStatus, MlPhase, Pillar, Severity } from './pillars';
import { ResourceType } from './resourceTypes';

/**
 * Where a verdict came from: the observed value and the field it was read from.
 *
 * @public
 */
export interface Evidence {
  /** The value observed (absent when the field was absent). */
  observed?: unknown;
  /** What was expected, in words or as a value. */
  expected?: unknown;
  /** Where it was read, e.g. `DescribeNotebookInstance.DirectInternetAccess`. */
  path: string;
  /** ARN or ID of the related resource the value belongs to (role, key, bucket, SG...). */
  relatedArn?: string;
}

/**
 * What a check function returns for one resource.
 *
 * @public
 */
export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  evidence?: Evidence[];
  /** For `unknown`: the IAM actions (or fields) that could not be read. */
  missing?: string[];
}

/**
 * The matching controls of other tools (Security Hub, AWS Config rules, Prowler,
 * Checkov, Powerpipe, the AWS sample assessment, CloudSploit) and the seed
 * guidance a check implements. The API adds the ids of the parity table
 * (docs/parity.md) to those the check declares.
 *
 * @public
 */
export interface CheckReferences {
  securityHub?: string[];
  /** Controls of the Security Hub standard "AI Security Best Practices v1.0.0". */
  securityHubAiStandard?: string[];
  configRules?: string[];
  prowler?: string[];
  checkov?: string[];
  powerpipe?: string[];
  /** Checks of the AWS sample `sample-aiml-security-assessment` (SM-01…SM-25). */
  awsSample?: string[];
  cloudsploit?: string[];
  /** The seed guidance: pillar and ML lifecycle phase. */
  seed: { pillar: string; phases: MlPhase[] };
}

/**
 * The scaffolder template that fixes a failing check, and how to prefill it.
 * `prefill` maps a template parameter name to a path into the failing resource
 * (`name`, `accountId`, `region`, `arn`, `tags.<key>` or `description.<Field>.<Sub>`).
 *
 * @public
 */
export interface RemediationTemplate {
  /** Template entity name, e.g. `secure-sagemaker-endpoint`. */
  name: string;
  prefill: Record<string, string>;
}

/**
 * How to fix a failing check: the steps, a documentation link and optionally a template.
 *
 * @public
 */
export interface Remediation {
  text: string;
  docsUrl: string;
  template?: RemediationTemplate;
}

/**
 * A check as data, without its function: what the API, the UI and the docs show.
 *
 * @public
 */
export interface CheckMetadata {
  /** Stable identifier, kebab-case, e.g. `notebook-direct-internet-access`. */
  id: string;
  pillar: Pillar;
  title: string;
  severity: Severity;
  resourceTypes: ResourceType[];
  rationale: string;
  references: CheckReferences;
  remediation: Remediation;
  /**
   * True when the check needs live data that infrastructure code cannot provide
   * (alarms, trails, key rotation of existing keys...). Pre-deploy validation
   * reports such checks as `not_applicable`.
   */
  requiresLiveData?: boolean;
}
