/**
 * Expected verdicts of the notebooks, Studio domains, models, registry,
 * endpoint configurations, endpoints and pipelines (estate/inference.ts).
 */
import {
  BUCKETS,
  KEYS,
  LOGS,
  NETWORK,
  onMoto,
  ROLE,
  Table,
  TRAILS,
} from './blocks';

const NA = 'not_applicable' as const;

/** What no notebook in this estate can pass or be judged on under moto. */
const NOTEBOOK_ON_MOTO: Table = {
  // Never set (moto cannot even store it): AWS's default is IMDSv1.
  'notebook-imdsv2-required': 'fail',
  'notebook-platform-supported': onMoto('notebookPlatform', 'unknown', 'fail'),
};

export const NOTEBOOKS: Record<string, Table> = {
  'notebook-instance nb-secure': {
    ...ROLE.scoped,
    ...KEYS.good,
    ...NETWORK.private,
    ...TRAILS.main,
    ...LOGS.absent,
    ...NOTEBOOK_ON_MOTO,
    'notebook-volume-kms-key': 'pass',
    'notebook-direct-internet-access': 'pass', // Disabled
    'notebook-in-vpc': 'pass',
    'notebook-root-access-disabled': 'pass', // Disabled
    // lcc-clean holds no secret, but lifecycle configurations cannot be listed.
    'notebook-lifecycle-no-secrets': onMoto(
      'lifecycleConfigsUnlisted',
      'unknown',
      'pass',
    ),
    // lcc-clean installs pandas from PyPI.
    'notebook-lifecycle-no-remote-code': onMoto(
      'lifecycleConfigsUnlisted',
      'unknown',
      'pass',
    ),
    'resource-ownership-tags': 'pass',
  },
  'notebook-instance nb-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...NETWORK.none,
    ...TRAILS.main,
    ...LOGS.absent,
    ...NOTEBOOK_ON_MOTO,
    'notebook-volume-kms-key': 'fail',
    'notebook-direct-internet-access': 'fail', // Enabled
    'notebook-in-vpc': 'fail',
    'notebook-root-access-disabled': 'fail', // Enabled
    // lcc-secret's OnCreate exports a Hugging Face token.
    'notebook-lifecycle-no-secrets': onMoto(
      'lifecycleConfigsUnlisted',
      'unknown',
      'fail',
    ),
    // ...and pipes a download into bash (line 3).
    'notebook-lifecycle-no-remote-code': onMoto(
      'lifecycleConfigsUnlisted',
      'unknown',
      'fail',
    ),
    'resource-ownership-tags': 'fail', // no tags
  },
  'notebook-instance nb-public': {
    ...ROLE.fullAccess,
    // KmsKeyId alias/ml-no-rotation, resolved through ListAliases.
    ...KEYS.noRotation,
    ...NETWORK.public,
    ...TRAILS.main,
    ...LOGS.absent,
    ...NOTEBOOK_ON_MOTO,
    'notebook-volume-kms-key': 'pass',
    'notebook-direct-internet-access': 'fail', // not sent: Enabled
    'notebook-in-vpc': 'pass',
    'notebook-root-access-disabled': 'fail', // not sent: Enabled
    'notebook-lifecycle-no-secrets': NA, // none
    'notebook-lifecycle-no-remote-code': NA,
    'resource-ownership-tags': 'fail', // team tag, no ml-service tag
  },
  'notebook-instance nb-eu (eu-west-1)': {
    ...ROLE.scoped,
    ...KEYS.none,
    ...NETWORK.none,
    ...TRAILS.second,
    ...LOGS.absent,
    ...NOTEBOOK_ON_MOTO,
    'notebook-volume-kms-key': 'fail',
    'notebook-direct-internet-access': 'fail', // not sent: Enabled
    'notebook-in-vpc': 'fail',
    'notebook-root-access-disabled': 'fail', // not sent: Enabled
    'notebook-lifecycle-no-secrets': NA,
    'notebook-lifecycle-no-remote-code': NA,
    'resource-ownership-tags': 'pass',
  },
};

