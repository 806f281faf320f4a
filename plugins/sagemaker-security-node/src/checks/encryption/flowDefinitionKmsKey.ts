import { defineCheck, DOCS, SEED } from '../support';
import { requireKeys } from './keyRequirements';

/** Checkov CKV_AWS_372: a human review workflow's output is encrypted with a KMS key. */
export const flowDefinitionKmsKey = defineCheck(
  {
    id: 'flow-definition-output-kms-key',
    pillar: 'encryption',
    title: 'Human review workflow encrypts reviewers’ output with a KMS key',
    severity: 'medium',
    resourceTypes: ['flow-definition'],
    rationale:
      'A human review workflow (Amazon A2I flow definition) writes the reviewed items and the reviewers’ answers, often the documents and images a model was unsure about, to OutputConfig.S3OutputPath; without OutputConfig.KmsKeyId no key policy of yours governs who can read them.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: 'Flow definitions cannot be updated: create the workflow again with OutputConfig.KmsKeyId set to a customer managed key, point the callers at it and delete the old one.',
      docsUrl: DOCS.humanReviewWorkflow,
    },
  },
  context =>
    requireKeys(context, [
      {
        path: 'OutputConfig.KmsKeyId',
        label: 'output KMS key',
        notApplicable: undefined,
      },
    ]),
);
