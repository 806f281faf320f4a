import type { Entity } from '@backstage/catalog-model';
import type {
  CheckMetadata,
  CheckResult,
  EntityRollupRow,
  EntityScorecard,
  PillarScore,
  ResourceSummary,
  Rollup,
  ScanHealth,
  Score,
  StatusCounts,
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';

export const ENDPOINT_ARN =
  'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/fraud-scoring-prod';
export const NOTEBOOK_ARN =
  'arn:aws:sagemaker:eu-west-1:111111111111:notebook-instance/fraud-research';

export const mlServiceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-scoring',
    namespace: 'default',
    annotations: {
      'sagemaker.mlsec.io/tag-selector': 'ml-service=fraud-scoring',
    },
  },
  spec: {
    type: 'ml-service',
    owner: 'group:default/ml-platform',
    lifecycle: 'production',
  },
};

export const sagemakerResourceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'fraud-scoring-prod',
    namespace: 'default',
    annotations: { 'amazonaws.com/arn': ENDPOINT_ARN },
  },
  spec: { type: 'sagemaker-endpoint', owner: 'group:default/ml-platform' },
};

export const teamEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ml-platform', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export function counts(partial: Partial<StatusCounts> = {}): StatusCounts {
  return {
    pass: 0,
    fail: 0,
    warn: 0,
    unknown: 0,
    not_applicable: 0,
    waived: 0,
    ...partial,
  };
}

function pillar(
  p: PillarScore['pillar'],
  score: number | null,
  grade: PillarScore['grade'],
  c: Partial<StatusCounts>,
): PillarScore {
  return { pillar: p, score, grade, counts: counts(c) };
}

export const score: Score = {
  score: 62,
  grade: 'D',
  cappedBy: 'a critical check fails: endpoint-data-capture-kms',
  pillars: [
    pillar('encryption', 40, 'E', { fail: 1, pass: 2 }),
    pillar('network', 90, 'A', { pass: 3, waived: 1 }),
    pillar('iam', 75, 'C', { warn: 1, pass: 2 }),
    pillar('monitoring', null, null, { unknown: 1 }),
  ],
  counts: counts({ fail: 1, warn: 1, unknown: 1, pass: 7, waived: 1 }),
};

export const endpointResource: ResourceSummary = {
  arn: ENDPOINT_ARN,
  type: 'endpoint',
  name: 'fraud-scoring-prod',
  accountId: '111111111111',
  region: 'eu-west-1',
  tags: {
    'ml-service': 'fraud-scoring',
    owner: 'ml-platform',
    'cost-center': 'cc-42',
  },
  status: 'InService',
  score: { ...score, score: 55, grade: 'E' },
  errors: [],
};

export const notebookResource: ResourceSummary = {
  arn: NOTEBOOK_ARN,
  type: 'notebook-instance',
  name: 'fraud-research',
  accountId: '111111111111',
  region: 'eu-west-1',
  tags: { 'ml-service': 'fraud-scoring' },
  status: 'InService',
  score: { ...score, score: 80, grade: 'B' },
  errors: [
    {
      kind: 'access_denied',
      action: 'kms:GetKeyRotationStatus',
      message: 'AccessDeniedException',
    },
  ],
};

function result(
  partial: Partial<CheckResult> & Pick<CheckResult, 'checkId'>,
): CheckResult {
  return {
    resourceArn: ENDPOINT_ARN,
    resourceType: 'endpoint',
    resourceName: 'fraud-scoring-prod',
    accountId: '111111111111',
    region: 'eu-west-1',
    pillar: 'encryption',
    severity: 'high',
    status: 'pass',
    evaluatedStatus: 'pass',
    message: 'OK',
    evidence: [],
    since: '2025-05-01T10:00:00.000Z',
    evaluatedAt: '2025-06-01T10:00:00.000Z',
    ...partial,
  };
}

export const waiver: Waiver = {
  id: 'w-1',
  checkId: 'notebook-root-access',
  resourceArn: NOTEBOOK_ARN,
  entityRef: 'component:default/fraud-scoring',
  reason: 'Research notebook isolated in a sandbox account',
  createdBy: 'user:default/alice',
  createdAt: '2025-05-20T09:00:00.000Z',
  expiresAt: '2025-08-20T23:59:59.000Z',
  status: 'active',
};

export const failingResult = result({
  checkId: 'endpoint-data-capture-kms',
  severity: 'critical',
  status: 'fail',
  evaluatedStatus: 'fail',
  message: 'Data capture writes to S3 without a customer managed KMS key.',
  evidence: [
    {
      observed: null,
      expected: 'a KMS key ARN',
      path: 'DescribeEndpointConfig.DataCaptureConfig.KmsKeyId',
      relatedArn:
        'arn:aws:sagemaker:eu-west-1:111111111111:endpoint-config/fraud-scoring-prod-v3',
    },
  ],
});

export const warningResult = result({
  checkId: 'execution-role-wildcard',
  pillar: 'iam',
  severity: 'medium',
  status: 'warn',
  evaluatedStatus: 'warn',
  message: 'The execution role allows s3:* on every bucket.',
  evidence: [
    {
      observed: 's3:*',
      path: 'iam:GetRolePolicy.PolicyDocument.Statement[0].Action',
      relatedArn: 'arn:aws:iam::111111111111:role/fraud-exec',
    },
  ],
});

