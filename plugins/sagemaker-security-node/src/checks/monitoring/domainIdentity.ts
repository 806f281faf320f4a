import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  fail,
  fieldEvidence,
  fieldFailure,
  fieldValue,
  getPath,
  notApplicable,
  pass,
  SEED,
} from '../support';

const API = 'https://docs.aws.amazon.com/sagemaker/latest/APIReference';

export const domainExecutionRoleSourceIdentity = defineCheck(
  {
    id: 'domain-execution-role-source-identity',
    pillar: 'monitoring',
    title: 'Studio sessions carry the user profile as sts:SourceIdentity',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      'Users of a domain usually share one execution role, so CloudTrail shows every Studio action as that role. ExecutionRoleIdentityConfig = USER_PROFILE_NAME sets the user profile name as sts:SourceIdentity on the role session, so each API call and S3 access can be traced to a person (absent means DISABLED).',
    references: {
      seed: { pillar: SEED.monitoring, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set DomainSettings.ExecutionRoleIdentityConfig = USER_PROFILE_NAME (UpdateDomain with no app InService or Pending) and allow sts:SetSourceIdentity in the execution role trust policy.',
      docsUrl: `${API}/API_DomainSettings.html`,
      template: DOMAIN_TEMPLATE,
    },
  },
  fieldValue({
    path: 'DomainSettings.ExecutionRoleIdentityConfig',
    expected: 'USER_PROFILE_NAME',
    absentMeans: 'DISABLED',
    label: 'execution role identity',
  }),
);

const TIP = 'DomainSettings.TrustedIdentityPropagationSettings.Status';

export const domainTrustedIdentityPropagation = defineCheck(
  {
    id: 'domain-trusted-identity-propagation',
    pillar: 'monitoring',
    title: 'IAM Identity Center domain propagates user identities',
    severity: 'low',
    resourceTypes: ['domain'],
    // Judged on the deployed domain, whose Identity Center application and
    // propagation are set up together (console or UpdateDomain).
    requiresLiveData: true,
    rationale:
      'In an IAM Identity Center domain, trusted identity propagation passes the signed-in user to services that support it (S3 Access Grants, Lake Formation, Redshift), so data access is authorised and logged per user rather than per shared execution role. When it is disabled (or not set) standard role-based access is used.',
    references: {
      seed: { pillar: SEED.monitoring, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set DomainSettings.TrustedIdentityPropagationSettings.Status = ENABLED (UpdateDomain) and add sts:SetContext to the execution role trust policy.',
      docsUrl: `${API}/API_TrustedIdentityPropagationSettings.html`,
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure =
      fieldFailure(resource, 'AuthMode') ??
      fieldFailure(resource, 'DomainSettings');
    if (failure) return failure;
    const mode = getPath(resource.description, 'AuthMode');
    if (mode !== 'SSO') {
      return notApplicable(
        `${resource.name} does not use IAM Identity Center (AuthMode ${String(
          mode,
        )}).`,
      );
    }
    const raw = getPath(resource.description, TIP);
    const evidence = [fieldEvidence(resource, TIP, raw, 'ENABLED')];
    return raw === 'ENABLED'
      ? pass(`${resource.name} propagates user identities.`, evidence)
      : fail(
          `${resource.name} does not propagate user identities (${
            raw === undefined || raw === null
              ? 'absent, so DISABLED'
              : String(raw)
          }).`,
          evidence,
        );
  },
);
