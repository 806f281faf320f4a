import { Peer } from './types';

const ADOPTION =
  'An adoption indicator (whether a feature is used at all in the region), not a security setting of a resource; a resource neither passes nor fails it.';

const MONITORING_JOB_ISOLATION = [
  'monitoring-schedule-network-isolation',
  'data-quality-job-network-isolation',
  'model-quality-job-network-isolation',
  'model-bias-job-network-isolation',
  'model-explainability-job-network-isolation',
];

/** The AWS sample `sample-aiml-security-assessment`: SM-01…SM-25. */
export const awsSample: Peer = {
  key: 'awsSample',
  name: 'AWS sample `sample-aiml-security-assessment` (SM-01…SM-25)',
  source:
    'github.com/aws-samples/sample-aiml-security-assessment `docs/SECURITY_CHECKS.md`',
  controls: [
    {
      id: 'SM-01',
      title: 'Internet access: direct internet access on notebooks and domains',
      ours: ['notebook-direct-internet-access', 'domain-vpc-only'],
    },
    {
      id: 'SM-02',
      title:
        'IAM permissions: overly permissive policies, stale access, IAM Identity Center',
      ours: [
        'execution-role-no-full-access-policies',
        'execution-role-no-wildcard-actions',
        'domain-sso-authentication',
      ],
      note: 'Partial: stale access of IAM users is not judged (see Prowler `iam_user_access_not_stale_to_sagemaker`).',
    },
    {
      id: 'SM-03',
      title:
        'Data protection: encryption at rest and in transit for notebooks and domains',
      ours: [
        'notebook-volume-kms-key',
        'domain-storage-kms-key',
        'domain-notebook-sharing-kms-key',
        'kms-keys-customer-managed',
      ],
    },
    {
      id: 'SM-04',
      title: 'Amazon GuardDuty runtime threat detection is enabled',
      ours: ['guardduty-enabled-in-region'],
      note: 'Region-level, judged on the notebooks, domains and endpoints of each region (as `cloudtrail-logging-in-region`): no detector or a suspended one fails; an enabled detector without `RUNTIME_MONITORING` (or `EKS_RUNTIME_MONITORING`) is a warning.',
    },
    {
      id: 'SM-05',
      title: 'MLOps features: pipelines, experiment tracking, model registry',
      ours: ['endpoint-models-approved-packages'],
      note: `Partial: the registry, judged per endpoint. Whether pipelines and experiments are used is not judged: ${ADOPTION}`,
    },
    {
      id: 'SM-06',
      title: 'Clarify is used for bias detection and explainability',
      outOfScope: ADOPTION,
    },
    {
      id: 'SM-07',
      title: 'Model Monitor is configured for drift detection',
      ours: [
        'endpoint-model-monitor-schedule',
        'monitoring-schedule-last-execution-healthy',
      ],
    },
    {
      id: 'SM-08',
      title: 'Model registry usage and permissions',
      ours: [
        'endpoint-models-approved-packages',
        'model-package-group-policy-not-public',
      ],
    },
    {
      id: 'SM-09',
      title: 'Notebook root access is disabled',
      ours: ['notebook-root-access-disabled'],
    },
    {
      id: 'SM-10',
      title: 'Notebooks are deployed in a VPC',
      ours: ['notebook-in-vpc'],
    },
    {
      id: 'SM-11',
      title: 'Inference containers have network isolation',
      ours: [
        'model-network-isolation',
        'inference-component-network-isolation',
      ],
      note: 'Broader: containers of inference components are judged through their endpoint configuration and model, which the sample does not read.',
    },
    {
      id: 'SM-12',
      title: 'Endpoints have 2 or more instances',
      ours: ['endpoint-config-multiple-instances'],
      note: 'Serverless variants are not_applicable; the sample failed them until PR #51.',
    },
    {
      id: 'SM-13',
      title: 'Monitoring jobs have network isolation',
      ours: MONITORING_JOB_ISOLATION,
      note: 'A schedule that names a job definition is not_applicable to the schedule check; the named definition is judged by its own check (the sample false-failed such schedules until PR #51).',
    },
    {
      id: 'SM-14',
      title: 'Model container repository access',
      ours: [
        'model-primary-container-private-registry',
        'model-containers-private-registry',
      ],
    },
    {
      id: 'SM-15',
      title: 'Feature group encryption',
      ours: [
        'feature-group-offline-store-kms-key',
        'feature-group-online-store-kms-key',
      ],
    },
    {
      id: 'SM-16',
      title: 'Data quality job encryption',
      ours: [
        'data-quality-job-inter-container-encryption',
        'monitoring-job-output-and-volume-kms-keys',
      ],
    },
    {
      id: 'SM-17',
      title: 'Processing job encryption',
      ours: [
        'processing-job-output-and-volume-kms-keys',
        'processing-job-inter-container-encryption',
      ],
    },
    {
      id: 'SM-18',
      title: 'Transform job volume encryption',
      ours: ['transform-job-output-and-volume-kms-keys'],
    },
    {
      id: 'SM-19',
      title: 'Hyperparameter tuning job encryption',
      ours: [
        'hpo-job-output-and-volume-kms-keys',
        'hpo-job-inter-container-encryption',
      ],
    },
    {
      id: 'SM-20',
      title: 'Compilation job encryption',
      ours: ['compilation-job-output-kms-key', 'compilation-job-in-vpc'],
      note: 'Ours also requires the VPC (`VpcConfig`); whether the key is customer-managed is `kms-keys-customer-managed`.',
    },
    {
      id: 'SM-21',
      title: 'AutoML job network isolation',
      ours: [
        'automl-job-in-vpc',
        'automl-job-inter-container-encryption',
        'automl-job-output-and-volume-kms-keys',
      ],
      note: 'AutoML jobs have no network isolation setting: ours reads `DescribeAutoMLJobV2.SecurityConfig` (`VpcConfig`, `EnableInterContainerTrafficEncryption`, `VolumeKmsKeyId`) and the output key.',
    },
    {
      id: 'SM-22',
      title: 'Model approval and governance workflow',
      ours: ['endpoint-models-approved-packages'],
      note: 'Per endpoint: the served models come from Approved packages. Whether a package was approved by a person is not judged (see Prowler #12606).',
    },
    {
      id: 'SM-23',
      title: 'Model drift monitoring is configured',
      ours: [
        'endpoint-model-monitor-schedule',
        'monitoring-schedule-last-execution-healthy',
      ],
    },
    {
      id: 'SM-24',
      title: 'A/B testing and shadow deployment patterns are used',
      outOfScope:
        'A release-engineering practice (shadow variants, traffic splitting), not a security setting; whether it is used says nothing about the posture of a resource.',
    },
    {
      id: 'SM-25',
      title: 'Experiment tracking and ML lineage are used',
      outOfScope: ADOPTION,
    },
  ],
};
