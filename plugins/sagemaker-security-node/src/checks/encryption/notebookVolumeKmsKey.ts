import { NOTEBOOK_TEMPLATE } from '../../remediation/templates';
import { defineCheck, DOCS, fieldPresent, SEED } from '../support';

export const notebookVolumeKmsKey = defineCheck(
  {
    id: 'notebook-volume-kms-key',
    pillar: 'encryption',
    title: 'Notebook instance storage volume is encrypted with a KMS key',
    severity: 'high',
    resourceTypes: ['notebook-instance'],
    rationale:
      'Without KmsKeyId the ML storage volume of the notebook, which holds datasets and code, is encrypted only with an AWS-owned key you cannot control, audit or revoke.',
    references: {
      securityHub: ['SageMaker.21'],
      configRules: [
        'sagemaker-notebook-instance-kms-key-configured',
        'sagemaker-notebook-instance-storage-vol-kms-encrypted',
      ],
      prowler: ['sagemaker_notebook_instance_encryption_enabled'],
      checkov: ['CKV_AWS_22', 'CKV_AWS_187'],
      powerpipe: ['sagemaker_notebook_instance_encryption_at_rest_enabled'],
      seed: {
        pillar: SEED.dataProtection,
        phases: ['experimentation', 'data-preparation'],
      },
    },
    remediation: {
      text: 'Recreate the notebook instance with KmsKeyId set to a customer-managed key (the volume key cannot be changed in place).',
      docsUrl: DOCS.encryptionAtRest,
      template: NOTEBOOK_TEMPLATE,
    },
  },
  fieldPresent('KmsKeyId', 'storage volume KMS key'),
);
