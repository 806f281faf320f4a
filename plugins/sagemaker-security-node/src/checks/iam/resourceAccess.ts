import {
  DOMAIN_TEMPLATE,
  ENDPOINT_CONFIG_TEMPLATE,
  NOTEBOOK_TEMPLATE,
} from '../../remediation/templates';
import {
  arrayAt,
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  fieldValue,
  getPath,
  nonEmptyString,
  notApplicable,
  pass,
  SEED,
  warn,
} from '../support';
import type { CheckContext } from '../../types';
import type { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';

export const notebookRootAccessDisabled = defineCheck(
  {
    id: 'notebook-root-access-disabled',
    pillar: 'iam',
    title: 'Users have no root access on the notebook instance',
    severity: 'high',
    resourceTypes: ['notebook-instance'],
    rationale:
      "Root lets notebook users change the instance (install software, alter lifecycle scripts, read other users' files). AWS defaults RootAccess to Enabled when it is not set.",
    references: {
      securityHub: ['SageMaker.3'],
      configRules: ['sagemaker-notebook-instance-root-access-check'],
      prowler: ['sagemaker_notebook_instance_root_access_disabled'],
      checkov: ['CKV_AWS_307'],
      powerpipe: ['sagemaker_notebook_instance_root_access_disabled'],
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set RootAccess = Disabled (UpdateNotebookInstance while stopped); lifecycle scripts still run as root.',
      docsUrl: DOCS.notebookRoot,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  fieldValue({
    path: 'RootAccess',
    expected: 'Disabled',
    absentMeans: 'Enabled',
    label: 'root access',
  }),
);

export const domainSsoAuthentication = defineCheck(
  {
    id: 'domain-sso-authentication',
    pillar: 'iam',
    title: 'Studio domain authenticates users through IAM Identity Center',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      'With IAM Identity Center (SSO) users sign in with the corporate identity and MFA policies; IAM mode relies on whoever can call CreatePresignedDomainUrl.',
    references: {
      prowler: ['sagemaker_domain_sso_configured'],
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Create the domain with AuthMode = SSO linked to IAM Identity Center (the mode cannot be changed on an existing domain).',
      docsUrl: DOCS.studioSso,
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'AuthMode');
    if (failure) return failure;
    const mode = getPath(resource.description, 'AuthMode');
    const linked =
      nonEmptyString(
        getPath(
          resource.description,
          'SingleSignOnManagedApplicationInstanceId',
        ),
      ) ??
      nonEmptyString(
        getPath(resource.description, 'SingleSignOnApplicationArn'),
      );
    const evidence = [fieldEvidence(resource, 'AuthMode', mode, 'SSO')];
    if (mode === 'SSO') {
      return linked
        ? pass(`${resource.name} uses IAM Identity Center.`, evidence)
        : fail(
            `${resource.name} is in SSO mode but not linked to an IAM Identity Center application.`,
            evidence,
          );
    }
    // IAM mode is legitimate with a federated IdP; it is weaker, not broken.
    return mode === 'IAM'
      ? warn(
          `${resource.name} authenticates in IAM mode, not through IAM Identity Center.`,
          evidence,
        )
      : fail(
          `${resource.name} has no known AuthMode (${String(mode)}).`,
          evidence,
        );
  },
);

export const domainDockerAccessDisabled = defineCheck(
  {
    id: 'domain-docker-access-disabled',
    pillar: 'iam',
    title: 'Studio spaces cannot run Docker',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      'Docker access in Studio lets users build and run arbitrary images with the space role, outside the approved image set.',
    references: { seed: { pillar: SEED.iam, phases: ['experimentation'] } },
    remediation: {
      text: 'Set DomainSettings.DockerSettings.EnableDockerAccess = DISABLED (UpdateDomain).',
      docsUrl: DOCS.domainSettings,
      template: DOMAIN_TEMPLATE,
    },
  },
  fieldValue({
    path: 'DomainSettings.DockerSettings.EnableDockerAccess',
    expected: 'DISABLED',
    absentMeans: 'DISABLED',
    label: 'Docker access',
  }),
);

export const endpointConfigSsmAccessDisabled = defineCheck(
  {
    id: 'endpoint-config-ssm-access-disabled',
    pillar: 'iam',
    title: 'Inference containers do not allow interactive SSM sessions',
    severity: 'medium',
    resourceTypes: ['endpoint-config'],
    rationale:
      'EnableSSMAccess opens a shell into the production inference container, where requests, model weights and role credentials are visible.',
    references: { seed: { pillar: SEED.iam, phases: ['deployment'] } },
    remediation: {
      text: 'Create the endpoint configuration without EnableSSMAccess (or false) on every production variant.',
      docsUrl: DOCS.productionVariant,
      template: ENDPOINT_CONFIG_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'ProductionVariants');
    if (failure) return failure;
    const open = arrayAt(resource.description, 'ProductionVariants')
      .filter(
        variant =>
          (variant as { EnableSSMAccess?: unknown }).EnableSSMAccess === true,
      )
      .map(variant =>
        String((variant as { VariantName?: unknown }).VariantName),
      );
    const evidence = [
      fieldEvidence(
        resource,
        'ProductionVariants[].EnableSSMAccess',
        open,
        'false on every variant',
      ),
    ];
    return open.length > 0
      ? fail(
          `${resource.name}: variants ${open.join(
            ', ',
          )} allow SSM sessions into the container.`,
          evidence,
        )
      : pass(`${resource.name}: no variant allows SSM sessions.`, evidence);
  },
);

export const trainingJobRemoteDebugDisabled = defineCheck(
  {
    id: 'training-job-remote-debug-disabled',
    pillar: 'iam',
    title: 'Training job does not allow remote debugging sessions',
    severity: 'low',
    resourceTypes: ['training-job'],
    rationale:
      'Remote debugging opens an SSM shell into the training container, with the training data and the execution role credentials.',
    references: { seed: { pillar: SEED.iam, phases: ['training'] } },
    remediation: {
      text: 'Leave RemoteDebugConfig.EnableRemoteDebug false for jobs on sensitive data; disable it with UpdateTrainingJob when debugging is over.',
      docsUrl: DOCS.remoteDebug,
    },
  },
  whileRunning(
    fieldValue({
      path: 'RemoteDebugConfig.EnableRemoteDebug',
      expected: false,
      absentMeans: false,
      label: 'remote debugging',
    }),
  ),
);

/** Statuses after which a training job has no container left. */
const ENDED = new Set(['Completed', 'Failed', 'Stopped', 'Deleted']);

/**
 * `judge` while the job runs; a job that has ended (Completed, Failed,
 * Stopped) has no container to open a session into: not applicable. (Its
 * record from SageMaker Search carries no RemoteDebugConfig: the scanner
 * describes only running jobs for it.)
 */
function whileRunning(
  judge: (context: CheckContext) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  return context => {
    const { resource } = context;
    const status = resource.status ?? resource.description.TrainingJobStatus;
    return typeof status === 'string' && ENDED.has(status)
      ? notApplicable(
          `${resource.name} is ${status}: no container is left to open a remote debugging session into.`,
        )
      : judge(context);
  };
}
