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
  unknown,
  warn,
} from '../support';

/**
 * Checks of Studio spaces (issue 16): remote IDE access, sharing and
 * ownership, read from DescribeSpace.
 */

const API = 'https://docs.aws.amazon.com/sagemaker/latest/APIReference';
const DG = 'https://docs.aws.amazon.com/sagemaker/latest/dg';
const SHARING = 'SpaceSharingSettings.SharingType';
const OWNER = 'OwnershipSettings.OwnerUserProfileName';
const REMOTE = 'SpaceSettings.RemoteAccess';

/**
 * A user profile's domain from its ARN (`user-profile/<domain>/<name>`),
 * known from the listing even when the profile could not be described; else
 * its described DomainId (a template's ARN may not carry it).
 */
function profileDomain(profile: {
  arn: string;
  description: unknown;
}): string | undefined {
  return (
    /:user-profile\/([^/]+)\/[^/]+$/.exec(profile.arn)?.[1] ??
    nonEmptyString(getPath(profile.description, 'DomainId'))
  );
}

/** The sharing type of a space; AWS treats an absent one as Private. */
function sharingType(description: unknown): string {
  return nonEmptyString(getPath(description, SHARING)) ?? 'Private';
}

/**
 * Remote access judged by sharing type: a private space's owner connecting
 * from a local IDE is a supported developer workflow, but it moves the
 * space's execution role credentials and its data to a laptop outside the
 * domain's VPC controls, so it warns; on a shared space every member of the
 * domain can open such a session with the space's role, so it fails.
 * Absent means DISABLED (AWS's default).
 */
export const spaceRemoteAccessDisabled = defineCheck(
  {
    id: 'space-remote-access-disabled',
    pillar: 'iam',
    title: 'Studio space does not allow remote IDE connections',
    severity: 'medium',
    resourceTypes: ['space'],
    rationale:
      "With SpaceSettings.RemoteAccess ENABLED a local IDE (VS Code) connects to the space through an SSM session: the space's execution role credentials, its home directory and its data reach a laptop outside the domain's VPC-only network, security groups and Studio session timeout. On a private space that is the owner's sanctioned workflow at most (warn); on a shared space any member of the domain can open such a session (fail). AWS defaults it to DISABLED.",
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set SpaceSettings.RemoteAccess = DISABLED (UpdateSpace), or keep it only on private spaces whose owners need a local IDE, with sagemaker:StartSession granted to those users alone.',
      docsUrl: `${DG}/remote-access.html`,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'SpaceSettings');
    if (failure) return failure;
    const raw = getPath(resource.description, REMOTE);
    const evidence = [fieldEvidence(resource, REMOTE, raw, 'DISABLED')];
    if (raw !== 'ENABLED') {
      const shown =
        raw === undefined || raw === null ? 'absent, so DISABLED' : String(raw);
      return pass(`${resource.name}: remote access is ${shown}.`, evidence);
    }
    const sharing = sharingType(resource.description);
    return sharing === 'Shared'
      ? fail(
          `${resource.name} is a shared space with remote access ENABLED: any member of the domain can connect a local IDE with the space's role.`,
          evidence,
        )
      : warn(
          `${resource.name} (${sharing}) allows remote IDE connections: the space's role credentials and data reach the owner's laptop.`,
          evidence,
        );
  },
);

export const spaceHasOwner = defineCheck(
  {
    id: 'space-has-owner',
    pillar: 'iam',
    title: 'Studio space has an owner user profile',
    severity: 'medium',
    resourceTypes: ['space'],
    rationale:
      'A space created without OwnershipSettings belongs to nobody: it runs with the domain default space role, every member of the domain may open it, and no user profile answers for what it holds or runs. Shared spaces are the common case (CreateSpace does not require an owner); Studio gives every space it creates an owner.',
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation', 'governance'] },
    },
    remediation: {
      text: 'Recreate the space with OwnershipSettings.OwnerUserProfileName (ownership cannot be added by UpdateSpace), or delete it when nobody uses it.',
      docsUrl: `${API}/API_CreateSpace.html`,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'OwnershipSettings');
    if (failure) return failure;
    const raw = getPath(resource.description, OWNER);
    const owner = nonEmptyString(raw);
    const evidence = [fieldEvidence(resource, OWNER, raw, 'a user profile')];
    return owner === undefined
      ? fail(
          `${resource.name} (${sharingType(
            resource.description,
          )}) has no owner user profile.`,
          evidence,
        )
      : pass(`${resource.name} is owned by user profile ${owner}.`, evidence);
  },
);

export const spaceOwnerProfileExists = defineCheck(
  {
    id: 'space-owner-profile-exists',
    pillar: 'iam',
    title: "Studio space's owner user profile still exists",
    severity: 'low',
    resourceTypes: ['space'],
    rationale:
      'A space whose owner profile is gone keeps its storage, apps and role while no user answers for it: offboarding removed the person but not their workspace.',
    references: {
      seed: { pillar: SEED.iam, phases: ['governance'] },
    },
    remediation: {
      text: 'Delete the space (DeleteApp on its apps, then DeleteSpace) or recreate it for a current user profile after reviewing its contents.',
      docsUrl: `${API}/API_DeleteSpace.html`,
    },
  },
  context => {
    const { resource, resources } = context;
    const failure =
      fieldFailure(resource, 'OwnershipSettings') ??
      fieldFailure(resource, 'DomainId');
    if (failure) return failure;
    const owner = nonEmptyString(getPath(resource.description, OWNER));
    if (owner === undefined) {
      return notApplicable(`${resource.name} has no owner user profile.`);
    }
    const domainId = nonEmptyString(getPath(resource.description, 'DomainId'));
    // By the name and ARN the listing gives (user-profile/<domain>/<name>),
    // so that a profile that could not be described is still found and the
    // verdict rests on nothing that failed.
    const found = resources
      .list('user-profile', resource.accountId, resource.region)
      .some(
        profile =>
          profile.name === owner &&
          (domainId === undefined || profileDomain(profile) === domainId),
      );
    const evidence = [
      fieldEvidence(resource, OWNER, owner, 'a user profile of the domain'),
    ];
    if (found) {
      return pass(
        `${resource.name}: owner ${owner} is a user profile of the domain.`,
        evidence,
      );
    }
    if (context.mode === 'iac') {
      return notApplicable(
        `User profile ${owner} is not declared in the infrastructure code.`,
      );
    }
    const listing =
      resources.listingErrors?.(
        'user-profile',
        resource.accountId,
        resource.region,
      ) ?? [];
    if (listing.length > 0) {
      return unknown(
        `${resource.name}: user profiles were not listed completely, so owner ${owner} cannot be found.`,
        listing.map(error => error.action),
        evidence,
      );
    }
    return fail(
      `${resource.name}: owner ${owner} is not a user profile of domain ${
        domainId ?? '(unknown)'
      }.`,
      evidence,
    );
  },
);
