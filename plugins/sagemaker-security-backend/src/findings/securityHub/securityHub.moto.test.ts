/**
 * Security Hub findings against moto (`python3 -m moto.server`), through
 * the SecurityHub SDK client (AWS JSON 1.1 over real HTTP): findings put in
 * with BatchImportFindings, read with the GetFindings paginator.
 *
 * moto 5.2.1 ignores GetFindings' `Filters` (its source: "Filters and
 * SortCriteria is not yet implemented"), so the filters are checked on the
 * serialized request, and the findings moto returns regardless (another
 * resource type, an archived record, another account) show the same
 * conditions applied to the answer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateNotebookInstanceCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  AwsSecurityFinding,
  BatchImportFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { sqliteMemory } from '../../inventory/__testUtils__/harness';
import { useMoto } from '../../inventory/__testUtils__/moto';
import { endpointsAt } from '../../inventory/__testUtils__/scanOnce';
import {
  asUser,
  BASE,
  LogSink,
  startPluginBackend,
} from '../../tests/reliability/__testUtils__/pluginBackend';
import { readSecurityHubFindings } from './securityHubFindings';

jest.setTimeout(180_000);

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const NOTEBOOK = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/fraud-nb`;
const PRODUCT = `arn:aws:securityhub:${REGION}::product/aws/securityhub`;
const moto = useMoto();
const credentials = { accessKeyId: 'seed', secretAccessKey: 'seed' };

function finding(
  id: string,
  overrides: Partial<AwsSecurityFinding> = {},
): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/SageMaker.1/finding/${id}`,
    ProductArn: PRODUCT,
    GeneratorId: 'security-control/SageMaker.1',
    AwsAccountId: ACCOUNT,
    Region: REGION,
    Types: [
      'Software and Configuration Checks/Industry and Regulatory Standards',
    ],
    CreatedAt: '2026-12-01T10:00:00.000Z',
    UpdatedAt: '2026-12-06T10:00:00.000Z',
    FirstObservedAt: '2026-12-01T10:00:00.000Z',
    LastObservedAt: '2026-12-06T10:00:00.000Z',
    Severity: { Label: 'HIGH', Original: 'HIGH' },
    Title:
      'SageMaker notebook instances should not have direct internet access',
    Description:
      'This control checks whether direct internet access is disabled.',
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: 'https://docs.aws.amazon.com/console/securityhub/SageMaker.1/remediation',
      },
    },
    Compliance: { Status: 'FAILED', SecurityControlId: 'SageMaker.1' },
    Resources: [
      {
        Type: 'AwsSageMakerNotebookInstance',
        Id: NOTEBOOK,
        Partition: 'aws',
        Region: REGION,
      },
    ],
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
    ...overrides,
  };
}

async function importFindings(findings: AwsSecurityFinding[]) {
  const client = new SecurityHubClient({
    region: REGION,
    endpoint: moto().url,
    credentials,
  });
  try {
    for (let i = 0; i < findings.length; i += 100) {
      const answer = await client.send(
        new BatchImportFindingsCommand({
          Findings: findings.slice(i, i + 100),
        }),
      );
      expect(answer.FailedCount).toBe(0);
    }
  } finally {
    client.destroy();
  }
}

beforeEach(() => moto().reset());

it('reads every page with the SageMaker, active, account and region filters, keeping only what they select', async () => {
  await importFindings([
    ...Array.from({ length: 140 }, (_, i) => finding(`nb-${i}`)),
    finding('bucket', {
      Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::ml-artifacts' }],
    }),
    finding('archived', { RecordState: 'ARCHIVED' }),
    finding('other-account', { AwsAccountId: '210987654321' }),
  ]);
  const client = new SecurityHubClient({
    region: REGION,
    endpoint: moto().url,
    credentials,
  });
  const bodies: string[] = [];
  client.middlewareStack.add(
    (next: any) => async (args: any) => {
      const body = args.request.body;
      bodies.push(
        typeof body === 'string' ? body : new TextDecoder().decode(body),
      );
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordBody' },
  );
  try {
    const { records, skipped } = await readSecurityHubFindings(client, {
      accountId: ACCOUNT,
      region: REGION,
    });
    expect(records).toHaveLength(140);
    expect(skipped).toBe(3);
    expect(records[0]).toEqual({
      source: 'security-hub',
      sourceId: finding('nb-0').Id,
      resourceArn: NOTEBOOK,
      accountId: ACCOUNT,
      region: REGION,
      controlId: 'SageMaker.1',
      title:
        'SageMaker notebook instances should not have direct internet access',
      severity: 'high',
      status: 'failed',
      remediationUrl:
        'https://docs.aws.amazon.com/console/securityhub/SageMaker.1/remediation',
      firstObservedAt: '2026-12-01T10:00:00.000Z',
      lastObservedAt: '2026-12-06T10:00:00.000Z',
    });
  } finally {
    client.destroy();
  }
  // 143 findings, 100 a page: two requests, the second with the token.
  expect(bodies).toHaveLength(2);
  const [first, second] = bodies.map(body => JSON.parse(body));
  expect(first).toEqual({
    Filters: {
      ResourceType: [{ Value: 'AwsSageMaker', Comparison: 'PREFIX' }],
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      AwsAccountId: [{ Value: ACCOUNT, Comparison: 'EQUALS' }],
      Region: [{ Value: REGION, Comparison: 'EQUALS' }],
    },
    MaxResults: 100,
  });
  expect(second.NextToken).toEqual(expect.any(String));
});

const fraudScoring: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring', namespace: 'default' },
  spec: {
    type: 'ml-service',
    lifecycle: 'production',
    owner: 'group:default/fraud-ml',
  },
};

/** The plugin as an adopter configures it: Security Hub enabled, every endpoint at `endpoint`. */
function config(endpoint: string, securityhub = endpoint) {
  return {
    sagemakerSecurity: {
      scanOnStartup: false,
      accounts: [{ accountId: ACCOUNT, regions: [REGION] }],
      aws: {
        maxAttempts: 2,
        endpoints: { ...endpointsAt(endpoint), securityhub },
      },
      findings: { securityHub: { enabled: true } },
    },
    aws: {
      accounts: [
        { accountId: ACCOUNT, accessKeyId: 'k', secretAccessKey: 's' },
      ],
    },
  };
}

