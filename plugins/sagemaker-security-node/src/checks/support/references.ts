/** The seed guidance's principles (see docs/checks.md, "Seed coverage"). */
export const SEED = {
  dataProtection: 'Data protection',
  iam: 'Identity and access management',
  network: 'Network security',
  monitoring: 'Monitoring and logging',
  compliance: 'Compliance',
} as const;

const SM = 'https://docs.aws.amazon.com/sagemaker/latest/dg';

/** AWS documentation pages used by remediation texts. */
export const DOCS = {
  notebookInternet: `${SM}/appendix-notebook-and-internet-access.html`,
  notebookRoot: `${SM}/nbi-root-access.html`,
  notebookImds: `${SM}/nbi-imds.html`,
  notebookPlatform: `${SM}/nbi-al2.html`,
  notebookLifecycle: `${SM}/notebook-lifecycle-config.html`,
  encryptionAtRest: `${SM}/encryption-at-rest-nbi.html`,
  keyManagement: `${SM}/key-management.html`,
  trainEncrypt: `${SM}/train-encrypt.html`,
  networkIsolation: `${SM}/mkt-algo-model-internet-free.html`,
  trainVpc: `${SM}/train-vpc.html`,
  hostVpc: `${SM}/host-vpc.html`,
  processVpc: `${SM}/process-vpc.html`,
  privateRegistry: `${SM}/your-algorithms-containers-inference-private.html`,
  featureStoreSecurity: `${SM}/feature-store-security.html`,
  modelMonitor: `${SM}/model-monitor.html`,
  dataCapture: `${SM}/model-monitor-data-capture.html`,
  interfaceEndpoints: `${SM}/interface-vpc-endpoint.html`,
  studioVpc: `${SM}/studio-notebooks-and-internet-access.html`,
  studioSso: `${SM}/onboard-sso-users.html`,
  executionRoles: `${SM}/sagemaker-roles.html`,
  cloudTrail: `${SM}/logging-using-cloudtrail.html`,
  cloudWatch: `${SM}/monitoring-cloudwatch.html`,
  shadowTests: `${SM}/shadow-tests.html`,
  modelRegistry: `${SM}/model-registry.html`,
  modelRegistryApprove: `${SM}/model-registry-approve.html`,
  guardDutyRuntime:
    'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
  remoteDebug: `${SM}/train-remote-debugging.html`,
  asyncInference: `${SM}/async-inference.html`,
  partnerApps: `${SM}/partner-apps.html`,
  securityHubControls:
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html',
  confusedDeputy:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  passRole:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  permissionsBoundary:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  leastPrivilege:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  kmsRotation:
    'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  kmsKeyState:
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
  kmsKeyPolicy:
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  s3SecureTransport:
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  s3Kms:
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  s3PublicAccess:
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  securityGroups:
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html',
  subnets:
    'https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html',
  logEncryption:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  logRetention:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
  trailValidation:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  trailKms:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  trailDataEvents:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
  secretsManager:
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html',
  modelPackageGroupPolicy:
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_PutModelPackageGroupPolicy.html',
  productionVariant:
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html',
  domainSettings:
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DomainSettings.html',
  tagging:
    'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html',
  autopilotJob: `${SM}/autopilot-automate-model-development-create-experiment.html`,
  neoVpc: `${SM}/neo-vpc.html`,
  humanReviewWorkflow: `${SM}/a2i-create-flow-definition.html`,
  publicWorkforce: `${SM}/sms-workforce-management-public.html`,
} as const;
