import { defineCheck, DOCS, fieldPresent, SEED } from '../support';

export const partnerAppCustomerManagedKey = defineCheck(
  {
    id: 'partner-app-customer-managed-kms-key',
    pillar: 'encryption',
    title: 'Partner AI App encrypts its data with a customer-managed KMS key',
    severity: 'medium',
    resourceTypes: ['partner-app'],
    rationale:
      'A Partner AI App keeps its data at rest (experiments, evaluations, prompts it screens) under an AWS-owned key unless KmsKeyId names a customer-managed key: an AWS-owned key cannot be audited, rotated on your schedule or revoked. When a key is named, kms-keys-customer-managed and the other key checks judge that key.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Recreate the Partner AI App with KmsKeyId set to a customer-managed key (the key cannot be changed on an existing app).',
      docsUrl: DOCS.partnerApps,
    },
  },
  fieldPresent('KmsKeyId', 'customer-managed KMS key (absent = AWS-owned key)'),
);