async function scanThrough(server: any, logs: LogSink) {
  const evaluations = () =>
    logs.lines.filter(line => / Evaluated \d+ results/.test(line)).length;
  const before = evaluations();
  const started = await request(server)
    .post(`${BASE}/scans`)
    .set('Authorization', asUser())
    .send({});
  expect(started.status).toBe(202);
  let run = started.body;
  const deadline = Date.now() + 120_000;
  while (!run.finishedAt || evaluations() === before) {
    if (Date.now() > deadline) throw new Error(JSON.stringify(run));
    await new Promise(r => setTimeout(r, 200));
    run = (
      await request(server)
        .get(`${BASE}/scans/${run.id}`)
        .set('Authorization', asUser())
    ).body;
  }
  return run;
}

const securityHubErrors = (scan: {
  targets: Array<{ errors: Array<{ action: string }> }>;
}) =>
  scan.targets
    .flatMap(t => t.errors)
    .filter(e => e.action.startsWith('securityhub:'));

const external = async (server: any) => {
  const response = await request(server)
    .get(`${BASE}/external-findings`)
    .query({ entityRef: 'component:default/fraud-scoring' })
    .set('Authorization', asUser());
  expect(response.status).toBe(200);
  return response.body as Array<{ sourceId: string; duplicateOf?: string }>;
};

it('a scan reads them per account and region, resolves what is gone, and keeps them when the read fails', async () => {
  const sagemaker = new SageMakerClient({
    region: REGION,
    endpoint: moto().url,
    credentials,
  });
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: 'fraud-nb',
      InstanceType: 'ml.t3.medium',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/fraud-nb`,
      Tags: [{ Key: 'ml-service', Value: 'fraud-scoring' }],
    }),
  );
  sagemaker.destroy();
  await importFindings([
    finding('internet'),
    finding('root', {
      Compliance: { Status: 'FAILED', SecurityControlId: 'SageMaker.3' },
      Severity: { Label: 'MEDIUM' },
    }),
  ]);

  const knex = sqliteMemory();
  const logs = new LogSink();
  const first = await startPluginBackend({
    knex,
    config: config(moto().url),
    entities: [fraudScoring],
    logs,
  });
  try {
    const scan = await scanThrough(first.server, logs);
    // moto answers some SageMaker listings with 500 (its gaps): partial,
    // whatever Security Hub does; no error is Security Hub's.
    expect(securityHubErrors(scan)).toEqual([]);
    const sent = Object.keys(scan.callCounts).filter(a =>
      a.startsWith('securityhub:'),
    );
    expect(sent).toEqual(['securityhub:GetFindings']);
    // iam-policy.json grants exactly what the read sends.
    const policy = JSON.parse(
      readFileSync(resolve(__dirname, '../../../iam-policy.json'), 'utf8'),
    );
    expect(
      policy.Statement.flatMap((s: { Action: string[] }) => s.Action).filter(
        (a: string) => a.startsWith('securityhub:'),
      ),
    ).toEqual(sent);

    const shown = await external(first.server);
    // The catalogue's checks name SageMaker.1 and SageMaker.3 as peers.
    expect(shown.map(f => [f.sourceId, f.duplicateOf]).sort()).toEqual([
      [finding('internet').Id, 'notebook-direct-internet-access'],
      [finding('root').Id, 'notebook-root-access-disabled'],
    ]);

    // Security Hub archives one: the next scan's read no longer returns it.
    await importFindings([finding('root', { RecordState: 'ARCHIVED' })]);
    expect(securityHubErrors(await scanThrough(first.server, logs))).toEqual(
      [],
    );
    expect((await external(first.server)).map(f => f.sourceId)).toEqual([
      finding('internet').Id,
    ]);
  } finally {
    await first.backend.stop();
  }

  // The same database, Security Hub unreachable: the scan goes on, the
  // failure is in scan health, and the findings read before are kept.
  const closed = await new Promise<number>(done => {
    const probe = require('node:net').createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
  const second = await startPluginBackend({
    knex,
    config: config(moto().url, `http://127.0.0.1:${closed}`),
    entities: [fraudScoring],
    logs,
  });
  try {
    const scan = await scanThrough(second.server, logs);
    expect(scan.status).toBe('partial');
    expect(securityHubErrors(scan)).toEqual([
      expect.objectContaining({
        action: 'securityhub:GetFindings',
        field: 'securityHubFindings',
        target: `${ACCOUNT}/${REGION}`,
      }),
    ]);
    const health = await request(second.server)
      .get(`${BASE}/scans/health`)
      .set('Authorization', asUser());
    expect(JSON.stringify(health.body)).toContain('securityhub:GetFindings');
    expect((await external(second.server)).map(f => f.sourceId)).toEqual([
      finding('internet').Id,
    ]);
    expect(logs.text()).toContain(
      `Security Hub findings of ${ACCOUNT}/${REGION} were not read`,
    );
  } finally {
    await second.backend.stop();
  }
});