export const DOMAINS: Record<string, Table> = {
  'domain studio-secure': {
    ...ROLE.scoped, // DefaultUserSettings.ExecutionRole
    ...KEYS.good, // KmsKeyId and SharingSettings.S3KmsKeyId
    ...BUCKETS.secure, // SharingSettings.S3OutputPath
    ...NETWORK.private, // VpcId, SubnetIds, locked group
    ...TRAILS.main,
    ...LOGS.keptAndKeyed, // /aws/sagemaker/studio
    'domain-storage-kms-key': 'pass',
    'domain-notebook-sharing-kms-key': 'pass', // sharing allowed, with a key
    'domain-sso-authentication': 'warn', // IAM mode
    'domain-docker-access-disabled': 'pass',
    'domain-vpc-only': 'pass',
    'resource-ownership-tags': 'pass',
    'domain-rootless-docker': NA, // Docker DISABLED
    'domain-docker-trusted-accounts': NA, // Docker DISABLED
    'domain-execution-role-source-identity': 'pass', // USER_PROFILE_NAME
    'domain-trusted-identity-propagation': NA, // IAM mode
    'domain-tag-propagation': onMoto('tagPropagation', 'fail', 'pass'),
    'domain-canvas-workspace-kms-key': 'pass', // KEYS.good also judges it
    'domain-canvas-model-register-same-account': 'pass', // role of the account
    'domain-rstudio-default-not-admin': 'pass', // R_STUDIO_USER
    'domain-rstudio-urls-https': 'pass',
    'studio-posix-user-not-root': 'pass', // uid 1000, gid 100
  },
  'domain studio-open': {
    ...ROLE.wildcard,
    ...KEYS.none,
    ...BUCKETS.plain,
    ...NETWORK.public,
    ...TRAILS.main,
    ...LOGS.keptAndKeyed,
    'domain-storage-kms-key': 'fail',
    'domain-notebook-sharing-kms-key': 'fail', // sharing allowed, no key
    'domain-sso-authentication': 'warn',
    'domain-docker-access-disabled': 'fail', // ENABLED
    'domain-vpc-only': 'fail', // PublicInternetOnly
    // Created without tags.
    'resource-ownership-tags': onMoto('untaggedDomainTags', 'unknown', 'fail'),
    'domain-rootless-docker': 'fail', // ENABLED, RootlessDocker not sent
    'domain-docker-trusted-accounts': NA, // PublicInternetOnly
    'domain-execution-role-source-identity': 'fail', // DISABLED
    'domain-trusted-identity-propagation': NA, // IAM mode
    'domain-tag-propagation': 'fail', // not sent: DISABLED
    'domain-canvas-workspace-kms-key': 'fail',
    'domain-canvas-model-register-same-account': 'warn', // another account
    'domain-rstudio-default-not-admin': 'fail', // R_STUDIO_ADMIN
    'domain-rstudio-urls-https': 'fail', // http:// package manager
    'studio-posix-user-not-root': 'fail', // uid 0 for users, gid 0 for spaces
  },
};

export const MODELS: Record<string, Table> = {
  'model model-secure': {
    ...ROLE.scoped,
    ...BUCKETS.secure, // ModelDataUrl
    ...NETWORK.private,
    'model-network-isolation': onMoto('modelNetworkIsolation', 'fail', 'pass'),
    'model-in-vpc': 'pass',
    'model-primary-container-private-registry': 'pass', // Vpc mode
    'model-containers-private-registry': NA, // one container
    'model-environment-no-secrets': 'pass', // MODEL_SERVER_WORKERS=2
    'resource-ownership-tags': 'pass',
  },
  'model model-leaky': {
    ...ROLE.wildcard,
    ...BUCKETS.plain,
    ...NETWORK.none,
    'model-network-isolation': 'fail',
    'model-in-vpc': 'fail',
    'model-primary-container-private-registry': 'fail', // Platform (default)
    'model-containers-private-registry': NA,
    'model-environment-no-secrets': 'fail', // DB_PASSWORD literal
    'resource-ownership-tags': 'fail',
  },
  'model model-multi': {
    ...ROLE.publicTrust,
    ...BUCKETS.sseS3,
    ...NETWORK.public,
    'model-network-isolation': 'fail',
    'model-in-vpc': 'pass',
    'model-primary-container-private-registry': onMoto(
      'multiContainerPrimary',
      'fail',
      NA,
    ),
    'model-containers-private-registry': 'fail', // second container: Platform
    'model-environment-no-secrets': 'pass',
    'resource-ownership-tags': 'pass',
  },
  'model model-registered': {
    ...ROLE.scoped,
    ...BUCKETS.none, // the package holds the artifacts
    ...NETWORK.none,
    'model-network-isolation': 'fail',
    'model-in-vpc': 'fail',
    'model-primary-container-private-registry': 'fail',
    'model-containers-private-registry': NA,
    'model-environment-no-secrets': 'pass',
    'resource-ownership-tags': 'pass',
  },
};

/** Every check of a group's resource policy: unknown on moto, pass without a policy on AWS. */
const REGISTRY_POLICY_ON_MOTO: Table = {
  'model-package-group-policy-not-public': onMoto(
    'modelPackageGroupPolicy',
    'unknown',
    'pass',
  ),
  'model-package-group-policy-no-external-accounts': onMoto(
    'modelPackageGroupPolicy',
    'unknown',
    'pass',
  ),
  'model-package-group-policy-no-wildcard-actions': onMoto(
    'modelPackageGroupPolicy',
    'unknown',
    'pass',
  ),
};

