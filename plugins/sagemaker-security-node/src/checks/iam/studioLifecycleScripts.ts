import {
  CheckOutcome,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  decodeBase64Script,
  findSecretsInScript,
  SecretFinding,
} from '../../secrets/detectSecrets';
import { findRemoteCodeInScript } from '../../secrets/remoteCode';
import { CheckContext } from '../../types';
import {
  defineCheck,
  describeFailure,
  describePath,
  fieldFailure,
  getPath,
  nonEmptyString,
  SEED,
  unknown,
} from '../support';
import { remoteCodeVerdict } from './lifecycleRemoteCode';
import { ScriptScanner } from './lifecycleScripts';
import { secretsVerdict } from './secretsInConfiguration';

const CONTENT = 'StudioLifecycleConfigContent';
const DOCS_STUDIO_LCC =
  'https://docs.aws.amazon.com/sagemaker/latest/dg/studio-lcc.html';

/**
 * Judges the one script of a Studio lifecycle configuration with the scanners
 * of the notebook lifecycle checks: `StudioLifecycleConfigContent`, decoded
 * from base64, findings at `StudioLifecycleConfigContent line <n>`. Unknown
 * when the configuration or its content was not read.
 */
function judgeStudioScript(
  context: CheckContext,
  scan: ScriptScanner,
  judge: (config: SageMakerResource, findings: SecretFinding[]) => CheckOutcome,
): CheckOutcome {
  const { resource } = context;
  const failure = describeFailure(resource) ?? fieldFailure(resource, CONTENT);
  if (failure) return failure;
  const content = nonEmptyString(getPath(resource.description, CONTENT));
  if (!content) {
    // AWS requires a script of at least one character: a configuration
    // without readable content was not read (or its template computes it).
    return unknown(
      `${resource.name}: the lifecycle script (${describePath(
        resource,
        CONTENT,
      )}) was not read.`,
      ['sagemaker:DescribeStudioLifecycleConfig'],
    );
  }
  const decoded = decodeBase64Script(content) ?? content;
  return judge(resource, scan(decoded, CONTENT));
}

export const studioLifecycleConfigNoSecrets = defineCheck(
  {
    id: 'studio-lifecycle-config-no-secrets',
    pillar: 'iam',
    title: 'Studio lifecycle scripts hold no secrets',
    severity: 'high',
    resourceTypes: ['studio-lifecycle-config'],
    rationale:
      'A Studio lifecycle configuration runs its script in every JupyterLab, Code Editor or Studio Classic app that attaches it, and DescribeStudioLifecycleConfig returns the script to anyone allowed to describe it. Configurations cannot be updated, so a key or token written into one stays readable until the configuration is deleted.',
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Read the secret at run time from AWS Secrets Manager or SSM Parameter Store with the space execution role, create a new configuration without it, attach that one, delete the old one (they are immutable), and rotate the exposed secret.',
      docsUrl: DOCS_STUDIO_LCC,
    },
  },
  context =>
    judgeStudioScript(context, findSecretsInScript, (config, findings) =>
      secretsVerdict(
        config,
        findings,
        `Studio lifecycle configuration ${config.name}`,
      ),
    ),
);

export const studioLifecycleConfigNoRemoteCode = defineCheck(
  {
    id: 'studio-lifecycle-config-no-remote-code',
    pillar: 'iam',
    title: 'Studio lifecycle scripts run no code downloaded at start',
    severity: 'high',
    resourceTypes: ['studio-lifecycle-config'],
    rationale:
      "Studio lifecycle scripts run at every app start with the space's execution role; a script that pipes a download into a shell (curl … | bash) or installs packages over plain HTTP runs whatever that server, or anyone on the way, sends, in every space that attaches it.",
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Keep the scripts you run in a versioned S3 bucket or a private package index over HTTPS, pin versions and checksums, and install from there; create a new configuration (they are immutable) and attach it instead.',
      docsUrl: DOCS_STUDIO_LCC,
    },
  },
  context =>
    judgeStudioScript(context, findRemoteCodeInScript, remoteCodeVerdict),
);
