import {
  CheckOutcome,
  CheckStatus,
  Evidence,
  SageMakerResource,
  Severity,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  createCheckEvaluator,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import { IacInventory } from '../cloudformation/mapResources';
import { containsUnresolvedMarker } from '../cloudformation/unresolvedMarkers';
import { createFactLookup, createResourceLookup } from './lookups';

/**
 * One verdict of one check on one resource declared in infrastructure code.
 *
 * @public
 */
export interface IacFinding {
  /** ID of the check. */
  checkId: string;
  /** Title of the check. */
  title: string;
  /** Pillar of the check. */
  pillar: string;
  /** Severity of the check. */
  severity: Severity;
  /** The check's verdict on the resource. */
  status: CheckStatus;
  /** Why the check gave that verdict. */
  message: string;
  /** SageMaker resource type, e.g. `endpoint-config`. */
  resourceType: string;
  /** Name of the resource. */
  resourceName: string;
  /** ARN of the resource, synthetic: it is not deployed yet. */
  resourceArn: string;
  /** Template file the resource is declared in. */
  file?: string;
  /** Logical ID of the resource in its template. */
  logicalId?: string;
  /** The values the verdict rests on. */
  evidence: Evidence[];
  /** For `unknown`: the fields that could not be read. */
  missing?: string[];
  /** How to fix a failing check; `template` names the scaffolder template that does. */
  remediation: { text: string; docsUrl: string; template?: string };
}

function fieldsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * A pass that rests on a value known only at deploy is not a pass: the
 * checks never see the real value. Its evidence carries the unresolved
 * marker, or points at a field recorded as unresolved.
 */
function guardUnresolved(
  outcome: CheckOutcome,
  resource: SageMakerResource,
): CheckOutcome {
  if (outcome.status !== 'pass') return outcome;
  const evidence = outcome.evidence ?? [];
  const unresolvedFields = resource.errors
    .filter(error => error.code === 'UnresolvedBeforeDeploy' && error.field)
    .map(error => error.field!);
  const rests = evidence.find(
    item =>
      containsUnresolvedMarker(item.observed) ||
      unresolvedFields.some(field =>
        fieldsOverlap(item.path.replace(/^Describe[A-Za-z0-9]+\./, ''), field),
      ),
  );
  if (!rests) return outcome;
  return {
    status: 'unknown',
    message: `${rests.path} depends on a value known only at deploy, so the check cannot pass before deploy.`,
    evidence,
    missing: [rests.path],
  };
}

/** Runs the checks over the inventory mapped from infrastructure code. */
export function evaluateInventory(
  inventory: IacInventory,
  checks: SecurityCheck[],
  exclude: string[] = [],
): IacFinding[] {
  const facts = createFactLookup(inventory.facts);
  const resources = createResourceLookup(inventory.resources);
  const findings: IacFinding[] = [];
  const byId = new Map(checks.map(check => [check.id, check]));
  const evaluator = createCheckEvaluator(
    checks.filter(check => !exclude.includes(check.id)),
  );
  for (const resource of inventory.resources) {
    const source = inventory.sources[resource.arn];
    // The engine skips checks that need live data in `iac` mode, and turns a
    // check that throws into `unknown`.
    const evaluations = evaluator.evaluate({
      resource,
      facts,
      resources,
      mode: 'iac',
    });
    for (const { checkId, outcome: raw } of evaluations) {
      const check = byId.get(checkId)!;
      const outcome = guardUnresolved(raw, resource);
      findings.push({
        checkId,
        title: check.title,
        pillar: check.pillar,
        severity: check.severity,
        status: outcome.status,
        message: outcome.message,
        resourceType: resource.type,
        resourceName: resource.name,
        resourceArn: resource.arn,
        file: source?.file,
        logicalId: source?.logicalId,
        evidence: outcome.evidence ?? [],
        ...(outcome.missing && { missing: outcome.missing }),
        remediation: {
          text: check.remediation.text,
          docsUrl: check.remediation.docsUrl,
          ...(check.remediation.template && {
            template: check.remediation.template.name,
          }),
        },
      });
    }
  }
  return findings;
}
