import {
  CheckOutcome,
  Evidence,
  findResourceTypeDescriptor,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { MODEL_TEMPLATE, NOTEBOOK_TEMPLATE } from '../../remediation/templates';
import {
  findSecretsInScript,
  findSecretsInVariables,
  SecretFinding,
} from '../../secrets/detectSecrets';
import { CheckContext } from '../../types';
import { judgeLifecycleScripts } from './lifecycleScripts';
import {
  defineCheck,
  describePath,
  DOCS,
  fail,
  fieldFailure,
  notApplicable,
  objectAt,
  pass,
  SEED,
  valuesAt,
} from '../support';

function noSecretsIn(what: string): string {
  return `: no secrets found in ${what}.`;
}

/** Fails with where and what kind of secret each finding is, never its value. */
export function secretsVerdict(
  resource: SageMakerResource,
  findings: SecretFinding[],
  what: string,
): CheckOutcome {
  // Evidence names where and what kind, never the value.
  const evidence: Evidence[] = findings.map(finding => ({
    path: describePath(resource, finding.location),
    observed: `<redacted ${finding.kind}>`,
    expected: 'a reference to Secrets Manager or SSM Parameter Store',
    relatedArn: resource.arn,
  }));
  return findings.length > 0
    ? fail(
        `${resource.name}: likely secrets in ${what}: ${findings
          .map(finding => `${finding.location} (${finding.kind})`)
          .join('; ')}.`,
        evidence,
      )
    : pass(`${resource.name}${noSecretsIn(what)}`);
}

function variablesAt(
  context: CheckContext,
  patterns: string[],
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const pattern of patterns) {
    for (const found of valuesAt(context.resource.description, pattern)) {
      const variables = objectAt({ value: found.value }, 'value');
      if (variables === undefined) continue;
      for (const finding of findSecretsInVariables(variables, found.path)) {
        findings.push(finding);
      }
    }
  }
  return findings;
}

const REMEDIATION =
  'Store the secret in AWS Secrets Manager (or SSM Parameter Store), pass its ARN or name instead, let the execution role read it, and rotate the exposed secret.';

export const modelEnvironmentNoSecrets = defineCheck(
  {
    id: 'model-environment-no-secrets',
    pillar: 'iam',
    title: 'Model container environment holds no secrets',
    severity: 'high',
    resourceTypes: ['model', 'inference-component'],
    rationale:
      'Container environment variables are returned in clear text by DescribeModel (and, for an inference component with a container of its own, DescribeInferenceComponent) to anyone with read access, and copied into every endpoint.',
    references: { seed: { pillar: SEED.iam, phases: ['deployment'] } },
    remediation: {
      text: REMEDIATION,
      docsUrl: DOCS.secretsManager,
      template: MODEL_TEMPLATE,
    },
  },
  context => {
    const ownFields = findResourceTypeDescriptor(
      context.resource.type,
    )?.environmentFields;
    if (ownFields) {
      // An inference component's own container (the descriptor's fields).
      return secretsVerdict(
        context.resource,
        variablesAt(context, ownFields),
        'container environment variables',
      );
    }
    const failure =
      fieldFailure(context.resource, 'PrimaryContainer') ??
      fieldFailure(context.resource, 'Containers');
    if (failure) return failure;
    return secretsVerdict(
      context.resource,
      variablesAt(context, [
        'PrimaryContainer.Environment',
        'Containers[].Environment',
      ]),
      'container environment variables',
    );
  },
);

export const jobEnvironmentNoSecrets = defineCheck(
  {
    id: 'job-environment-no-secrets',
    pillar: 'iam',
    title: 'Job environment variables and hyperparameters hold no secrets',
    severity: 'high',
    resourceTypes: [
      'training-job',
      'processing-job',
      'transform-job',
      'hyperparameter-tuning-job',
    ],
    rationale:
      'Environment variables and hyperparameters of jobs are kept forever in the job description (jobs cannot be deleted) and shown in clear text in the console.',
    references: {
      seed: { pillar: SEED.iam, phases: ['training', 'data-preparation'] },
    },
    remediation: { text: REMEDIATION, docsUrl: DOCS.secretsManager },
  },
  context =>
    secretsVerdict(
      context.resource,
      variablesAt(
        context,
        findResourceTypeDescriptor(context.resource.type)?.environmentFields ??
          [],
      ),
      'environment variables and hyperparameters',
    ),
);

export const appImageConfigEnvironmentNoSecrets = defineCheck(
  {
    id: 'app-image-config-environment-no-secrets',
    pillar: 'iam',
    title: 'Custom image container environment holds no secrets',
    severity: 'high',
    resourceTypes: ['app-image-config'],
    rationale:
      "An app image configuration's ContainerConfig.ContainerEnvironmentVariables (JupyterLab and Code Editor apps) are returned in clear text by DescribeAppImageConfig and ListAppImageConfigs to anyone with read access, and set in every app started from the custom image, whatever the user's own role.",
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: `${REMEDIATION} Update the configuration with UpdateAppImageConfig.`,
      docsUrl: DOCS.secretsManager,
    },
  },
  context => {
    const fields =
      findResourceTypeDescriptor(context.resource.type)?.environmentFields ??
      [];
    // Only JupyterLab and Code Editor settings take a container
    // configuration (each field's first segment); a KernelGateway one has none.
    const apps = fields.filter(field =>
      objectAt(context.resource.description, field.split('.')[0]),
    );
    if (apps.length === 0) {
      return notApplicable(
        `${context.resource.name} configures no JupyterLab or Code Editor app (a KernelGateway configuration takes no container environment).`,
      );
    }
    return secretsVerdict(
      context.resource,
      variablesAt(context, apps),
      'container environment variables',
    );
  },
);

export const lifecycleConfigNoSecrets = defineCheck(
  {
    id: 'notebook-lifecycle-no-secrets',
    pillar: 'iam',
    title: 'Notebook lifecycle scripts hold no secrets',
    severity: 'high',
    resourceTypes: ['notebook-instance', 'notebook-instance-lifecycle-config'],
    rationale:
      'Lifecycle scripts run as root at every start and are readable by anyone who can describe the configuration; hard-coded keys and tokens in them leak.',
    references: {
      prowler: ['sagemaker_notebook_instance_no_secrets'],
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: REMEDIATION,
      docsUrl: DOCS.notebookLifecycle,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  context =>
    judgeLifecycleScripts(context, findSecretsInScript, (config, findings) =>
      secretsVerdict(
        config,
        findings,
        `lifecycle configuration ${config.name}`,
      ),
    ),
);
