/**
 * Every non-test source file outside the registry that reads descriptors
 * (repository-relative). `registry.test.ts` fails when a file reads the
 * registry without being listed here, or is listed and no longer reads it:
 * this list is where to look when a descriptor field changes.
 */
export const DESCRIPTOR_READERS: ReadonlyArray<{
  file: string;
  reads: string;
}> = [
  {
    file: 'plugins/catalog-backend-module-sagemaker/src/entities/buildResourceEntities.ts',
    reads: 'catalog.label (entity description)',
  },
  {
    file: 'plugins/catalog-backend-module-sagemaker/src/entities/consoleUrl.ts',
    reads: 'catalog.consolePage',
  },
  {
    file: 'plugins/catalog-backend-module-sagemaker/src/entities/naming.ts',
    reads: 'catalog.abbreviation (entity names)',
  },
  {
    file: 'plugins/catalog-backend-module-sagemaker/src/entities/relations.ts',
    reads:
      'catalog.key and catalog.dependsOn (spec.dependsOn); arnSegment, api.arnPath (domain IDs in ARNs)',
  },
  {
    file: 'plugins/sagemaker-security-backend/bench/aws/SimulatedAws.ts',
    reads:
      'api.describe and describeInput, simulator.match (describes answered by index); api.search.resource and arnSegment (Search and GetResources pages by index)',
  },
  {
    file: 'plugins/sagemaker-security-backend/bench/model/minimumCalls.ts',
    reads: 'api.extraReads (least calls of a scan)',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/collectors/index.ts',
    reads: 'every descriptor: one collector spec each',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/changes/sagemakerListings.ts',
    reads:
      'api.describe (the noun a SageMaker write event names) and arnSegment (the type of an ARN a tag event names): which types a change-driven rescan lists',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/collectors/search.ts',
    reads:
      'api.search (Search resource, record, describeFields, describeWhileRunning) and api.describe (the Describe output fields a record is stored as)',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/collectors/spec.ts',
    reads:
      'api (operations, items, summary and describe fields, extra reads, taggingApi), arnSegment, job',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/simulator/handlers/sagemaker.ts',
    reads:
      'api (list, items, describe input, ARN field, extra reads) and simulator (summary fields, describe matching)',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/simulator/handlers/sagemakerSearch.ts',
    reads: 'api.search (Search resource and record served)',
  },
  {
    file: 'plugins/sagemaker-security-backend/src/inventory/simulator/handlers/tagging.ts',
    reads: 'arnSegment and api.arnField (GetResources type filters and ARNs)',
  },
  {
    file: 'plugins/sagemaker-security-node/src/checks/encryption/monitoringJobKmsKeys.ts',
    reads: 'monitoringJob (output and cluster config paths)',
  },
  {
    file: 'plugins/sagemaker-security-node/src/checks/iam/secretsInConfiguration.ts',
    reads: 'environmentFields',
  },
  {
    file: 'plugins/sagemaker-security-node/src/checks/support/describe.ts',
    reads: 'api.describe (evidence paths)',
  },
  {
    file: 'plugins/sagemaker-security-node/src/checks/support/links.ts',
    reads: 'links: roles, securityGroups, subnets, s3Uris (with conditions)',
  },
  {
    file: 'plugins/sagemaker-security-node/src/checks/support/logGroups.ts',
    reads: 'logGroup',
  },
  {
    file: 'plugins/sagemaker-security-node/src/kms/keyFields.ts',
    reads: 'links.kmsKeys',
  },
  {
    file: 'plugins/sagemaker-security-node/src/testing/resources.ts',
    reads: 'arnSegment (test resources)',
  },
  {
    file: 'plugins/scaffolder-backend-module-sagemaker-security/src/cloudformation/identities.ts',
    reads: 'cloudFormation (type, nameProperty, refIsName), arnSegment',
  },
  {
    file: 'plugins/scaffolder-backend-module-sagemaker-security/src/cloudformation/mapResources.ts',
    reads: 'cloudFormation.type → id',
  },
];

/**
 * Files that still compare or key by resource type ids outside the registry,
 * with how many such lines each has. The test fails on any other file, and
 * when a count here is higher than the file's (shrink it as they go).
 */
export const KNOWN_TYPE_SWITCHES: Readonly<Record<string, number>> = {
  // Not converted: the demo estate generator's per-type builders (plain JS).
  'plugins/sagemaker-security-backend/demo-estate/generate.js': 4,
  // Not a resource type: `kind === 'domain'` is the catalog Domain kind.
  'plugins/sagemaker-security-backend/src/catalog/rollupMembers.ts': 1,
  // Two checks judging two types differently (lifecycle config and notebook):
  // the scripts of the config itself, or of the one the notebook names.
  'plugins/sagemaker-security-node/src/checks/iam/lifecycleScripts.ts': 1,
};
