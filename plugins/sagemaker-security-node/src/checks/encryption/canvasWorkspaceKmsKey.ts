import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import { defineCheck, fieldPresent, SEED } from '../support';

export const domainCanvasWorkspaceKmsKey = defineCheck(
  {
    id: 'domain-canvas-workspace-kms-key',
    pillar: 'encryption',
    title: 'Canvas encrypts its workspace artifacts with a KMS key',
    severity: 'low',
    resourceTypes: ['domain'],
    // CloudFormation's AWS::SageMaker::Domain UserSettings has no
    // CanvasAppSettings: the key is set with UpdateDomain, so judged live.
    requiresLiveData: true,
    rationale:
      "Canvas writes imported datasets, model artifacts and batch predictions to its workspace S3 location. Without WorkspaceSettings.S3KmsKeyId they are encrypted only by the bucket's default encryption, which you may not control; the key is also judged by the KMS key checks (customer-managed, rotation, policy).",
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set DefaultUserSettings.CanvasAppSettings.WorkspaceSettings.S3KmsKeyId to a customer-managed key (UpdateDomain); Canvas users log out and back in to apply it.',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_WorkspaceSettings.html',
      template: DOMAIN_TEMPLATE,
    },
  },
  fieldPresent(
    'DefaultUserSettings.CanvasAppSettings.WorkspaceSettings.S3KmsKeyId',
    'Canvas workspace KMS key',
  ),
);
