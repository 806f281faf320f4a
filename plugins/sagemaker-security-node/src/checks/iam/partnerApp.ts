import {
  defineCheck,
  DOCS,
  fail,
  fieldEvidence,
  fieldFailure,
  fieldValue,
  getPath,
  notApplicable,
  pass,
  SEED,
} from '../support';

/**
 * At most this many named administrators: administration of a Partner AI App
 * (its users, projects and integrations) should be held by a few named
 * people. The API accepts up to 5, so its limit is no control of its own.
 */
export const MAX_PARTNER_APP_ADMINS = 3;

const sessionIdentity = fieldValue({
  path: 'EnableIamSessionBasedIdentity',
  expected: true,
  absentMeans: false,
  label: 'IAM session-based identity',
});

export const partnerAppIamSessionIdentity = defineCheck(
  {
    id: 'partner-app-iam-session-based-identity',
    pillar: 'iam',
    title: 'Partner AI App identifies users by their IAM session',
    severity: 'medium',
    resourceTypes: ['partner-app'],
    rationale:
      'With IAM authorization, users of a Partner AI App usually reach it through one shared role. EnableIamSessionBasedIdentity = true makes the app take the IAM session name (or IAM user) as the user identity, so in-app permissions and audit trails are per person rather than per role (absent means false). Apps that use IAM Identity Center (AuthType IDC) identify users by their Identity Center identity instead.',
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set EnableIamSessionBasedIdentity = true (UpdatePartnerApp) and give each user a distinct role session name (for example sts:RoleSessionName = ${aws:username} in the role trust policy).',
      docsUrl: DOCS.partnerApps,
    },
  },
  context => {
    const failure = fieldFailure(context.resource, 'AuthType');
    if (failure) return failure;
    const authType = getPath(context.resource.description, 'AuthType');
    if (authType === 'IDC') {
      return notApplicable(
        `${context.resource.name} authorizes users through IAM Identity Center (AuthType IDC).`,
      );
    }
    return sessionIdentity(context);
  },
);

const ADMINS = 'ApplicationConfig.AdminUsers';

export const partnerAppAdminUsersBounded = defineCheck(
  {
    id: 'partner-app-admin-users-bounded',
    pillar: 'iam',
    title: 'Partner AI App has a few named administrators',
    severity: 'low',
    resourceTypes: ['partner-app'],
    rationale: `ApplicationConfig.AdminUsers are the users with administrative access inside the Partner AI App. With none, nobody is accountable for its users and settings; with many, in-app administration is no longer least privilege. Passes with 1 to ${MAX_PARTNER_APP_ADMINS} distinct named administrators (the API accepts up to 5).`,
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation', 'governance'] },
    },
    remediation: {
      text: `Name between 1 and ${MAX_PARTNER_APP_ADMINS} administrators in ApplicationConfig.AdminUsers (UpdatePartnerApp) and give everyone else regular access.`,
      docsUrl: DOCS.partnerApps,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, ADMINS);
    if (failure) return failure;
    const raw = getPath(resource.description, ADMINS);
    const admins = [
      ...new Set(
        (Array.isArray(raw) ? raw : []).filter(
          (item): item is string =>
            typeof item === 'string' && item.trim().length > 0,
        ),
      ),
    ];
    const evidence = [
      fieldEvidence(
        resource,
        ADMINS,
        raw ?? null,
        `1 to ${MAX_PARTNER_APP_ADMINS} named users`,
      ),
    ];
    if (admins.length === 0) {
      return fail(
        `${resource.name} names no administrator (${ADMINS} is empty).`,
        evidence,
      );
    }
    if (admins.length > MAX_PARTNER_APP_ADMINS) {
      return fail(
        `${resource.name} names ${admins.length} administrators; at most ${MAX_PARTNER_APP_ADMINS} expected.`,
        evidence,
      );
    }
    return pass(
      `${resource.name} names ${admins.length} administrator(s).`,
      evidence,
    );
  },
);
