import {
  CATALOG_RESOURCE_TYPES,
  DEFAULT_COMPONENT_TAG_KEY,
  DEFAULT_OWNER_TAG_KEYS,
} from '@mlsec/plugin-sagemaker-security-common';
import { defineCheck, DOCS, fail, pass, SEED, unknown } from '../support';

export const resourceOwnershipTags = defineCheck(
  {
    id: 'resource-ownership-tags',
    pillar: 'resilience',
    title: 'Resource is tagged with its ML service and owner',
    severity: 'low',
    resourceTypes: [...CATALOG_RESOURCE_TYPES],
    rationale: `Untagged resources belong to no ML service and no team, so their findings reach nobody. The same rule as Security Hub SageMaker.6/.7 and Config's *-tagged rules, with the ${DEFAULT_COMPONENT_TAG_KEY} and ${DEFAULT_OWNER_TAG_KEYS.join(
      '/',
    )} keys.`,
    references: {
      securityHub: ['SageMaker.6', 'SageMaker.7'],
      configRules: [
        'sagemaker-domain-tagged',
        'sagemaker-feature-group-tagged',
        'sagemaker-app-image-config-tagged',
        'sagemaker-image-tagged',
      ],
      seed: { pillar: SEED.compliance, phases: ['governance'] },
    },
    remediation: {
      text: `Add the ${DEFAULT_COMPONENT_TAG_KEY} tag (the catalog component name) and an ${DEFAULT_OWNER_TAG_KEYS[0]} tag (the owning team) with AddTags.`,
      docsUrl: DOCS.tagging,
    },
  },
  context => {
    const { resource } = context;
    const tagError = resource.errors.find(
      error =>
        error.field === 'tags' ||
        error.action.toLowerCase() === 'sagemaker:listtags',
    );
    if (tagError) {
      return unknown(
        `Tags of ${resource.name} could not be read: ${tagError.message}.`,
        [tagError.action],
      );
    }
    const missing = [
      ...(resource.tags[DEFAULT_COMPONENT_TAG_KEY]
        ? []
        : [DEFAULT_COMPONENT_TAG_KEY]),
      ...(DEFAULT_OWNER_TAG_KEYS.some(key => resource.tags[key])
        ? []
        : [DEFAULT_OWNER_TAG_KEYS.join(' or ')]),
    ];
    const evidence = [
      {
        path: 'ListTags.Tags',
        observed: Object.keys(resource.tags),
        expected: [DEFAULT_COMPONENT_TAG_KEY, DEFAULT_OWNER_TAG_KEYS[0]],
        relatedArn: resource.arn,
      },
    ];
    return missing.length > 0
      ? fail(
          `${resource.name} lacks the ${missing.join(', ')} tag(s).`,
          evidence,
        )
      : pass(`${resource.name} names its ML service and owner.`, evidence);
  },
);
