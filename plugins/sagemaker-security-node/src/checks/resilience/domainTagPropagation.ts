import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import { defineCheck, fieldValue, SEED } from '../support';

export const domainTagPropagation = defineCheck(
  {
    id: 'domain-tag-propagation',
    pillar: 'resilience',
    title: 'Studio domain propagates its tags to the resources users create',
    severity: 'low',
    resourceTypes: ['domain'],
    rationale:
      'With TagPropagation ENABLED the domain and user profile tags are copied to the SageMaker resources users create from Studio, so they carry the ML service and owner tags this scanner and cost reports rely on. AWS defaults it to DISABLED.',
    references: { seed: { pillar: SEED.compliance, phases: ['governance'] } },
    remediation: {
      text: 'Set TagPropagation = ENABLED (UpdateDomain); restart running apps for it to take effect.',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/dg/custom-tags.html',
      template: DOMAIN_TEMPLATE,
    },
  },
  fieldValue({
    path: 'TagPropagation',
    expected: 'ENABLED',
    absentMeans: 'DISABLED',
    label: 'tag propagation',
  }),
);
