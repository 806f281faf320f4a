import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import { defineCheck, DOCS, fieldValue, SEED } from '../support';

export const domainVpcOnly = defineCheck(
  {
    id: 'domain-vpc-only',
    pillar: 'network',
    title: 'Studio domain sends all traffic through your VPC',
    severity: 'high',
    resourceTypes: ['domain'],
    rationale:
      'In PublicInternetOnly mode (the default) Studio apps reach the internet through a SageMaker-managed network, bypassing your VPC controls.',
    references: {
      configRules: ['sagemaker-domain-in-vpc'],
      seed: { pillar: SEED.network, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set AppNetworkAccessType = VpcOnly (UpdateDomain with all apps stopped) and provide VPC endpoints or a NAT gateway.',
      docsUrl: DOCS.studioVpc,
      template: DOMAIN_TEMPLATE,
    },
  },
  fieldValue({
    path: 'AppNetworkAccessType',
    expected: 'VpcOnly',
    absentMeans: 'PublicInternetOnly',
    label: 'app network access type',
  }),
);
