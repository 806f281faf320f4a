/**
 * Where moto 5.2.1 differs from AWS in a way that changes a verdict of this
 * estate. Each gap names what moto does, what AWS does, and which verdict it
 * changes; expectations that depend on one say `onMoto(gap, moto, aws)`.
 * (Measured against moto 5.2.1; see /work/shared/reference/moto.md.)
 */
export const MOTO_GAPS = {
  modelNetworkIsolation:
    'DescribeModel always answers EnableNetworkIsolation=false, whatever CreateModel sent: model-network-isolation is fail for a model created with isolation.',
  trailWithoutSelectors:
    'A trail created without PutEventSelectors has no event selectors in moto; AWS gives it the default selector (all management events). cloudtrail-logging-in-region is fail in a region whose trail was created so, and the validation and KMS checks not_applicable.',
  unimplementedListings:
    'ListNotebookInstanceLifecycleConfigs, ListMonitoringSchedules, ListFeatureGroups, ListUserProfiles, ListSpaces, ListInferenceExperiments, ListMlflowTrackingServers, ListMlflowApps, ListPartnerApps and ListInferenceComponents (moto has no MLflow, Partner AI App or inference component API: none can be created, so those four types are covered by the wire-level simulator), ListStudioLifecycleConfigs (nor Create or Describe: the type is covered by the wire-level simulator), ListFlowDefinitions (moto has no flow definition API: human review workflows are covered by the wire-level simulator), ListAppImageConfigs and ListImages (nor Create or Describe: app image configurations and images are covered by the wire-level simulator) answer HTTP 500 with an HTML body (a SyntaxError in the SDK): those listings are recorded as invalid_response, every target is partial, and checks that need them are unknown, never "none found".',
  lifecycleConfigsUnlisted:
    'Notebook lifecycle configurations cannot be listed (HTTP 500), so a notebook that names one has notebook-lifecycle-no-secrets and notebook-lifecycle-no-remote-code unknown (the script is never read).',
  monitoringSchedulesUnlisted:
    'Monitoring schedules cannot be listed (HTTP 500): endpoint-model-monitor-schedule is unknown for every endpoint that is not serverless.',
  modelPackageGroupPolicy:
    'GetModelPackageGroupPolicy answers HTTP 500: model-package-group-policy-not-public, -no-external-accounts and -no-wildcard-actions are unknown, naming sagemaker:GetModelPackageGroupPolicy (the pass and fail of these checks are covered through the wire-level simulator: the demo estate).',
  untaggedDomainTags:
    'ListTags on a domain created without tags answers HTTP 500: resource-ownership-tags is unknown for it (AWS answers an empty list: fail).',
  notebookPlatform:
    'DescribeNotebookInstance never returns PlatformIdentifier: notebook-platform-supported is unknown (AWS always returns it).',
  processingResources:
    'DescribeProcessingJob drops ProcessingResources entirely (instance type, count, VolumeKmsKeyId): processing-job-output-and-volume-kms-keys is fail even when a volume key was sent.',
  processingEnvironment:
    'DescribeProcessingJob drops Environment: secrets in a processing job environment cannot be seen (this estate puts none there).',
  trainingEnvironment:
    'DescribeTrainingJob drops Environment and RemoteDebugConfig: only HyperParameters reach job-environment-no-secrets, and remote debugging always reads as off.',
  multiContainerPrimary:
    'DescribeModel of a multi-container model answers PrimaryContainer = {} (AWS omits it): model-primary-container-private-registry is fail ("Platform mode") where AWS gives not_applicable.',
  clusterNodeRecovery:
    'DescribeCluster never returns NodeRecovery (nor ClusterRole or Orchestrator), whatever CreateCluster sent; AWS always reports the recovery mode (Automatic by default): hyperpod-cluster-node-recovery-automatic is unknown, never a pass or fail on an absent field.',
  compilationJobTags:
    'ListTags on a compilation job created without tags answers HTTP 500 (no check of that type reads tags; the estate tags both of its compilation jobs).',
  automlJobStatus:
    'An AutoML job stays InProgress (secondary status Completed) in moto, so it is described again at every scan (AWS reports Completed; no verdict changes).',
  explainabilityTags:
    'ListTags on a model explainability job definition created without tags answers HTTP 500 (no check of that type reads tags).',
  tagPropagation:
    'CreateDomain drops TagPropagation and DescribeDomain never returns it: domain-tag-propagation reads the default (DISABLED) and is fail for a domain created with ENABLED.',
} as const;

export type MotoGap = keyof typeof MOTO_GAPS;
