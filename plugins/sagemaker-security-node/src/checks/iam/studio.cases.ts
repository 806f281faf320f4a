import { collectionError, domain, resource } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';

/**
 * Cases of the Studio space and POSIX identity checks (issue 16); a profile's
 * Canvas settings are in studioProfiles.cases.ts, the Studio lifecycle
 * configuration cases in studioScripts.cases.ts.
 */

const DOMAIN_ID = 'd-studio123';
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

/**
 * A user profile as DescribeUserProfile returns it, its ARN naming its
 * domain as AWS's does.
 */
export const profile = (
  userSettings: Record<string, unknown> | undefined = {},
  options: { name?: string; domainId?: string; errors?: Errors } = {},
) => {
  const name = options.name ?? 'alice';
  const domainId = options.domainId ?? DOMAIN_ID;
  const described = resource(
    'user-profile',
    {
      DomainId: domainId,
      UserProfileName: name,
      Status: 'InService',
      ...(userSettings === undefined ? {} : { UserSettings: userSettings }),
    },
    { name, errors: options.errors ?? [] },
  );
  return {
    ...described,
    arn: described.arn.replace(
      /user-profile\/.*$/,
      `user-profile/${domainId}/${name}`,
    ),
  };
};

const REMOTE = 'space-remote-access-disabled';
const OWNER = 'space-has-owner';
const OWNER_EXISTS = 'space-owner-profile-exists';
const POSIX = 'studio-posix-user-not-root';
const DESCRIBE_SPACE = 'sagemaker:DescribeSpace';
const DESCRIBE_PROFILE = 'sagemaker:DescribeUserProfile';

const shared = { SpaceSharingSettings: { SharingType: 'Shared' } };
const remoteOn = {
  SpaceSettings: { AppType: 'CodeEditor', RemoteAccess: 'ENABLED' },
};

/** A user profile listed but not described: its description is empty. */
const undescribedProfile = (domainId = DOMAIN_ID) => ({
  ...profile({}, { domainId, errors: [collectionError(DESCRIBE_PROFILE)] }),
  description: {},
});

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
    name: 'owner profile listed but not described (found by name and ARN)',
    resource: space(),
    resources: [undescribedProfile()],
    expect: 'pass',
  },
  {
    check: OWNER_EXISTS,
    name: 'an undescribed profile of the same name in another domain is not the owner',
    resource: space(),
    resources: [undescribedProfile('d-other')],
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
];
