/**
 * Issues 3 and 4: the demo portal's backend scans the recorded demo estate at
 * start-up, and its API serves the results, scorecards and team rollups.
 * The real backend plugin runs over the demo portal's own configuration;
 * only the catalog is a mock, holding the demo organisation of examples/.
 */
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import sagemakerSecurityPlugin from '@mlsec/plugin-sagemaker-security-backend';
import type {
  CheckMetadata,
  EntityHistory,
  EntityRollupRow,
  EntityScorecard,
  Finding,
  InventoryPage,
  Page,
  Rollup,
  ScanHealth,
  ScanRunInfo,
} from '@mlsec/plugin-sagemaker-security-common';
import { loadDemoCatalog } from './__testUtils__/demoCatalog';
import { demoPortalConfig, poll } from './__testUtils__/demoPortal';

const API = '/api/sagemaker-security';
const GUEST = 'user:development/guest';
const FINISHED = ['succeeded', 'partial', 'failed', 'cancelled'];
/** The demo's account whose scan role cannot be assumed. */
const MARKETING = '777788889999';

describe('the demo portal backend over the demo estate', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let scan: ScanRunInfo;

  const get = (url: string) =>
    request(server)
      .get(`${API}${url}`)
      .set('Authorization', mockCredentials.user.header(GUEST));

  /** The scorecard with every result in its first page. */
  const scorecardOf = async (entityRef: string): Promise<EntityScorecard> => {
    const response = await get(
      `/scorecards/entity?entityRef=${encodeURIComponent(
        entityRef,
      )}&findingsLimit=500`,
    );
    expect(response.status).toBe(200);
    const card: EntityScorecard = response.body;
    expect(card.results).toHaveLength(card.resultsPage.totalCount);
    return card;
  };

  beforeAll(async () => {
    const config = await demoPortalConfig();
    ({ server } = await startTestBackend({
      features: [
        sagemakerSecurityPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            sagemakerSecurity: config,
          },
        }),
        catalogServiceMock.factory({ entities: await loadDemoCatalog() }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        // As in production: a request without a token has no credentials.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));

    // The start-up scan, then the evaluation that follows it.
    scan = await poll('the start-up scan', async () => {
      const response = await get('/scans/latest');
      return response.status === 200 && FINISHED.includes(response.body.status)
        ? (response.body as ScanRunInfo)
        : undefined;
    });
    // Daily scores are recorded once the whole evaluation is done.
    await poll('the evaluation of the scan', async () => {
      const response = await get(
        '/history/entity?entityRef=component:default/fraud-scoring',
      );
      const trend: EntityHistory['trend'] | undefined = response.body.trend;
      return trend && trend.length > 0 ? trend : undefined;
    });
  }, 60_000);

  it('scanned every account and region of the estate at start-up', () => {
    expect(scan.trigger).toBe('startup');
    // The estate's faults are denials, and the marketing account cannot be
    // read at all: the scan is partial, not failed.
    expect(scan.status).toBe('partial');
    expect(scan.targets.map(t => `${t.accountId}/${t.region}`).sort()).toEqual([
      '111122223333/eu-west-1',
      '111122223333/us-east-1',
      '444455556666/eu-west-1',
      '444455556666/us-east-1',
      '777788889999/us-east-1',
    ]);
    const readable = scan.targets.filter(t => t.accountId !== MARKETING);
    expect(readable.map(t => t.status)).not.toContain('failed');
    const errors = readable.flatMap(t => t.errors);
    expect(errors.map(e => e.kind)).toContain('access_denied');
    // Throttling is retried by the SDK until it recovers.
    expect(errors.filter(e => e.kind === 'throttled')).toEqual([]);
  });

  it('serves the scorecard of an ML service, with evidence', async () => {
    const card = await scorecardOf('component:default/fraud-scoring');

    expect(card.entityRef).toBe('component:default/fraud-scoring');
    expect(card.score.grade).toMatch(/^[A-F]$/);
    expect(card.score.pillars.map(p => p.pillar)).toEqual(
      expect.arrayContaining(['encryption', 'network', 'iam', 'monitoring']),
    );
    const pillarScores = card.score.pillars.map(p => p.score);
    expect(pillarScores.some(score => score !== null)).toBe(true);
    expect(
      pillarScores.filter(
        score => score !== null && (score < 0 || score > 100),
      ),
    ).toEqual([]);
    expect(card.evaluatedAt).toBeDefined();
    // Its resources (tag ml-service=fraud-scoring): prod and dev, both regions.
    expect(
      new Set(card.resources.map(r => `${r.accountId}/${r.region}`)),
    ).toEqual(
      new Set([
        '111122223333/us-east-1',
        '111122223333/eu-west-1',
        '444455556666/us-east-1',
      ]),
    );
    expect(card.resources.map(r => r.type)).toEqual(
      expect.arrayContaining([
        'endpoint',
        'model-package',
        'pipeline',
        'notebook-instance',
        'training-job',
        'processing-job',
      ]),
    );
    // The EU legacy monitor has no NetworkConfig: no inter-container encryption.
    const legacyMonitor = card.results.find(
      r =>
        r.resourceName === 'fraud-scoring-eu-legacy-monitor' &&
        r.checkId === 'monitoring-schedule-inter-container-encryption',
    );
    expect(legacyMonitor).toMatchObject({
      status: 'fail',
      evidence: [expect.objectContaining({ path: expect.any(String) })],
    });
  });

  it('gives the evidence of every failing and warning result', async () => {
    const response = await get('/export?format=json');
    expect(response.status).toBe(200);
    const findings: Finding[] = response.body;
    const failing = findings.filter(f =>
      ['fail', 'warn'].includes(f.result.status),
    );
    expect(failing.length).toBeGreaterThan(100);
    const withoutEvidence = failing
      .filter(f => f.result.evidence.length === 0)
      .map(f => `${f.result.checkId} on ${f.result.resourceName}`);
    expect(withoutEvidence).toEqual([]);
  });

  it.each([
    ['component:default/aml-transaction-monitor', 'iam:GetRolePolicy'],
    ['component:default/feature-store', 'kms:GetKeyRotationStatus'],
  ])(
    '%s shows as unknown what %s was denied, never pass',
    async (entityRef, action) => {
      const card = await scorecardOf(entityRef);
      const unknowns = card.results.filter(r => r.status === 'unknown');
      const naming = unknowns.filter(
        r => r.missing?.includes(action) || r.message.includes(action),
      );
      expect(naming.length).toBeGreaterThanOrEqual(1);
    },
  );

  it('rolls up a department with the services of its nested teams', async () => {
    const response = await get(
      '/rollups/entity?entityRef=group:default/ml-platform',
    );
    expect(response.status).toBe(200);
    const rollup: Rollup = response.body;
    expect(rollup.score.grade).toMatch(/^[A-F]$/);
    const services = rollup.entities.map(e => e.entityRef);
    expect(services).toEqual(
      expect.arrayContaining([
        // ml-platform's own
        'component:default/ml-workbench',
        'component:default/feature-store',
        // fraud-ml
        'component:default/fraud-scoring',
        'component:default/card-fraud-graph',
        'component:default/aml-transaction-monitor',
        // credit-ml
        'component:default/credit-risk-model',
        'component:default/loan-default-predictor',
        'component:default/mortgage-affordability',
      ]),
    );
    expect(services).not.toContain('component:default/customer-churn');
    expect(rollup.worstFindings.length).toBeGreaterThanOrEqual(1);
  });

  it('lists the 10 ML services that have resources', async () => {
    const response = await get('/rollups/org?limit=100');
    expect(response.status).toBe(200);
    const page: Page<EntityRollupRow> = response.body;
    expect(page.totalCount).toBe(10);
    expect(page.items).toHaveLength(10);
    for (const row of page.items) {
      expect(row.resourceCount).toBeGreaterThan(0);
      expect(row.score.grade).toMatch(/^[A-F]$/);
    }
    // Nothing of the marketing account could be read: nothing to list.
    expect(page.items.map(row => row.entityRef)).not.toContain(
      'component:default/marketing-propensity',
    );
  });

  it('says on the scorecard of the unreadable account’s service why it is empty', async () => {
    const card = await scorecardOf('component:default/marketing-propensity');
    expect(card.resources).toEqual([]);
    expect(card.scanHealth).toMatchObject({
      accountsConfigured: true,
      scope: 'entity',
      targets: [
        {
          accountId: MARKETING,
          region: 'us-east-1',
          status: 'failed',
          errors: [expect.objectContaining({ action: 'sts:AssumeRole' })],
        },
      ],
    });
    // A service in the readable accounts is not told about it.
    const fraud = await scorecardOf('component:default/fraud-scoring');
    expect(fraud.scanHealth?.targets.map(t => t.accountId)).not.toContain(
      MARKETING,
    );
  });

  it('serves the estate-wide scan health with the failed account', async () => {
    const response = await get('/scans/health');
    expect(response.status).toBe(200);
    const health: ScanHealth = response.body;
    expect(health.accountsConfigured).toBe(true);
    expect(health.lastFinishedScan?.scanId).toBe(scan.id);
    expect(
      health.targets
        .filter(t => t.status === 'failed')
        .map(t => `${t.accountId}/${t.region}`),
    ).toEqual([`${MARKETING}/us-east-1`]);
  });

  it('describes the check catalogue', async () => {
    const response = await get('/checks');
    expect(response.status).toBe(200);
    const checks: CheckMetadata[] = response.body;
    expect(checks.length).toBeGreaterThanOrEqual(60);
    expect(checks.map(c => c.id)).toContain('notebook-direct-internet-access');
  });

  it('pages through the inventory', async () => {
    const arns = new Set<string>();
    const types = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await get(
        `/inventory/resources?limit=20${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      expect(response.status).toBe(200);
      const page: InventoryPage = response.body;
      expect(page.items.length).toBeLessThanOrEqual(20);
      for (const item of page.items) {
        arns.add(item.arn);
        types.add(item.type);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);

    expect(pages).toBeGreaterThan(1);
    expect(arns.size).toBe(
      scan.targets.reduce((n, t) => n + t.resourceCount, 0),
    );
    // The recorded jobs (2025) must not fall out of the job lookback window.
    expect([...types]).toEqual(
      expect.arrayContaining([
        'training-job',
        'processing-job',
        'transform-job',
        'hyperparameter-tuning-job',
      ]),
    );
    // examples/README.md: 107 SageMaker resources in all.
    expect(arns.size).toBe(107);
  });

  it('judges the MLflow tracking servers and Apps, served by the wire-level simulator (moto has no MLflow API)', async () => {
    const card = await scorecardOf('component:default/ml-workbench');
    const status = (name: string, check: string) =>
      card.results.find(r => r.resourceName === name && r.checkId === check)
        ?.status;
    const own = (name: string, checks: string[]) =>
      checks.map(check => status(name, `mlflow-${check}`));
    const tracking = [
      'tracking-server-artifact-store-same-account',
      'tracking-server-bucket-owner-verification',
      'tracking-server-automatic-model-registration-disabled',
    ];
    const app = ['app-automatic-model-registration-disabled'];
    expect(own('acme-experiments', tracking)).toEqual(['pass', 'pass', 'pass']);
    expect(own('ds-experiments', tracking)).toEqual(['fail', 'fail', 'fail']);
    expect([own('acme-mlflow', app), own('ds-mlflow-sandbox', app)]).toEqual([
      ['pass'],
      ['fail'],
    ]);
    // Key and bucket are judged through the descriptor links: the App's
    // AWS-managed key fails; the data lake bucket (another account) is unknown.
    expect([
      status('ds-mlflow-sandbox', 'kms-keys-customer-managed'),
      status('ds-experiments', 's3-buckets-public-access-blocked'),
    ]).toEqual(['fail', 'unknown']);
  });

  it('judges Studio spaces, profiles and lifecycle configurations through the wire-level simulator (moto has neither API)', async () => {
    const { results } = await scorecardOf('component:default/ml-workbench');
    const judged = (name: string, ...ids: string[]) =>
      ids
        .map(id =>
          results.find(r => r.resourceName === name && r.checkId === id),
        )
        .map(r => r?.status)
        .join('/');
    const space = ['space-remote-access-disabled', 'space-has-owner'];
    const lcc = ['secrets', 'remote-code'].map(
      c => `studio-lifecycle-config-no-${c}`,
    );
    const posix = 'studio-posix-user-not-root';
    expect([
      judged('fraud-team-shared', ...space),
      judged('data-science-sandbox', ...space),
      judged('acme-jupyterlab-baseline', ...lcc),
      judged('ds-jupyterlab-bootstrap', ...lcc),
      judged('bob-okafor', posix),
      judged('farid-haddad', posix),
    ]).toEqual([
      'pass/pass',
      'fail/fail',
      'pass/pass',
      'fail/fail',
      'pass',
      'fail',
    ]);
    // The script's key is reported by kind and line, never by value.
    expect(JSON.stringify(results)).not.toContain('demo0000000000');
  });

  it('judges the AutoML jobs, compilation jobs and human review workflows (flow definitions: moto has no API, only the wire-level simulator serves them)', async () => {
    const good = await scorecardOf('component:default/card-fraud-graph');
    const bad = await scorecardOf('component:default/next-best-offer');
    const status = (card: EntityScorecard, name: string, check: string) =>
      card.results.find(r => r.resourceName === name && r.checkId === check)
        ?.status;
    const verdicts = (card: EntityScorecard, names: string[]) => [
      status(card, names[0], 'automl-job-output-and-volume-kms-keys'),
      status(card, names[0], 'automl-job-inter-container-encryption'),
      status(card, names[0], 'automl-job-in-vpc'),
      status(card, names[1], 'compilation-job-output-kms-key'),
      status(card, names[1], 'compilation-job-in-vpc'),
      status(card, names[2], 'flow-definition-output-kms-key'),
      status(card, names[2], 'flow-definition-private-workforce'),
    ];
    expect(
      verdicts(good, [
        'card-fraud-graph-autopilot-2025-06-03',
        'card-fraud-graph-neo-2025-06-04',
        'card-fraud-graph-analyst-review',
      ]),
    ).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(
      verdicts(bad, [
        'next-best-offer-autopilot-dev-0610',
        'next-best-offer-neo-dev-0611',
        'next-best-offer-crowd-review',
      ]),
    ).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
    // The workflow's key is judged through its descriptor link.
    expect(
      status(
        good,
        'card-fraud-graph-analyst-review',
        'kms-keys-customer-managed',
      ),
    ).toBe('pass');
  });

  it('judges the Partner AI Apps and inference components, served by the wire-level simulator (moto has neither API)', async () => {
    const workbench = await scorecardOf('component:default/ml-workbench');
    const fraud = await scorecardOf('component:default/fraud-scoring');
    const status = (card: EntityScorecard, name: string, check: string) =>
      card.results.find(r => r.resourceName === name && r.checkId === check)
        ?.status;
    const partner = [
      'partner-app-customer-managed-kms-key',
      'partner-app-iam-session-based-identity',
      'partner-app-admin-users-bounded',
      'partner-app-automatic-minor-version-upgrade',
    ];
    expect(partner.map(c => status(workbench, 'acme-comet', c))).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(
      partner.map(c => status(workbench, 'ds-fiddler-sandbox', c)),
    ).toEqual(['fail', 'fail', 'fail', 'fail']);
    // The component follows its endpoint, endpoint configuration and model.
    const component = [
      'inference-component-network-isolation',
      'inference-component-in-vpc',
      'inference-component-endpoint-config-kms-key',
      'inference-component-container-image-own-registry',
    ];
    expect(
      component.map(c => status(fraud, 'fraud-scoring-xgb-v8-ic', c)),
    ).toEqual(['pass', 'pass', 'pass', 'not_applicable']);
    expect(
      component.map(c => status(workbench, 'ds-llm-sandbox-ic', c)),
    ).toEqual(['fail', 'fail', 'fail', 'fail']);
    // The app's key through its link: the good app's CMK passes.
    expect(status(workbench, 'acme-comet', 'kms-keys-customer-managed')).toBe(
      'pass',
    );
  });

  it('judges the custom images and app image configurations, served by the wire-level simulator (moto has neither API)', async () => {
    const workbench = await scorecardOf('component:default/ml-workbench');
    const status = (type: string, name: string, check: string) =>
      workbench.results.find(
        r =>
          r.resourceType === type &&
          r.resourceName === name &&
          r.checkId === check,
      )?.status;
    const tags = 'resource-ownership-tags';
    // Security Hub SageMaker.6 and .7: the tagged pair passes, the pair
    // without an owner tag fails.
    expect([
      status('image', 'acme-jupyterlab-risk', tags),
      status('app-image-config', 'acme-jupyterlab-risk', tags),
      status('image', 'ds-custom-kernel', tags),
      status('app-image-config', 'ds-custom-kernel', tags),
    ]).toEqual(['pass', 'pass', 'fail', 'fail']);
    // The kernel image runs as root (DefaultUid/DefaultGid 0).
    const posix = 'studio-posix-user-not-root';
    expect([
      status('app-image-config', 'acme-jupyterlab-risk', posix),
      status('app-image-config', 'ds-custom-kernel', posix),
    ]).toEqual(['pass', 'fail']);
    // The images' roles are judged through the descriptor link: the
    // platform role passes, the data science role (full-access policies,
    // no confused-deputy condition) fails, as on its other resources.
    const roleChecks = [
      'execution-role-no-full-access-policies',
      'execution-role-trust-confused-deputy',
    ];
    expect([
      roleChecks.map(c => status('image', 'acme-jupyterlab-risk', c)),
      roleChecks.map(c => status('image', 'ds-custom-kernel', c)),
    ]).toEqual([
      ['pass', 'pass'],
      ['fail', 'fail'],
    ]);
  });

  it("shows Security Hub's findings on the demo estate beside our own results", async () => {
    // The demo enables findings.securityHub; the estate's two findings on
    // churn-exploration are read by the scan through the simulator.
    expect(
      scan.targets
        .flatMap(t => t.errors)
        .filter(e => e.action.startsWith('securityhub:')),
    ).toEqual([]);
    const response = await get(
      '/external-findings?entityRef=component:default/customer-churn',
    );
    expect(response.status).toBe(200);
    expect(
      response.body.map(
        (f: { source: string; controlId: string; duplicateOf?: string }) => [
          f.source,
          f.controlId,
          f.duplicateOf,
        ],
      ),
    ).toEqual([
      ['security-hub', 'SageMaker.1', 'notebook-direct-internet-access'],
      ['security-hub', 'SageMaker.3', 'notebook-root-access-disabled'],
    ]);
  });

  it('answers 401 without a token', async () => {
    for (const url of [
      '/scorecards/entity?entityRef=component:default/fraud-scoring',
      '/rollups/org',
      '/checks',
      '/inventory/resources',
      '/scans/latest',
    ]) {
      const response = await request(server).get(`${API}${url}`);
      expect({ url, status: response.status }).toEqual({ url, status: 401 });
    }
  });
});