export const REGISTRY: Record<string, Table> = {
  'model-package-group mpg-fraud': {
    // No policy was put (moto cannot store one): AWS answers "not found".
    ...REGISTRY_POLICY_ON_MOTO,
    'resource-ownership-tags': 'pass',
  },
  'model-package-group mpg-untagged': {
    // No policy was put (moto cannot store one): AWS answers "not found".
    ...REGISTRY_POLICY_ON_MOTO,
    'resource-ownership-tags': 'fail',
  },
};

export const ENDPOINT_CONFIGS: Record<string, Table> = {
  'endpoint-config ec-secure': {
    ...KEYS.good, // KmsKeyId and DataCaptureConfig.KmsKeyId
    ...BUCKETS.secure, // capture destination
    'endpoint-config-volume-kms-key': 'pass',
    'endpoint-config-data-capture-kms-key': 'pass',
    'endpoint-config-async-output-kms-key': NA,
    'endpoint-config-multiple-instances': 'pass', // 2
    'endpoint-config-ssm-access-disabled': 'pass',
    'resource-ownership-tags': 'pass',
  },
  'endpoint-config ec-weak': {
    ...KEYS.none,
    // Capture is disabled: its destination bucket receives nothing, so the
    // bucket checks do not apply (issue 12, item 4).
    ...BUCKETS.none,
    'endpoint-config-volume-kms-key': 'fail',
    'endpoint-config-data-capture-kms-key': NA, // capture disabled
    'endpoint-config-async-output-kms-key': NA,
    'endpoint-config-multiple-instances': 'fail', // 1
    'endpoint-config-ssm-access-disabled': 'fail', // EnableSSMAccess
    'resource-ownership-tags': 'fail',
  },
  'endpoint-config ec-async': {
    ...KEYS.public, // KmsKeyId
    ...BUCKETS.sseS3, // async output path
    'endpoint-config-volume-kms-key': 'pass',
    'endpoint-config-data-capture-kms-key': NA,
    'endpoint-config-async-output-kms-key': 'fail', // no output key
    'endpoint-config-multiple-instances': 'pass',
    'endpoint-config-ssm-access-disabled': 'pass',
    'resource-ownership-tags': 'pass',
  },
  'endpoint-config ec-serverless': {
    ...KEYS.none,
    ...BUCKETS.none,
    'endpoint-config-volume-kms-key': NA, // serverless only
    'endpoint-config-data-capture-kms-key': NA,
    'endpoint-config-async-output-kms-key': NA,
    'endpoint-config-multiple-instances': NA,
    'endpoint-config-ssm-access-disabled': 'pass',
    'resource-ownership-tags': 'fail', // team tag only
  },
};

const UNLISTED_SCHEDULES = onMoto(
  'monitoringSchedulesUnlisted',
  'unknown',
  'fail',
);

export const ENDPOINTS: Record<string, Table> = {
  'endpoint ep-secure': {
    ...TRAILS.main,
    ...KEYS.good, // DataCaptureConfig.KmsKeyId
    ...LOGS.keptAndKeyed,
    'endpoint-data-capture-enabled': 'pass',
    'endpoint-error-alarms': 'pass', // 5XX alarm notifying
    'endpoint-latency-alarms': 'pass', // ModelLatency alarm notifying
    'endpoint-model-monitor-schedule': UNLISTED_SCHEDULES,
    // model-registered comes from mpg-fraud/1, Approved.
    'endpoint-models-approved-packages': 'pass',
    'resource-ownership-tags': 'pass',
  },
  'endpoint ep-weak': {
    ...TRAILS.main,
    ...KEYS.none,
    ...LOGS.absent,
    'endpoint-data-capture-enabled': 'fail',
    'endpoint-error-alarms': 'fail', // its 4XX alarm notifies no one
    'endpoint-latency-alarms': 'fail', // none
    'endpoint-model-monitor-schedule': UNLISTED_SCHEDULES,
    'endpoint-models-approved-packages': 'warn', // model-leaky: no registry
    'resource-ownership-tags': 'fail',
  },
  'endpoint ep-serverless': {
    ...TRAILS.main,
    ...KEYS.none,
    ...LOGS.absent,
    'endpoint-data-capture-enabled': NA, // serverless
    'endpoint-error-alarms': 'fail',
    'endpoint-latency-alarms': 'fail',
    'endpoint-model-monitor-schedule': NA, // serverless, before any listing
    'endpoint-models-approved-packages': 'warn', // model-secure: no registry
    'resource-ownership-tags': 'pass',
  },
};

export const PIPELINES: Record<string, Table> = {
  'pipeline pipe-scoped': { ...ROLE.scoped, 'resource-ownership-tags': 'pass' },
  'pipeline pipe-cross-account': {
    ...ROLE.crossAccount,
    'resource-ownership-tags': 'fail',
  },
};
