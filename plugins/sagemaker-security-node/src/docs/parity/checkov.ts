import { Peer } from './types';

/** Checkov's SageMaker policies (Terraform and CloudFormation). */
export const checkov: Peer = {
  key: 'checkov',
  name: 'Checkov (13 SageMaker policies, infrastructure code)',
  source:
    'github.com/bridgecrewio/checkov `checkov/{terraform,cloudformation}/checks/resource/aws/Sage*.py` and graph check CKV2_AWS_68 at commit 03d5fdad8d6154b1565799a7b1fb8070c158866f (2026-08-20)',
  controls: [
    {
      id: 'CKV_AWS_22',
      title: 'Notebook instance is encrypted at rest with a KMS key',
      ours: ['notebook-volume-kms-key', 'kms-keys-customer-managed'],
    },
    {
      id: 'CKV_AWS_98',
      title: 'Endpoint configuration is encrypted at rest with a KMS key',
      ours: ['endpoint-config-volume-kms-key'],
    },
    {
      id: 'CKV_AWS_122',
      title: 'Notebook instance has direct internet access disabled',
      ours: ['notebook-direct-internet-access'],
      note: 'An absent DirectInternetAccess is Enabled (the AWS default) and fails here; Checkov passes it.',
    },
    {
      id: 'CKV_AWS_187',
      title: 'Studio domain and notebook instance set a KMS key',
      ours: ['domain-storage-kms-key', 'notebook-volume-kms-key'],
    },
    {
      id: 'CKV_AWS_306',
      title: 'Notebook instance is placed in a subnet (custom VPC)',
      ours: ['notebook-in-vpc'],
    },
    {
      id: 'CKV_AWS_307',
      title: 'Notebook instance root access is disabled',
      ours: ['notebook-root-access-disabled'],
    },
    {
      id: 'CKV_AWS_367',
      title: 'Data quality job definition encrypts its output with a KMS key',
      ours: ['monitoring-job-output-and-volume-kms-keys'],
    },
    {
      id: 'CKV_AWS_368',
      title:
        'Data quality job definition encrypts its storage volume with a KMS key',
      ours: ['monitoring-job-output-and-volume-kms-keys'],
    },
    {
      id: 'CKV_AWS_369',
      title: 'Data quality job definition encrypts inter-container traffic',
      ours: ['data-quality-job-inter-container-encryption'],
    },
    {
      id: 'CKV_AWS_370',
      title: 'Model enables network isolation',
      ours: ['model-network-isolation'],
    },
    {
      id: 'CKV_AWS_371',
      title: 'Notebook instance requires IMDSv2',
      ours: ['notebook-imdsv2-required'],
    },
    {
      id: 'CKV_AWS_372',
      title:
        'Human review (A2I / Ground Truth) flow definition encrypts its output with a KMS key',
      ours: ['flow-definition-output-kms-key'],
      note: 'Ours judges the live flow definitions (`DescribeFlowDefinition.OutputConfig.KmsKeyId`); CloudFormation has no flow definition type, so the pre-deploy validation cannot.',
    },
    {
      id: 'CKV2_AWS_68',
      title:
        'The IAM role connected to a notebook instance allows no `*` action',
      ours: ['execution-role-no-wildcard-actions'],
      note: 'Ours reads the role’s permission policies for every resource type; the CloudFormation variant of Checkov inspects the trust policy instead.',
    },
  ],
};
