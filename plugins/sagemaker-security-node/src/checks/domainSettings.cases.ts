/**
 * Cases of the Studio domain settings checks (issue 16) of the IAM and network
 * pillars, spread into the cases of each pillar (the others are in
 * domainGovernance.cases.ts).
 */
import { ACCOUNT, collectionError, domain } from '../testing/fixtures';
import { CheckCase } from '../testing/checkCases';

const OTHER_ACCOUNT = '444455556666';
export const DESCRIBE = 'sagemaker:DescribeDomain';

/** A domain whose Describe response lost `field` (recorded as unreadable). */
export const unreadable = (
  field: string,
  description: Record<string, unknown> = {},
) => domain(description, { errors: [collectionError(DESCRIBE, { field })] });

const docker = (settings: Record<string, unknown>, extra = {}) =>
  domain({ DomainSettings: { DockerSettings: settings }, ...extra });

export const canvas = (settings: Record<string, unknown>) =>
  domain({ DefaultUserSettings: { CanvasAppSettings: settings } });

const RSTUDIO_DOMAIN = {
  RStudioServerProDomainSettings: {
    DomainExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/rstudio`,
  },
};
const rstudio = (app: Record<string, unknown> | undefined) =>
  domain({
    DomainSettings: RSTUDIO_DOMAIN,
    DefaultUserSettings:
      app === undefined ? {} : { RStudioServerProAppSettings: app },
  });

export const domainSettingsIamCases: CheckCase[] = [
  // domain-rootless-docker
  {
    check: 'domain-rootless-docker',
    name: 'Docker enabled, rootless',
    resource: docker({
      EnableDockerAccess: 'ENABLED',
      RootlessDocker: 'ENABLED',
    }),
    expect: 'pass',
  },
  {
    check: 'domain-rootless-docker',
    name: 'Docker enabled, RootlessDocker absent means DISABLED',
    resource: docker({ EnableDockerAccess: 'ENABLED' }),
    expect: 'fail',
    message: /absent, so DISABLED/,
  },
  {
    check: 'domain-rootless-docker',
    name: 'Docker enabled, rootless DISABLED',
    resource: docker({
      EnableDockerAccess: 'ENABLED',
      RootlessDocker: 'DISABLED',
    }),
    expect: 'fail',
  },
  {
    check: 'domain-rootless-docker',
    name: 'Docker access absent means DISABLED',
    resource: domain(),
    expect: 'not_applicable',
  },
  {
    check: 'domain-rootless-docker',
    name: 'Docker access DISABLED (rootless setting irrelevant)',
    resource: docker({
      EnableDockerAccess: 'DISABLED',
      RootlessDocker: 'DISABLED',
    }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-rootless-docker',
    name: 'domain settings unreadable',
    resource: unreadable('DomainSettings'),
    expect: 'unknown',
    missing: [DESCRIBE],
  },

  // domain-canvas-model-register-same-account
  {
    check: 'domain-canvas-model-register-same-account',
    name: 'no cross-account role',
    resource: canvas({ ModelRegisterSettings: { Status: 'ENABLED' } }),
    expect: 'pass',
  },
  {
    check: 'domain-canvas-model-register-same-account',
    name: 'no Canvas settings at all',
    resource: domain(),
    expect: 'pass',
  },
  {
    check: 'domain-canvas-model-register-same-account',
    name: "role in the domain's own account",
    resource: canvas({
      ModelRegisterSettings: {
        CrossAccountModelRegisterRoleArn: `arn:aws:iam::${ACCOUNT}:role/registry`,
      },
    }),
    expect: 'pass',
  },
  {
    check: 'domain-canvas-model-register-same-account',
    name: 'role in another account',
    resource: canvas({
      ModelRegisterSettings: {
        Status: 'ENABLED',
        CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/registry`,
      },
    }),
    expect: 'warn',
    message: new RegExp(`account ${OTHER_ACCOUNT}`),
  },
  {
    check: 'domain-canvas-model-register-same-account',
    name: 'model registry integration disabled',
    resource: canvas({
      ModelRegisterSettings: {
        Status: 'DISABLED',
        CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/registry`,
      },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-canvas-model-register-same-account',
    name: 'default user settings unreadable',
    resource: unreadable('DefaultUserSettings'),
    expect: 'unknown',
    missing: [DESCRIBE],
  },

  // domain-rstudio-default-not-admin
  {
    check: 'domain-rstudio-default-not-admin',
    name: 'UserGroup absent means R_STUDIO_USER',
    resource: rstudio({ AccessStatus: 'ENABLED' }),
    expect: 'pass',
    message: /absent, so R_STUDIO_USER/,
  },
  {
    check: 'domain-rstudio-default-not-admin',
    name: 'R_STUDIO_USER',
    resource: rstudio({ UserGroup: 'R_STUDIO_USER' }),
    expect: 'pass',
  },
  {
    check: 'domain-rstudio-default-not-admin',
    name: 'new users are RStudio admins',
    resource: rstudio({ AccessStatus: 'ENABLED', UserGroup: 'R_STUDIO_ADMIN' }),
    expect: 'fail',
  },
  {
    check: 'domain-rstudio-default-not-admin',
    name: 'no RStudio on the domain',
    resource: domain({
      DefaultUserSettings: {
        RStudioServerProAppSettings: { UserGroup: 'R_STUDIO_ADMIN' },
      },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-rstudio-default-not-admin',
    name: 'new users have no RStudio access',
    resource: rstudio({
      AccessStatus: 'DISABLED',
      UserGroup: 'R_STUDIO_ADMIN',
    }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-rstudio-default-not-admin',
    name: 'domain settings unreadable',
    resource: unreadable('DomainSettings', {
      DefaultUserSettings: {
        RStudioServerProAppSettings: { UserGroup: 'R_STUDIO_ADMIN' },
      },
    }),
    expect: 'unknown',
  },
];

export const domainSettingsNetworkCases: CheckCase[] = [
  // domain-docker-trusted-accounts
  {
    check: 'domain-docker-trusted-accounts',
    name: 'VPC-only with Docker, only its own account',
    resource: docker(
      { EnableDockerAccess: 'ENABLED', VpcOnlyTrustedAccounts: [ACCOUNT] },
      { AppNetworkAccessType: 'VpcOnly' },
    ),
    expect: 'pass',
  },
  {
    check: 'domain-docker-trusted-accounts',
    name: 'VPC-only with Docker, no trusted accounts',
    resource: docker(
      { EnableDockerAccess: 'ENABLED' },
      { AppNetworkAccessType: 'VpcOnly' },
    ),
    expect: 'pass',
  },
  {
    check: 'domain-docker-trusted-accounts',
    name: 'VPC-only with Docker, another account trusted',
    resource: docker(
      {
        EnableDockerAccess: 'ENABLED',
        VpcOnlyTrustedAccounts: [ACCOUNT, OTHER_ACCOUNT],
      },
      { AppNetworkAccessType: 'VpcOnly' },
    ),
    expect: 'warn',
    message: new RegExp(`accounts ${OTHER_ACCOUNT};`),
  },
  {
    check: 'domain-docker-trusted-accounts',
    name: 'Docker disabled',
    resource: docker(
      {
        EnableDockerAccess: 'DISABLED',
        VpcOnlyTrustedAccounts: [OTHER_ACCOUNT],
      },
      { AppNetworkAccessType: 'VpcOnly' },
    ),
    expect: 'not_applicable',
  },
  {
    check: 'domain-docker-trusted-accounts',
    name: 'AppNetworkAccessType absent means PublicInternetOnly',
    resource: docker({
      EnableDockerAccess: 'ENABLED',
      VpcOnlyTrustedAccounts: [OTHER_ACCOUNT],
    }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-docker-trusted-accounts',
    name: 'network access type unreadable',
    resource: unreadable('AppNetworkAccessType', {
      DomainSettings: { DockerSettings: { EnableDockerAccess: 'ENABLED' } },
    }),
    expect: 'unknown',
  },

  // domain-rstudio-urls-https
  {
    check: 'domain-rstudio-urls-https',
    name: 'both URLs HTTPS',
    resource: domain({
      DomainSettings: {
        RStudioServerProDomainSettings: {
          RStudioConnectUrl: 'https://connect.example.internal',
          RStudioPackageManagerUrl: 'https://packages.example.internal',
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'domain-rstudio-urls-https',
    name: 'Package Manager over plain HTTP',
    resource: domain({
      DomainSettings: {
        RStudioServerProDomainSettings: {
          RStudioConnectUrl: 'https://connect.example.internal',
          RStudioPackageManagerUrl: 'http://packages.example.internal',
        },
      },
    }),
    expect: 'fail',
    message: /RStudioPackageManagerUrl http:\/\/packages/,
  },
  {
    check: 'domain-rstudio-urls-https',
    name: 'RStudio without Connect or Package Manager',
    resource: rstudio(undefined),
    expect: 'not_applicable',
  },
  {
    check: 'domain-rstudio-urls-https',
    name: 'no RStudio on the domain',
    resource: domain(),
    expect: 'not_applicable',
  },
  {
    check: 'domain-rstudio-urls-https',
    name: 'domain settings unreadable',
    resource: unreadable('DomainSettings'),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
];
