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
} from '../support';

const RSTUDIO = 'DomainSettings.RStudioServerProDomainSettings';
const URL_FIELDS = ['RStudioConnectUrl', 'RStudioPackageManagerUrl'] as const;

export const domainRStudioUrlsHttps = defineCheck(
  {
    id: 'domain-rstudio-urls-https',
    pillar: 'network',
    title: 'RStudio reaches Connect and Package Manager over HTTPS',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      "RStudioPackageManagerUrl is where every RStudio session of the domain installs R packages from, and RStudioConnectUrl is where users publish to. Over plain HTTP anyone on the path can swap a package (code run with the user's execution role) or read what is published.",
    references: { seed: { pillar: SEED.network, phases: ['experimentation'] } },
    remediation: {
      text: 'Set DomainSettings.RStudioServerProDomainSettings.RStudioConnectUrl and RStudioPackageManagerUrl to https:// URLs (UpdateDomain).',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RStudioServerProDomainSettings.html',
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'DomainSettings');
    if (failure) return failure;
    const settings = getPath(resource.description, RSTUDIO);
    if (settings === undefined || settings === null) {
      return notApplicable(`${resource.name} has no RStudio on the domain.`);
    }
    const urls = URL_FIELDS.flatMap(field => {
      const url = nonEmptyString(getPath(settings, field));
      return url === undefined ? [] : [{ field, url }];
    });
    if (urls.length === 0) {
      return notApplicable(
        `${resource.name}: RStudio has no Connect or Package Manager URL.`,
      );
    }
    const plain = urls.filter(({ url }) => !/^https:\/\//i.test(url));
    const evidence = urls.map(({ field, url }) =>
      fieldEvidence(resource, `${RSTUDIO}.${field}`, url, 'an https:// URL'),
    );
    return plain.length > 0
      ? fail(
          `${resource.name}: RStudio ${plain
            .map(({ field, url }) => `${field} ${url}`)
            .join(', ')} is not HTTPS.`,
          evidence,
        )
      : pass(`${resource.name}: RStudio URLs use HTTPS.`, evidence);
  },
);
