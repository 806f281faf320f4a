import { Peer } from './types';

/** How the tagging controls on app image configurations and images are met. */
export const TAGGING_NOTE =
  'Ours requires the ML service and owner tags (read with ListTags); the peer control takes the required keys as a parameter, or any tag.';

/** AWS Security Hub CSPM, Foundational Security Best Practices: SageMaker.1–25. */
export const securityHub: Peer = {
  key: 'securityHub',
  name: 'AWS Security Hub CSPM (FSBP SageMaker.1–25)',
  source:
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html',
  controls: [
    {
      id: 'SageMaker.1',
      title: 'Notebook instances should not have direct internet access',
      ours: ['notebook-direct-internet-access'],
    },
    {
      id: 'SageMaker.2',
      title: 'Notebook instances should be launched in a custom VPC',
      ours: ['notebook-in-vpc'],
    },
    {
      id: 'SageMaker.3',
      title: 'Users should not have root access to notebook instances',
      ours: ['notebook-root-access-disabled'],
    },
    {
      id: 'SageMaker.4',
      title:
        'Endpoint production variants should have an initial instance count greater than 1',
      ours: ['endpoint-config-multiple-instances'],
      note: 'Serverless variants are not_applicable, as the control intends.',
    },
    {
      id: 'SageMaker.5',
      title: 'Models should have network isolation enabled',
      ours: ['model-network-isolation'],
    },
    {
      id: 'SageMaker.6',
      title: 'App image configurations should be tagged',
      ours: ['resource-ownership-tags'],
      note: TAGGING_NOTE,
    },
    {
      id: 'SageMaker.7',
      title: 'Images should be tagged',
      ours: ['resource-ownership-tags'],
      note: TAGGING_NOTE,
    },
    {
      id: 'SageMaker.8',
      title: 'Notebook instances should run on supported platforms',
      ours: ['notebook-platform-supported'],
    },
    {
      id: 'SageMaker.9',
      title:
        'Data quality job definitions should have inter-container traffic encryption enabled',
      ours: ['data-quality-job-inter-container-encryption'],
    },
    {
      id: 'SageMaker.10',
      title:
        'Model explainability job definitions should have inter-container traffic encryption enabled',
      ours: ['model-explainability-job-inter-container-encryption'],
    },
    {
      id: 'SageMaker.11',
      title:
        'Data quality job definitions should have network isolation enabled',
      ours: ['data-quality-job-network-isolation'],
    },
    {
      id: 'SageMaker.12',
      title: 'Model bias job definitions should have network isolation enabled',
      ours: ['model-bias-job-network-isolation'],
    },
    {
      id: 'SageMaker.13',
      title:
        'Model quality job definitions should have inter-container traffic encryption enabled',
      ours: ['model-quality-job-inter-container-encryption'],
    },
    {
      id: 'SageMaker.14',
      title: 'Monitoring schedules should have network isolation enabled',
      ours: ['monitoring-schedule-network-isolation'],
    },
    {
      id: 'SageMaker.15',
      title:
        'Model bias job definitions should have inter-container traffic encryption enabled',
      ours: ['model-bias-job-inter-container-encryption'],
    },
    {
      id: 'SageMaker.16',
      title:
        'Models should use a private registry in the VPC for the primary container',
      ours: ['model-primary-container-private-registry'],
    },
    {
      id: 'SageMaker.17',
      title: 'Feature group offline stores should be encrypted with KMS keys',
      ours: ['feature-group-offline-store-kms-key'],
    },
    {
      id: 'SageMaker.18',
      title:
        'Feature group online stores (Standard storage) should be encrypted with KMS keys',
      ours: ['feature-group-online-store-kms-key'],
    },
    {
      id: 'SageMaker.19',
      title:
        'Models should use a private registry in the VPC for multi-container inference',
      ours: ['model-containers-private-registry'],
    },
    {
      id: 'SageMaker.20',
      title:
        'Model explainability job definitions should have network isolation enabled',
      ours: ['model-explainability-job-network-isolation'],
    },
    {
      id: 'SageMaker.21',
      title:
        'Notebook instances should be encrypted with customer managed KMS keys',
      ours: ['notebook-volume-kms-key', 'kms-keys-customer-managed'],
      note: 'The key is resolved with kms:DescribeKey, so an AWS managed key (alias aws/sagemaker) does not pass as customer managed.',
    },
    {
      id: 'SageMaker.22',
      title:
        'Monitoring schedules should have inter-container traffic encryption enabled',
      ours: ['monitoring-schedule-inter-container-encryption'],
    },
    {
      id: 'SageMaker.23',
      title:
        'Inference experiments should encrypt instance storage with customer managed KMS keys',
      ours: [
        'inference-experiment-volume-kms-key',
        'kms-keys-customer-managed',
      ],
    },
    {
      id: 'SageMaker.24',
      title:
        'Inference experiments should encrypt captured data with customer managed KMS keys',
      ours: [
        'inference-experiment-data-storage-kms-key',
        'kms-keys-customer-managed',
      ],
    },
    {
      id: 'SageMaker.25',
      title:
        'Model quality job definitions should have network isolation enabled',
      ours: ['model-quality-job-network-isolation'],
    },
  ],
};
