import {
  CheckOutcome,
  Evidence,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { SecretFinding } from '../../secrets/detectSecrets';
import { NOTEBOOK_TEMPLATE } from '../../remediation/templates';
import { findRemoteCodeInScript } from '../../secrets/remoteCode';
import { defineCheck, describePath, DOCS, fail, pass, SEED } from '../support';
import { judgeLifecycleScripts } from './lifecycleScripts';

/** Fails with where and what kind of download each finding is, never the line. */
export function remoteCodeVerdict(
  config: SageMakerResource,
  findings: SecretFinding[],
): CheckOutcome {
  // Where and what kind only: the line itself may hold a token.
  const evidence: Evidence[] = findings.map(finding => ({
    path: describePath(config, finding.location),
    observed: `<${finding.kind}>`,
    expected: 'scripts and packages from a pinned, verified source',
    relatedArn: config.arn,
  }));
  return findings.length > 0
    ? fail(
        `${config.name}: lifecycle script runs downloaded code: ${findings
          .map(finding => `${finding.location} (${finding.kind})`)
          .join('; ')}.`,
        evidence,
      )
    : pass(`${config.name}: no downloaded code run by the lifecycle scripts.`);
}

export const lifecycleConfigNoRemoteCode = defineCheck(
  {
    id: 'notebook-lifecycle-no-remote-code',
    pillar: 'iam',
    title: 'Notebook lifecycle scripts run no code downloaded at start',
    severity: 'high',
    resourceTypes: ['notebook-instance', 'notebook-instance-lifecycle-config'],
    rationale:
      'Lifecycle scripts run as root at every start with the execution role; a script that pipes a download into a shell (curl … | bash) or installs packages over plain HTTP runs whatever that server, or anyone on the way, sends.',
    references: { seed: { pillar: SEED.iam, phases: ['experimentation'] } },
    remediation: {
      text: 'Keep the scripts you run in a versioned S3 bucket or a private package index over HTTPS, pin versions and checksums, and install from there instead of piping a download into a shell.',
      docsUrl: DOCS.notebookLifecycle,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  context =>
    judgeLifecycleScripts(context, findRemoteCodeInScript, remoteCodeVerdict),
);
