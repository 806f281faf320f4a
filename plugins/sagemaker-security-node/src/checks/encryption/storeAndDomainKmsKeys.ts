import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  expectPresent,
  fieldFailure,
  fieldPresent,
  getPath,
  notApplicable,
  SEED,
} from '../support';

export const domainStorageKmsKey = defineCheck(
  {
    id: 'domain-storage-kms-key',
    pillar: 'encryption',
    title: 'Studio domain encrypts its shared EFS volume with a KMS key',
    severity: 'medium',
    resourceTypes: ['domain'],
    rationale:
      "The domain's EFS volume holds every user's home directory, notebooks and data copies.",
    references: {
      checkov: ['CKV_AWS_187'],
      seed: { pillar: SEED.dataProtection, phases: ['experimentation'] },
    },
    remediation: {
      text: 'The domain KmsKeyId is set at creation: create a new domain with a customer-managed key and migrate users.',
      docsUrl: DOCS.keyManagement,
      template: DOMAIN_TEMPLATE,
    },
  },
  fieldPresent('KmsKeyId', 'EFS KMS key'),
);

export const domainSharingKmsKey = defineCheck(
  {
    id: 'domain-notebook-sharing-kms-key',
    pillar: 'encryption',
    title: 'Studio notebook sharing encrypts shared snapshots with a KMS key',
    severity: 'low',
    resourceTypes: ['domain'],
    rationale:
      'When notebook sharing is allowed, snapshots of notebooks and their outputs are copied to S3.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set DefaultUserSettings.SharingSettings.S3KmsKeyId (UpdateDomain), or disable notebook output sharing.',
      docsUrl: DOCS.keyManagement,
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const path = 'DefaultUserSettings.SharingSettings';
    const failure = fieldFailure(context.resource, path);
    if (failure) return failure;
    const option = getPath(
      context.resource.description,
      `${path}.NotebookOutputOption`,
    );
    if (option !== 'Allowed') {
      return notApplicable(
        `${context.resource.name}: notebook output sharing is not allowed.`,
      );
    }
    return expectPresent(context, `${path}.S3KmsKeyId`, 'sharing KMS key');
  },
);

export const featureGroupOfflineStoreKmsKey = defineCheck(
  {
    id: 'feature-group-offline-store-kms-key',
    pillar: 'encryption',
    title: 'Feature group offline store is encrypted with a KMS key',
    severity: 'medium',
    resourceTypes: ['feature-group'],
    rationale: 'The offline store keeps the full history of features in S3.',
    references: {
      securityHub: ['SageMaker.17'],
      configRules: ['sagemaker-featuregroup-encryption-at-rest'],
      seed: { pillar: SEED.dataProtection, phases: ['data-preparation'] },
    },
    remediation: {
      text: 'Feature group storage settings are immutable: create a new feature group with OfflineStoreConfig.S3StorageConfig.KmsKeyId set.',
      docsUrl: DOCS.featureStoreSecurity,
    },
  },
  context => {
    if (
      getPath(context.resource.description, 'OfflineStoreConfig') === undefined
    ) {
      const failure = fieldFailure(context.resource, 'OfflineStoreConfig');
      return (
        failure ??
        notApplicable(`${context.resource.name} has no offline store.`)
      );
    }
    return expectPresent(
      context,
      'OfflineStoreConfig.S3StorageConfig.KmsKeyId',
      'offline store KMS key',
    );
  },
);

export const featureGroupOnlineStoreKmsKey = defineCheck(
  {
    id: 'feature-group-online-store-kms-key',
    pillar: 'encryption',
    title:
      'Feature group online store (Standard storage) is encrypted with a KMS key',
    severity: 'medium',
    resourceTypes: ['feature-group'],
    rationale:
      'The online store serves the latest feature values at low latency.',
    references: {
      securityHub: ['SageMaker.18'],
      configRules: ['sagemaker-featuregroup-online-store-encryption'],
      seed: {
        pillar: SEED.dataProtection,
        phases: ['data-preparation', 'deployment'],
      },
    },
    remediation: {
      text: 'Create the feature group with OnlineStoreConfig.SecurityConfig.KmsKeyId set.',
      docsUrl: DOCS.featureStoreSecurity,
    },
  },
  context => {
    const online = getPath(context.resource.description, 'OnlineStoreConfig');
    if (online === undefined) {
      const failure = fieldFailure(context.resource, 'OnlineStoreConfig');
      return (
        failure ??
        notApplicable(`${context.resource.name} has no online store.`)
      );
    }
    if (getPath(online, 'StorageType') === 'InMemory') {
      return notApplicable(
        `${context.resource.name}: in-memory online stores are out of scope (Standard storage only).`,
      );
    }
    return expectPresent(
      context,
      'OnlineStoreConfig.SecurityConfig.KmsKeyId',
      'online store KMS key',
    );
  },
);

export const inferenceExperimentVolumeKmsKey = defineCheck(
  {
    id: 'inference-experiment-volume-kms-key',
    pillar: 'encryption',
    title: 'Inference experiment encrypts instance storage with a KMS key',
    severity: 'medium',
    resourceTypes: ['inference-experiment'],
    rationale:
      'Shadow variants host a model copy on their own instance storage.',
    references: {
      securityHub: ['SageMaker.23'],
      configRules: ['sagemaker-inf-experiment-instance-storage-kms-encrypted'],
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: 'Create the inference experiment with KmsKey set to a customer-managed key.',
      docsUrl: DOCS.shadowTests,
    },
  },
  fieldPresent('KmsKey', 'instance storage KMS key'),
);

export const inferenceExperimentDataKmsKey = defineCheck(
  {
    id: 'inference-experiment-data-storage-kms-key',
    pillar: 'encryption',
    title: 'Inference experiment encrypts captured data with a KMS key',
    severity: 'medium',
    resourceTypes: ['inference-experiment'],
    rationale:
      "Shadow tests capture production requests and both variants' responses.",
    references: {
      securityHub: ['SageMaker.24'],
      configRules: ['sagemaker-inf-experiment-data-storage-kms-encrypted'],
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: 'Set DataStorageConfig.KmsKey when creating the inference experiment.',
      docsUrl: DOCS.shadowTests,
    },
  },
  context => {
    if (
      getPath(context.resource.description, 'DataStorageConfig') === undefined
    ) {
      const failure = fieldFailure(context.resource, 'DataStorageConfig');
      return (
        failure ??
        notApplicable(`${context.resource.name} does not capture data.`)
      );
    }
    return expectPresent(
      context,
      'DataStorageConfig.KmsKey',
      'data storage KMS key',
    );
  },
);
