import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  nonEmptyString,
  notApplicable,
  pass,
  SEED,
  warn,
} from '../support';

const API = 'https://docs.aws.amazon.com/sagemaker/latest/APIReference';
const DOCKER = 'DomainSettings.DockerSettings';

/** True when the domain lets Studio spaces run Docker (absent means DISABLED). */
export function dockerAccessEnabled(description: unknown): boolean {
  return getPath(description, `${DOCKER}.EnableDockerAccess`) === 'ENABLED';
}

export const domainRootlessDocker = defineCheck(
  {
    id: 'domain-rootless-docker',
    pillar: 'iam',
    title: 'Studio Docker access runs rootless',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      'With Docker access enabled and RootlessDocker off (the default, DISABLED), containers started from a space run under a root Docker daemon: a user who mounts the host or runs a privileged container gets root in the space and its execution role credentials.',
    references: { seed: { pillar: SEED.iam, phases: ['experimentation'] } },
    remediation: {
      text: 'Set DomainSettings.DockerSettings.RootlessDocker = ENABLED (UpdateDomain), or disable Docker access.',
      docsUrl: `${API}/API_DockerSettings.html`,
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'DomainSettings');
    if (failure) return failure;
    if (!dockerAccessEnabled(resource.description)) {
      return notApplicable(`${resource.name} does not allow Docker access.`);
    }
    const raw = getPath(resource.description, `${DOCKER}.RootlessDocker`);
    const evidence = [
      fieldEvidence(resource, `${DOCKER}.RootlessDocker`, raw, 'ENABLED'),
    ];
    if (raw === 'ENABLED') {
      return pass(`${resource.name} runs Docker rootless.`, evidence);
    }
    const shown =
      raw === undefined || raw === null ? 'absent, so DISABLED' : String(raw);
    return fail(
      `${resource.name} allows Docker access with a root daemon (RootlessDocker ${shown}).`,
      evidence,
    );
  },
);

/** The account of an IAM role ARN, or undefined when it is not one. */
function roleAccount(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(arn)?.[1];
}

/**
 * A domain's defaults for its users, or a user profile's own settings: each
 * description has one of the two.
 */
function userSettingsRoot(description: unknown): string {
  return getPath(description, 'UserSettings') === undefined
    ? 'DefaultUserSettings'
    : 'UserSettings';
}

export const domainCanvasModelRegisterSameAccount = defineCheck(
  {
    id: 'domain-canvas-model-register-same-account',
    pillar: 'iam',
    title: 'Canvas registers models only in its own account by default',
    severity: 'medium',
    // A profile's own Canvas settings override the domain's defaults.
    resourceTypes: ['domain', 'user-profile'],
    rationale:
      "CrossAccountModelRegisterRoleArn lets every Canvas user of the domain assume a role in another account and register model versions in that account's model registry: a cross-account write path that bypasses the registry owner's review of who may publish.",
    references: { seed: { pillar: SEED.iam, phases: ['governance'] } },
    remediation: {
      text: "Remove CanvasAppSettings.ModelRegisterSettings.CrossAccountModelRegisterRoleArn from DefaultUserSettings (UpdateDomain) or from the user profile's UserSettings (UpdateUserProfile), or confirm the target account is yours and the role trusts only this domain account.",
      docsUrl: `${API}/API_ModelRegisterSettings.html`,
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const root = userSettingsRoot(resource.description);
    const failure = fieldFailure(resource, root);
    if (failure) return failure;
    const modelRegister = `${root}.CanvasAppSettings.ModelRegisterSettings`;
    if (
      getPath(resource.description, `${modelRegister}.Status`) === 'DISABLED'
    ) {
      return notApplicable(
        `${resource.name}: Canvas model registry integration is disabled.`,
      );
    }
    const path = `${modelRegister}.CrossAccountModelRegisterRoleArn`;
    const raw = getPath(resource.description, path);
    const role = nonEmptyString(raw);
    const expected = `no role, or a role of account ${resource.accountId}`;
    const evidence = [fieldEvidence(resource, path, raw ?? null, expected)];
    if (role === undefined) {
      return pass(
        `${resource.name}: Canvas has no cross-account model register role.`,
        evidence,
      );
    }
    const account = roleAccount(role);
    if (account === resource.accountId) {
      return pass(
        `${resource.name}: the Canvas model register role ${role} is in the domain's account.`,
        evidence,
      );
    }
    // Another account may well be the organisation's model registry account:
    // only its owner can tell, so this is a warning, not a failure.
    return warn(
      `${resource.name}: Canvas users register models in account ${
        account ?? '(not an IAM role ARN)'
      } through ${role}.`,
      evidence,
    );
  },
);

const RSTUDIO = 'DefaultUserSettings.RStudioServerProAppSettings';

export const domainRStudioDefaultNotAdmin = defineCheck(
  {
    id: 'domain-rstudio-default-not-admin',
    pillar: 'iam',
    title: 'New Studio users are not RStudio administrators',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      'UserGroup R_STUDIO_ADMIN in the default user settings makes every new user profile an administrator of the RStudio dashboard, with control over all RStudio sessions and users of the domain. AWS defaults it to R_STUDIO_USER.',
    references: { seed: { pillar: SEED.iam, phases: ['experimentation'] } },
    remediation: {
      text: 'Set DefaultUserSettings.RStudioServerProAppSettings.UserGroup = R_STUDIO_USER (UpdateDomain) and grant R_STUDIO_ADMIN only on named user profiles.',
      docsUrl: `${API}/API_RStudioServerProAppSettings.html`,
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure =
      fieldFailure(resource, 'DefaultUserSettings') ??
      fieldFailure(resource, 'DomainSettings');
    if (failure) return failure;
    const description = resource.description;
    if (
      getPath(description, 'DomainSettings.RStudioServerProDomainSettings') ===
      undefined
    ) {
      return notApplicable(`${resource.name} has no RStudio on the domain.`);
    }
    if (getPath(description, `${RSTUDIO}.AccessStatus`) === 'DISABLED') {
      return notApplicable(
        `${resource.name}: new users have no RStudio access.`,
      );
    }
    const raw = getPath(description, `${RSTUDIO}.UserGroup`);
    const evidence = [
      fieldEvidence(resource, `${RSTUDIO}.UserGroup`, raw, 'R_STUDIO_USER'),
    ];
    const shown =
      raw === undefined || raw === null
        ? 'absent, so R_STUDIO_USER'
        : String(raw);
    return raw === 'R_STUDIO_ADMIN'
      ? fail(
          `${resource.name}: new users are RStudio administrators (UserGroup ${shown}).`,
          evidence,
        )
      : pass(
          `${resource.name}: new users' RStudio group is ${shown}.`,
          evidence,
        );
  },
);
