import { TAGGING_NOTE } from './securityHub';
import { Peer } from './types';

/** AWS Config managed rules named `sagemaker-*`. */
export const awsConfig: Peer = {
  key: 'awsConfig',
  name: 'AWS Config managed rules (`sagemaker-*`)',
  source:
    'https://docs.aws.amazon.com/config/latest/developerguide/ (one page per rule; documentation history of April/May 2026)',
  controls: [
    {
      id: 'sagemaker-app-image-config-tagged',
      title: 'App image configurations have the required tags',
      ours: ['resource-ownership-tags'],
      note: TAGGING_NOTE,
    },
    {
      id: 'sagemaker-data-quality-job-encrypt-in-transit',
      title: 'Data quality job definitions encrypt inter-container traffic',
      ours: ['data-quality-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker-data-quality-job-isolation',
      title: 'Data quality job definitions enable network isolation',
      ours: ['data-quality-job-network-isolation'],
    },
    {
      id: 'sagemaker-domain-in-vpc',
      title: 'Studio domains use VpcOnly network access',
      ours: ['domain-vpc-only'],
    },
    {
      id: 'sagemaker-domain-tagged',
      title: 'Studio domains have the required tags',
      ours: ['resource-ownership-tags'],
      note: 'Ours requires the ML service and owner tags; the Config rule takes the required keys as a parameter.',
    },
    {
      id: 'sagemaker-endpoint-config-kms-key-required',
      title: 'Endpoint configurations set a KMS key',
      ours: ['endpoint-config-volume-kms-key'],
    },
    {
      id: 'sagemaker-endpoint-config-prod-instance-count',
      title: 'Production variants start with more than one instance',
      ours: ['endpoint-config-multiple-instances'],
    },
    {
      id: 'sagemaker-endpoint-configuration-kms-key-configured',
      title: 'Endpoint configurations set a KMS key (optionally from a list)',
      ours: ['endpoint-config-volume-kms-key'],
    },
    {
      id: 'sagemaker-feature-group-tagged',
      title: 'Feature groups have the required tags',
      ours: ['resource-ownership-tags'],
      note: 'Ours requires the ML service and owner tags; the Config rule takes the required keys as a parameter.',
    },
    {
      id: 'sagemaker-featuregroup-encryption-at-rest',
      title: 'Feature group offline stores are encrypted with a KMS key',
      ours: ['feature-group-offline-store-kms-key'],
    },
    {
      id: 'sagemaker-featuregroup-online-store-encryption',
      title:
        'Feature group online stores (Standard storage) are encrypted with a KMS key',
      ours: ['feature-group-online-store-kms-key'],
    },
    {
      id: 'sagemaker-image-description',
      title: 'SageMaker images have a description',
      outOfScope:
        'A documentation field with no security effect. The rule was seen only in a third-party re-implementation, not in the AWS Config documentation.',
    },
    {
      id: 'sagemaker-image-tagged',
      title: 'SageMaker images have the required tags',
      ours: ['resource-ownership-tags'],
      note: TAGGING_NOTE,
    },
    {
      id: 'sagemaker-inf-experiment-data-storage-kms-encrypted',
      title: 'Inference experiments encrypt captured data with a KMS key',
      ours: ['inference-experiment-data-storage-kms-key'],
    },
    {
      id: 'sagemaker-inf-experiment-instance-storage-kms-encrypted',
      title: 'Inference experiments encrypt instance storage with a KMS key',
      ours: ['inference-experiment-volume-kms-key'],
    },
    {
      id: 'sagemaker-model-bias-job-encrypt-in-transit',
      title: 'Model bias job definitions encrypt inter-container traffic',
      ours: ['model-bias-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker-model-bias-job-isolation',
      title: 'Model bias job definitions enable network isolation',
      ours: ['model-bias-job-network-isolation'],
    },
    {
      id: 'sagemaker-model-explainability-job-encrypt-in-transit',
      title:
        'Model explainability job definitions encrypt inter-container traffic',
      ours: ['model-explainability-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker-model-explainability-job-network-isolation',
      title: 'Model explainability job definitions enable network isolation',
      ours: ['model-explainability-job-network-isolation'],
    },
    {
      id: 'sagemaker-model-in-vpc',
      title: 'Models have a VPC configuration',
      ours: ['model-in-vpc'],
    },
    {
      id: 'sagemaker-model-isolation-enabled',
      title: 'Models enable network isolation',
      ours: ['model-network-isolation'],
    },
    {
      id: 'sagemaker-model-multicontainer-private-registry',
      title:
        'Multi-container models pull images from a private registry in the VPC',
      ours: ['model-containers-private-registry'],
    },
    {
      id: 'sagemaker-model-private-registry-required',
      title: 'Model primary containers pull from a private registry in the VPC',
      ours: ['model-primary-container-private-registry'],
    },
    {
      id: 'sagemaker-model-quality-job-definition-isolation',
      title: 'Model quality job definitions enable network isolation',
      ours: ['model-quality-job-network-isolation'],
    },
    {
      id: 'sagemaker-model-quality-job-encrypt-in-transit',
      title: 'Model quality job definitions encrypt inter-container traffic',
      ours: ['model-quality-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker-monitoring-schedule-isolation',
      title: 'Monitoring schedules enable network isolation',
      ours: ['monitoring-schedule-network-isolation'],
    },
    {
      id: 'sagemaker-monitoring-schedule-traffic-encryption',
      title: 'Monitoring schedules encrypt inter-container traffic',
      ours: ['monitoring-schedule-inter-container-encryption'],
    },
    {
      id: 'sagemaker-notebook-instance-inside-vpc',
      title: 'Notebook instances run in a VPC (optionally in listed subnets)',
      ours: ['notebook-in-vpc'],
    },
    {
      id: 'sagemaker-notebook-instance-kms-key-configured',
      title: 'Notebook instances set a KMS key',
      ours: ['notebook-volume-kms-key'],
    },
    {
      id: 'sagemaker-notebook-instance-platform-version',
      title: 'Notebook instances run a supported platform',
      ours: ['notebook-platform-supported'],
    },
    {
      id: 'sagemaker-notebook-instance-root-access-check',
      title: 'Notebook instances disable root access',
      ours: ['notebook-root-access-disabled'],
    },
    {
      id: 'sagemaker-notebook-instance-storage-vol-kms-encrypted',
      title:
        'Notebook storage volumes are encrypted with a customer managed key',
      ours: ['notebook-volume-kms-key', 'kms-keys-customer-managed'],
    },
    {
      id: 'sagemaker-notebook-no-direct-internet-access',
      title: 'Notebook instances have no direct internet access',
      ours: ['notebook-direct-internet-access'],
    },
  ],
};
