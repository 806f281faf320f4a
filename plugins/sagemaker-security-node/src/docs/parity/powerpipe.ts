import { Peer } from './types';

/** Powerpipe / Steampipe aws-compliance SageMaker controls. */
export const powerpipe: Peer = {
  key: 'powerpipe',
  name: 'Powerpipe / Steampipe aws-compliance (14 SageMaker controls)',
  source:
    'github.com/turbot/steampipe-mod-aws-compliance `all_controls/sagemaker.pp` at commit a1d0b446ef9b96ea64980859fc063d70da20778e (2025-12-06)',
  controls: [
    {
      id: 'sagemaker_notebook_instance_direct_internet_access_disabled',
      title: 'Notebook instance direct internet access is disabled',
      ours: ['notebook-direct-internet-access'],
    },
    {
      id: 'sagemaker_notebook_instance_in_vpc',
      title: 'Notebook instance is in a VPC',
      ours: ['notebook-in-vpc'],
    },
    {
      id: 'sagemaker_notebook_instance_root_access_disabled',
      title: 'Notebook instance root access is disabled',
      ours: ['notebook-root-access-disabled'],
    },
    {
      id: 'sagemaker_endpoint_configuration_prod_instance_count_greater_than_one',
      title: 'Production variants start with more than one instance',
      ours: ['endpoint-config-multiple-instances'],
    },
    {
      id: 'sagemaker_model_network_isolation_enabled',
      title: 'Model network isolation is enabled',
      ours: ['model-network-isolation'],
    },
    {
      id: 'sagemaker_notebook_instance_supported_platform_version',
      title: 'Notebook instance runs a supported platform version',
      ours: ['notebook-platform-supported'],
    },
    {
      id: 'sagemaker_notebook_instance_encryption_at_rest_enabled',
      title: 'Notebook instance is encrypted at rest',
      ours: ['notebook-volume-kms-key'],
    },
    {
      id: 'sagemaker_notebook_instance_encrypted_with_kms_cmk',
      title: 'Notebook instance is encrypted with a customer managed key',
      ours: ['notebook-volume-kms-key', 'kms-keys-customer-managed'],
      note: 'Ours resolves key IDs and aliases before judging; Powerpipe joins on the key ARN only.',
    },
    {
      id: 'sagemaker_endpoint_configuration_encryption_at_rest_enabled',
      title: 'Endpoint configuration is encrypted at rest',
      ours: ['endpoint-config-volume-kms-key'],
    },
    {
      id: 'sagemaker_model_in_vpc',
      title: 'Model is in a VPC',
      ours: ['model-in-vpc'],
    },
    {
      id: 'sagemaker_training_job_in_vpc',
      title: 'Training job is in a VPC',
      ours: ['training-job-in-vpc'],
    },
    {
      id: 'sagemaker_training_job_inter_container_traffic_encryption_enabled',
      title: 'Training job encrypts inter-container traffic',
      ours: ['training-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker_training_job_network_isolation_enabled',
      title: 'Training job network isolation is enabled',
      ours: ['training-job-network-isolation'],
    },
    {
      id: 'sagemaker_training_job_volume_and_data_encryption_enabled',
      title:
        'Training job output is encrypted (Powerpipe reads only the output key)',
      ours: ['training-job-output-and-volume-kms-keys'],
      note: 'Ours requires both the output and the volume key.',
    },
  ],
};
