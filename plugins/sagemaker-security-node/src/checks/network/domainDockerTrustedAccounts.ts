import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import {
  arrayAt,
  defineCheck,
  fieldEvidence,
  fieldFailure,
  getPath,
  notApplicable,
  pass,
  SEED,
  warn,
} from '../support';
import { dockerAccessEnabled } from '../iam/domainSettings';

const PATH = 'DomainSettings.DockerSettings.VpcOnlyTrustedAccounts';

export const domainDockerTrustedAccounts = defineCheck(
  {
    id: 'domain-docker-trusted-accounts',
    pillar: 'network',
    title: 'Studio Docker in VPC-only mode trusts no other account',
    severity: 'low',
    resourceTypes: ['domain'],
    rationale:
      "In a VPC-only domain with Docker access, VpcOnlyTrustedAccounts lists the accounts whose images spaces may pull and run. Each account listed other than the domain's own is code from outside the account boundary running with the space's role; a scanner cannot tell whether that account is yours, so each is reported for review.",
    references: { seed: { pillar: SEED.network, phases: ['experimentation'] } },
    remediation: {
      text: "Keep DomainSettings.DockerSettings.VpcOnlyTrustedAccounts to accounts you own (UpdateDomain), ideally only the domain's account and your shared image registry account.",
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DockerSettings.html',
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure =
      fieldFailure(resource, 'DomainSettings') ??
      fieldFailure(resource, 'AppNetworkAccessType');
    if (failure) return failure;
    if (!dockerAccessEnabled(resource.description)) {
      return notApplicable(`${resource.name} does not allow Docker access.`);
    }
    // Absent AppNetworkAccessType means PublicInternetOnly (AWS's default).
    if (getPath(resource.description, 'AppNetworkAccessType') !== 'VpcOnly') {
      return notApplicable(
        `${resource.name} is not VPC-only: trusted accounts do not apply.`,
      );
    }
    const listed = arrayAt(resource.description, PATH).map(String);
    const others = listed.filter(account => account !== resource.accountId);
    const evidence = [
      fieldEvidence(
        resource,
        PATH,
        listed,
        `no account other than ${resource.accountId}`,
      ),
    ];
    return others.length > 0
      ? warn(
          `${resource.name}: Docker trusts images from accounts ${others.join(
            ', ',
          )}; confirm they are yours.`,
          evidence,
        )
      : pass(
          `${resource.name}: Docker trusts no account other than its own.`,
          evidence,
        );
  },
);
