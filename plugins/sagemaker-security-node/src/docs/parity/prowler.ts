import { Peer } from './types';

const SOURCE =
  'github.com/prowler-cloud/prowler `prowler/providers/aws/services/sagemaker/` at commit 3e000faa3109230b748e4418a13c11c9e59f5cfb (2026-08-21)';

/** Prowler's 17 `sagemaker_*` checks. */
export const prowler: Peer = {
  key: 'prowler',
  name: 'Prowler (17 SageMaker checks)',
  source: SOURCE,
  controls: [
    {
      id: 'sagemaker_notebook_instance_encryption_enabled',
      title: 'Notebook storage volume has a KMS key',
      ours: ['notebook-volume-kms-key'],
    },
    {
      id: 'sagemaker_notebook_instance_root_access_disabled',
      title: 'Notebook root access is disabled',
      ours: ['notebook-root-access-disabled'],
    },
    {
      id: 'sagemaker_notebook_instance_vpc_settings_configured',
      title: 'Notebook runs in a VPC (SubnetId set)',
      ours: ['notebook-in-vpc'],
    },
    {
      id: 'sagemaker_notebook_instance_without_direct_internet_access_configured',
      title: 'Notebook direct internet access is disabled',
      ours: ['notebook-direct-internet-access'],
      note: 'Prowler read RootAccess for this verdict until PR #12659; we read DirectInternetAccess (pinned by the correctness-trap tests).',
    },
    {
      id: 'sagemaker_notebook_instance_no_secrets',
      title: 'Notebook lifecycle scripts hold no hard-coded secrets',
      ours: ['notebook-lifecycle-no-secrets'],
    },
    {
      id: 'sagemaker_models_network_isolation_enabled',
      title: 'Model network isolation is enabled',
      ours: ['model-network-isolation'],
    },
    {
      id: 'sagemaker_models_vpc_settings_configured',
      title: 'Model has a VPC configuration',
      ours: ['model-in-vpc'],
    },
    {
      id: 'sagemaker_endpoint_config_kms_encryption_enabled',
      title: 'Endpoint configuration storage volume has a KMS key',
      ours: ['endpoint-config-volume-kms-key'],
    },
    {
      id: 'sagemaker_endpoint_config_prod_variant_instances',
      title: 'Every production variant starts with at least 2 instances',
      ours: ['endpoint-config-multiple-instances'],
      note: 'Serverless variants are not_applicable here; Prowler fails them.',
    },
    {
      id: 'sagemaker_training_jobs_intercontainer_encryption_enabled',
      title: 'Training inter-container traffic is encrypted',
      ours: ['training-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker_training_jobs_network_isolation_enabled',
      title: 'Training job network isolation is enabled',
      ours: ['training-job-network-isolation'],
    },
    {
      id: 'sagemaker_training_jobs_volume_and_output_encryption_enabled',
      title:
        'Training volume has a KMS key (Prowler reads only the volume key)',
      ours: ['training-job-output-and-volume-kms-keys'],
      note: 'Ours requires both the output and the volume key.',
    },
    {
      id: 'sagemaker_training_jobs_vpc_settings_configured',
      title: 'Training job has a VPC configuration',
      ours: ['training-job-in-vpc'],
    },
    {
      id: 'sagemaker_domain_sso_configured',
      title: 'Studio domain uses IAM Identity Center (SSO)',
      ours: ['domain-sso-authentication'],
    },
    {
      id: 'sagemaker_models_monitor_enabled',
      title:
        'At least one Model Monitor schedule in the region is Scheduled (region-level)',
      ours: ['endpoint-model-monitor-schedule'],
      note: 'Ours is per endpoint, not one finding per region.',
    },
    {
      id: 'sagemaker_models_registry_in_use',
      title: 'The Model Registry has an Approved model package (region-level)',
      ours: ['endpoint-models-approved-packages'],
      note: 'Ours asks, per endpoint, whether the served models come from Approved packages.',
    },
    {
      id: 'sagemaker_clarify_exists',
      title:
        'At least one Clarify processing job exists in the region (region-level)',
      outOfScope:
        'An adoption indicator for the whole region: whether some Clarify job ever ran says nothing about the posture of any resource, and it fails once per region that does not use SageMaker. Continuous monitoring of a live endpoint is judged by `endpoint-model-monitor-schedule`.',
    },
  ],
};

/**
 * Prowler's SageMaker checks beyond the 17: the open issues and pull requests
 * of August 2026 and the one IAM check about SageMaker.
 */
export const prowlerProposed: Peer = {
  key: 'prowlerProposed',
  name: 'Prowler (open SageMaker proposals and the SageMaker IAM check)',
  source:
    'github.com/prowler-cloud/prowler issues #12574–#12606 and check `iam_user_access_not_stale_to_sagemaker` (#11000)',
  controls: [
    {
      id: 'sagemaker_domain_vpc_only_enabled',
      title: 'Studio domain network access is VpcOnly (#12574, PR #12581)',
      ours: ['domain-vpc-only'],
    },
    {
      id: 'sagemaker_domain_encrypted_with_cmk',
      title:
        'Studio domain storage is encrypted with a customer managed key (#12575, PR #12586)',
      ours: ['domain-storage-kms-key', 'kms-keys-customer-managed'],
    },
    {
      id: 'sagemaker_full_access_policy_attached',
      title: 'No role has AmazonSageMakerFullAccess attached (#12576)',
      ours: ['execution-role-no-full-access-policies'],
      note: 'Ours judges the execution roles SageMaker resources use, for any *FullAccess or administrator policy.',
    },
    {
      id: 'sagemaker_monitoring_schedule_network_isolation_enabled',
      title: 'Monitoring schedules enable network isolation (#12598)',
      ours: ['monitoring-schedule-network-isolation'],
    },
    {
      id: 'sagemaker_automl_job_intercontainer_encryption_enabled',
      title: 'AutoML jobs encrypt inter-container traffic (#12605)',
      ours: ['automl-job-inter-container-encryption'],
    },
    {
      id: 'sagemaker_model_package_manual_approval_required',
      title: 'Model packages go through a manual approval step (#12606)',
      ours: ['model-package-manual-approval'],
      note: 'Ours judges every versioned package, not only the latest of its group: Approved at registration and never modified (`DescribeModelPackage` has no `LastModifiedTime` after `CreationTime`) fails; approved by a later update, PendingManualApproval or Rejected passes. `endpoint-models-approved-packages` also requires that endpoints serve Approved packages.',
    },
    {
      id: 'iam_user_access_not_stale_to_sagemaker',
      title:
        'IAM users with SageMaker permissions used SageMaker in the last 90 days',
      outOfScope:
        'It judges IAM users (people), not SageMaker resources or the roles they run as; the catalogue evaluates each SageMaker resource and what it uses.',
    },
  ],
};
