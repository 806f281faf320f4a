import {
  ACCOUNT,
  collectionError,
  domain,
  KEY_ARN,
  kmsKey,
  resource,
  role,
} from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';

/**
 * Cases of the Studio space, user profile and Studio lifecycle configuration
 * checks (issue 16), and of the role and key checks that reach a user profile
 * through its Canvas links.
 */

const DOMAIN_ID = 'd-studio123';
const OTHER_ACCOUNT = '444455556666';
const BEDROCK_ROLE = `arn:aws:iam::${ACCOUNT}:role/canvas-bedrock`;
type Errors = ReturnType<typeof collectionError>[];

/** A space as DescribeSpace returns it: private, owned by `alice`. */
export const space = (
  description: Record<string, unknown> = {},
  errors: Errors = [],
) =>
  resource(
    'space',
    {
      DomainId: DOMAIN_ID,
      SpaceName: 'alice-lab',
      Status: 'InService',
      SpaceSettings: { AppType: 'JupyterLab' },
      SpaceSharingSettings: { SharingType: 'Private' },
      OwnershipSettings: { OwnerUserProfileName: 'alice' },
      ...description,
    },
    { name: 'alice-lab', errors },
  );

/** A user profile as DescribeUserProfile returns it. */
export const profile = (
  userSettings: Record<string, unknown> | undefined = {},
  options: { name?: string; domainId?: string; errors?: Errors } = {},
) =>
  resource(
    'user-profile',
    {
      DomainId: options.domainId ?? DOMAIN_ID,
      UserProfileName: options.name ?? 'alice',
      Status: 'InService',
      ...(userSettings === undefined ? {} : { UserSettings: userSettings }),
    },
    { name: options.name ?? 'alice', errors: options.errors ?? [] },
  );

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
// Built from parts so no scanner flags this file.
const FAKE_TOKEN = ['ghp_', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'].join('');

/** A Studio lifecycle configuration as DescribeStudioLifecycleConfig returns it. */
export const studioScript = (
  lines: string[] | undefined,
  errors: Errors = [],
) =>
  resource(
    'studio-lifecycle-config',
    {
      StudioLifecycleConfigName: 'jl-setup',
      StudioLifecycleConfigAppType: 'JupyterLab',
      ...(lines === undefined
        ? {}
        : { StudioLifecycleConfigContent: b64(lines.join('\n')) }),
    },
    { name: 'jl-setup', errors },
  );

const REMOTE = 'space-remote-access-disabled';
const OWNER = 'space-has-owner';
const OWNER_EXISTS = 'space-owner-profile-exists';
const POSIX = 'studio-posix-user-not-root';
const REGISTER = 'domain-canvas-model-register-same-account';
const LCC_SECRETS = 'studio-lifecycle-config-no-secrets';
const LCC_REMOTE = 'studio-lifecycle-config-no-remote-code';
const DESCRIBE_SPACE = 'sagemaker:DescribeSpace';
const DESCRIBE_PROFILE = 'sagemaker:DescribeUserProfile';
const DESCRIBE_LCC = 'sagemaker:DescribeStudioLifecycleConfig';

const shared = { SpaceSharingSettings: { SharingType: 'Shared' } };
const remoteOn = {
  SpaceSettings: { AppType: 'CodeEditor', RemoteAccess: 'ENABLED' },
};

export const studioIamCases: CheckCase[] = [
  // space-remote-access-disabled
  {
    check: REMOTE,
    name: 'absent (AWS defaults it to DISABLED)',
    resource: space(),
    expect: 'pass',
    message: /absent, so DISABLED/,
  },
  {
    check: REMOTE,
    name: 'DISABLED on a shared space',
    resource: space({
      ...shared,
      SpaceSettings: { AppType: 'JupyterLab', RemoteAccess: 'DISABLED' },
    }),
    expect: 'pass',
  },
  {
    check: REMOTE,
    name: "ENABLED on a private space (the owner's local IDE)",
    resource: space(remoteOn),
    expect: 'warn',
    message: /Private/,
  },
  {
    check: REMOTE,
    name: 'ENABLED on a private space without sharing settings',
    resource: space({ ...remoteOn, SpaceSharingSettings: undefined }),
    expect: 'warn',
  },
  {
    check: REMOTE,
    name: 'ENABLED on a shared space',
    resource: space({ ...remoteOn, ...shared }),
    expect: 'fail',
    message: /any member of the domain/,
  },
  {
    check: REMOTE,
    name: 'space settings unreadable',
    resource: space({}, [
      collectionError(DESCRIBE_SPACE, { field: 'SpaceSettings' }),
    ]),
    expect: 'unknown',
    missing: [DESCRIBE_SPACE],
  },
  {
    check: REMOTE,
    name: 'describe denied',
    resource: space({}, [collectionError(DESCRIBE_SPACE)]),
    expect: 'unknown',
    missing: [DESCRIBE_SPACE],
  },

  // space-has-owner
  {
    check: OWNER,
    name: 'private space owned by a profile',
    resource: space(),
    expect: 'pass',
    message: /alice/,
  },
  {
    check: OWNER,
    name: 'shared space owned by a profile',
    resource: space(shared),
    expect: 'pass',
  },
  {
    check: OWNER,
    name: 'shared space without ownership settings',
    resource: space({ ...shared, OwnershipSettings: undefined }),
    expect: 'fail',
    message: /\(Shared\) has no owner/,
  },
  {
    check: OWNER,
    name: 'empty owner name',
    resource: space({ OwnershipSettings: { OwnerUserProfileName: '' } }),
    expect: 'fail',
  },
  {
    check: OWNER,
    name: 'describe denied',
    resource: space({}, [collectionError(DESCRIBE_SPACE)]),
    expect: 'unknown',
    missing: [DESCRIBE_SPACE],
  },

  // space-owner-profile-exists
  {
    check: OWNER_EXISTS,
    name: 'owner is a profile of the domain',
    resource: space(),
    resources: [profile()],
    expect: 'pass',
  },
  {
    check: OWNER_EXISTS,
    name: 'owner profile deleted',
    resource: space(),
    resources: [profile({}, { name: 'bob' })],
    expect: 'fail',
    message: /owner alice is not a user profile of domain d-studio123/,
  },
  {
    check: OWNER_EXISTS,
    name: 'a profile of the same name in another domain is not the owner',
    resource: space(),
    resources: [profile({}, { domainId: 'd-other' })],
    expect: 'fail',
  },
  {
    check: OWNER_EXISTS,
    name: 'user profiles not listed completely',
    resource: space(),
    listingErrors: {
      'user-profile': [collectionError('sagemaker:ListUserProfiles')],
    },
    expect: 'unknown',
    missing: ['sagemaker:ListUserProfiles'],
  },
  {
    check: OWNER_EXISTS,
    name: 'no owner (judged by space-has-owner)',
    resource: space({ OwnershipSettings: undefined }),
    expect: 'not_applicable',
  },
  {
    check: OWNER_EXISTS,
    name: 'owner not declared in the template',
    resource: space(),
    mode: 'iac',
    expect: 'not_applicable',
  },
  {
    check: OWNER_EXISTS,
    name: 'describe denied',
    resource: space({}, [collectionError(DESCRIBE_SPACE)]),
    expect: 'unknown',
    missing: [DESCRIBE_SPACE],
  },

  // studio-posix-user-not-root
  {
    check: POSIX,
    name: 'profile without a custom POSIX identity',
    resource: profile(),
    expect: 'pass',
  },
  {
    check: POSIX,
    name: 'profile with an unprivileged identity',
    resource: profile({ CustomPosixUserConfig: { Uid: 1000, Gid: 100 } }),
    expect: 'pass',
    message: /unprivileged/,
  },
  {
    check: POSIX,
    name: 'profile running as uid 0',
    resource: profile({ CustomPosixUserConfig: { Uid: 0, Gid: 100 } }),
    expect: 'fail',
    message: /UserSettings.CustomPosixUserConfig \(Uid 0\)/,
  },
  {
    check: POSIX,
    name: 'domain default for users with uid 0 and gid 0',
    resource: domain({
      DefaultUserSettings: { CustomPosixUserConfig: { Uid: 0, Gid: 0 } },
    }),
    expect: 'fail',
    message: /DefaultUserSettings.CustomPosixUserConfig \(Uid 0, Gid 0\)/,
  },
  {
    check: POSIX,
    name: 'domain default for shared spaces in the root group',
    resource: domain({
      DefaultUserSettings: { CustomPosixUserConfig: { Uid: 1000, Gid: 100 } },
      DefaultSpaceSettings: { CustomPosixUserConfig: { Uid: 1000, Gid: 0 } },
    }),
    expect: 'fail',
    message: /DefaultSpaceSettings.CustomPosixUserConfig \(Gid 0\)/,
  },
  {
    check: POSIX,
    name: 'domain without custom identities',
    resource: domain({ DefaultUserSettings: {} }),
    expect: 'pass',
  },
  {
    check: POSIX,
    name: 'profile settings unreadable',
    resource: profile(undefined, {
      errors: [
        collectionError(DESCRIBE_PROFILE, {
          field: 'UserSettings.CustomPosixUserConfig',
        }),
      ],
    }),
    expect: 'unknown',
    missing: [DESCRIBE_PROFILE],
  },
  {
    check: POSIX,
    name: 'profile describe denied',
    resource: profile({}, { errors: [collectionError(DESCRIBE_PROFILE)] }),
    expect: 'unknown',
    missing: [DESCRIBE_PROFILE],
  },

  // domain-canvas-model-register-same-account on a user profile's own settings
  {
    check: REGISTER,
    name: 'profile without Canvas settings',
    resource: profile(),
    expect: 'pass',
  },
  {
    check: REGISTER,
    name: "profile's register role in its own account",
    resource: profile({
      CanvasAppSettings: {
        ModelRegisterSettings: {
          Status: 'ENABLED',
          CrossAccountModelRegisterRoleArn: `arn:aws:iam::${ACCOUNT}:role/registry`,
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: REGISTER,
    name: "profile's register role in another account",
    resource: profile({
      CanvasAppSettings: {
        ModelRegisterSettings: {
          CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/registry`,
        },
      },
    }),
    expect: 'warn',
    message: new RegExp(`account ${OTHER_ACCOUNT}`),
  },
  {
    check: REGISTER,
    name: "profile's Canvas model registry integration disabled",
    resource: profile({
      CanvasAppSettings: {
        ModelRegisterSettings: {
          Status: 'DISABLED',
          CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/registry`,
        },
      },
    }),
    expect: 'not_applicable',
  },
  {
    check: REGISTER,
    name: 'profile settings unreadable',
    resource: profile(
      {},
      {
        errors: [collectionError(DESCRIBE_PROFILE, { field: 'UserSettings' })],
      },
    ),
    expect: 'unknown',
    missing: [DESCRIBE_PROFILE],
  },

  // The role and key checks reach a profile's Canvas settings through its links.
  {
    check: 'execution-role-no-full-access-policies',
    name: "AdministratorAccess on a profile's Canvas Bedrock role",
    resource: profile({
      CanvasAppSettings: {
        GenerativeAiSettings: { AmazonBedrockRoleArn: BEDROCK_ROLE },
      },
    }),
    facts: [
      role(
        {
          assumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'bedrock.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          attachedPolicies: [
            {
              policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
              policyName: 'AdministratorAccess',
            },
          ],
        },
        { arn: BEDROCK_ROLE },
      ),
    ],
    expect: 'fail',
    message: /canvas-bedrock/,
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "profile's Canvas Bedrock role not collected",
    resource: profile({
      CanvasAppSettings: {
        GenerativeAiSettings: { AmazonBedrockRoleArn: BEDROCK_ROLE },
      },
    }),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 'kms-keys-customer-managed',
    name: "profile's Canvas workspace under an AWS-managed key",
    resource: profile({
      CanvasAppSettings: { WorkspaceSettings: { S3KmsKeyId: KEY_ARN } },
    }),
    facts: [kmsKey({ keyManager: 'AWS' })],
    expect: 'fail',
    message: /AWS-managed/,
  },
  {
    check: 'kms-keys-customer-managed',
    name: "profile's notebook sharing under a customer-managed key",
    resource: profile({
      SharingSettings: {
        NotebookOutputOption: 'Allowed',
        S3KmsKeyId: KEY_ARN,
      },
    }),
    facts: [kmsKey()],
    expect: 'pass',
  },

  // studio-lifecycle-config-no-secrets
  {
    check: LCC_SECRETS,
    name: 'a script without secrets',
    resource: studioScript(['#!/bin/bash', 'pip install --upgrade pip']),
    expect: 'pass',
  },
  {
    check: LCC_SECRETS,
    name: 'a token in the script, named by kind and line only',
    resource: studioScript([
      '#!/bin/bash',
      'set -e',
      `git clone https://${FAKE_TOKEN}@github.com/acme/notebooks.git`,
    ]),
    expect: 'fail',
    message: /StudioLifecycleConfigContent line 3 \(GitHub token\)/,
  },
  {
    check: LCC_SECRETS,
    name: 'content not read',
    resource: studioScript(undefined),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },
  {
    check: LCC_SECRETS,
    name: 'describe denied',
    resource: studioScript(['#!/bin/bash'], [collectionError(DESCRIBE_LCC)]),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },

  // studio-lifecycle-config-no-remote-code
  {
    check: LCC_REMOTE,
    name: 'packages from the configured index',
    resource: studioScript(['#!/bin/bash', 'pip install pandas==2.2.2']),
    expect: 'pass',
  },
  {
    check: LCC_REMOTE,
    name: 'a download piped into a shell',
    resource: studioScript([
      '#!/bin/bash',
      'curl -fsSL https://get.example.com/setup.sh | bash',
    ]),
    expect: 'fail',
    message:
      /StudioLifecycleConfigContent line 2 \(download piped into a shell\)/,
  },
  {
    check: LCC_REMOTE,
    name: 'content not read',
    resource: studioScript(undefined),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },
  {
    check: LCC_REMOTE,
    name: 'describe denied',
    resource: studioScript(['#!/bin/bash'], [collectionError(DESCRIBE_LCC)]),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },
];