export const unknownResult = result({
  checkId: 'notebook-kms-rotation',
  resourceArn: NOTEBOOK_ARN,
  resourceType: 'notebook-instance',
  resourceName: 'fraud-research',
  pillar: 'encryption',
  severity: 'medium',
  status: 'unknown',
  evaluatedStatus: 'unknown',
  message: 'The rotation status of the notebook volume key could not be read.',
  missing: ['kms:GetKeyRotationStatus'],
});

export const waivedResult = result({
  checkId: 'notebook-root-access',
  resourceArn: NOTEBOOK_ARN,
  resourceType: 'notebook-instance',
  resourceName: 'fraud-research',
  pillar: 'iam',
  severity: 'high',
  status: 'waived',
  evaluatedStatus: 'fail',
  message: 'Root access is enabled on the notebook instance.',
  waiver,
});

export const passingResult = result({
  checkId: 'endpoint-network-isolation',
  pillar: 'network',
  status: 'pass',
  message: 'The endpoint runs in a VPC.',
});

export const checks: CheckMetadata[] = [
  {
    id: 'endpoint-data-capture-kms',
    pillar: 'encryption',
    title: 'Endpoint data capture is encrypted with a customer managed key',
    severity: 'critical',
    resourceTypes: ['endpoint'],
    rationale: 'Captured payloads contain inference data.',
    references: { seed: { pillar: 'encryption', phases: ['deployment'] } },
    remediation: {
      text: 'Set DataCaptureConfig.KmsKeyId on the endpoint configuration.',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html',
      template: {
        name: 'secure-sagemaker-endpoint',
        prefill: {
          endpointName: 'name',
          awsAccountId: 'accountId',
          awsRegion: 'region',
          costCenter: 'tags.cost-center',
          missingTag: 'tags.does-not-exist',
          instanceType: 'description.ProductionVariants.0.InstanceType',
        },
      },
    },
  },
  {
    id: 'execution-role-wildcard',
    pillar: 'iam',
    title: 'Execution role has no wildcard actions',
    severity: 'medium',
    resourceTypes: ['endpoint'],
    rationale: 'Least privilege.',
    references: { seed: { pillar: 'iam', phases: ['deployment'] } },
    remediation: {
      text: 'Replace wildcard actions with the actions the model needs.',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
    },
  },
  {
    id: 'notebook-kms-rotation',
    pillar: 'encryption',
    title: 'Notebook volume key rotates',
    severity: 'medium',
    resourceTypes: ['notebook-instance'],
    rationale: 'Rotation limits exposure.',
    references: { seed: { pillar: 'encryption', phases: ['experimentation'] } },
    remediation: {
      text: 'Enable automatic rotation on the KMS key.',
      docsUrl:
        'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    },
  },
  {
    id: 'notebook-root-access',
    pillar: 'iam',
    title: 'Notebook root access is disabled',
    severity: 'high',
    resourceTypes: ['notebook-instance'],
    rationale: 'Root can change the environment.',
    references: { seed: { pillar: 'iam', phases: ['experimentation'] } },
    remediation: {
      text: 'Set RootAccess to Disabled.',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html',
    },
  },
];

export const scorecard: EntityScorecard = {
  entityRef: 'component:default/fraud-scoring',
  score,
  resources: [endpointResource, notebookResource],
  results: [
    passingResult,
    warningResult,
    failingResult,
    unknownResult,
    waivedResult,
  ],
  resultsPage: { offset: 0, limit: 50, totalCount: 5 },
  evaluatedAt: '2025-06-01T10:00:00.000Z',
  stale: false,
  lastScan: {
    scanId: 'scan-7',
    status: 'succeeded',
    startedAt: '2025-06-01T09:55:00.000Z',
    finishedAt: '2025-06-01T10:00:00.000Z',
  },
  trend: [
    { date: '2025-05-30', score: 58, grade: 'E' },
    { date: '2025-05-31', score: 60, grade: 'D' },
    { date: '2025-06-01', score: 62, grade: 'D' },
  ],
};

/** The last scan read everything. */
export const healthyScan: ScanHealth = {
  accountsConfigured: true,
  lastFinishedScan: scorecard.lastScan,
  scope: 'all',
  targets: [],
};

export const emptyScorecard: EntityScorecard = {
  entityRef: 'component:default/fraud-scoring',
  score: { score: null, grade: null, pillars: [], counts: counts() },
  resources: [],
  results: [],
  resultsPage: { offset: 0, limit: 50, totalCount: 0 },
  stale: false,
  trend: [],
};

export function rollupRow(
  partial: Partial<EntityRollupRow> & Pick<EntityRollupRow, 'entityRef'>,
): EntityRollupRow {
  return {
    title: undefined,
    owner: 'group:default/ml-platform',
    score,
    trend: scorecard.trend,
    worstFindings: [],
    resourceCount: 2,
    ...partial,
  };
}

export const teamRollup: Rollup = {
  entityRef: 'group:default/ml-platform',
  score: { ...score, score: 71, grade: 'C' },
  entities: [
    rollupRow({
      entityRef: 'component:default/fraud-scoring',
      title: 'Fraud scoring',
    }),
    rollupRow({
      entityRef: 'component:default/churn-model',
      title: 'Churn model',
      owner: 'group:default/ml-research',
      score: { ...score, score: 92, grade: 'A' },
    }),
  ],
  worstFindings: [
    {
      entityRef: 'component:default/fraud-scoring',
      result: failingResult,
      check: {
        id: failingResult.checkId,
        title: checks[0].title,
        pillar: 'encryption',
        severity: 'critical',
      },
    },
  ],
  expiringWaivers: [waiver],
  trend: scorecard.trend,
};

export { mockSecurityApi } from './mockSecurityApi';
