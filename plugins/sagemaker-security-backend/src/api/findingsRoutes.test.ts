/**
 * Findings of other tools over HTTP (issue 18, item 5), on SQLite and
 * PostgreSQL: the Prowler upload (permission, validation naming the field
 * with nothing stored, size limit) and the read per entity (the
 * scorecard's read decisions, mapping onto the entity's resources,
 * `duplicateOf` from our checks' peer references).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import request from 'supertest';
import { createExternalFindings } from '../findings/createExternalFindings';
import { DatabaseExternalFindingStore } from '../findings/DatabaseExternalFindingStore';
import { prowlerFinding } from '../findings/prowler/__testUtils__/prowlerFindings';
import {
  migrateResultsTables,
  MIGRATIONS_DIRECTORY,
} from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { startScorecardTestBackend } from '../service/__testUtils__/testBackend';
import {
  CHURN,
  CHURN_NOTEBOOK_ARN,
  entities,
  FRAUD,
  FRAUD_CONFIG_ARN,
  FRAUD_NOTEBOOK_ARN,
  seedEstate,
  UNLINKED_ARN,
} from '../service/__testUtils__/estate';
import { ACCOUNT, testChecks } from '../service/__testUtils__/fixtures';

jest.setTimeout(60_000);

const BASE = '/api/sagemaker-security';
const IMPORT = 'sagemaker-security.findings.import';
const READ = 'sagemaker-security.scorecard.read';
const asAlice = () => mockCredentials.user.header('user:default/alice');
const PROWLER_INTERNET =
  'sagemaker_notebook_instance_without_direct_internet_access_configured';

/** Our internet check names the peers' controls, as the catalogue's does. */
const checks = testChecks.map(check =>
  check.id === 'test-direct-internet'
    ? {
        ...check,
        references: {
          ...check.references,
          securityHub: ['SageMaker.1'],
          prowler: [PROWLER_INTERNET],
        },
      }
    : check,
);

const upload = [
  prowlerFinding({ uid: 'p-fraud-nb', resourceArn: FRAUD_NOTEBOOK_ARN }),
  prowlerFinding({
    uid: 'p-fraud-cfg',
    resourceArn: FRAUD_CONFIG_ARN,
    checkId: 'sagemaker_endpoint_config_prod_variant_instances',
    severity: 'Medium',
  }),
  prowlerFinding({ uid: 'p-orphan', resourceArn: UNLINKED_ARN }),
  prowlerFinding({ uid: 'p-bucket', resourceArn: 'arn:aws:s3:::ml-artifacts' }),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'findings of other tools on %s',
  databaseId => {
    let harness: Awaited<ReturnType<typeof startScorecardTestBackend>>;
    let store: DatabaseExternalFindingStore;
    const post = (body: unknown) =>
      request(harness.server)
        .post(`${BASE}/findings/prowler`)
        .set('Authorization', asAlice())
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
    const read = (entityRef: string) =>
      request(harness.server)
        .get(`${BASE}/external-findings`)
        .query({ entityRef })
        .set('Authorization', asAlice());
    const stored = () =>
      store.listByResources([
        FRAUD_NOTEBOOK_ARN,
        FRAUD_CONFIG_ARN,
        UNLINKED_ARN,
        CHURN_NOTEBOOK_ARN,
      ]);

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261209200000_external_findings.js',
      });
      const inventory = new InMemoryInventoryStore();
      await seedEstate(inventory);
      const findings = createExternalFindings({
        config: new ConfigReader({
          sagemakerSecurity: {
            findings: { prowler: { maxUploadMegabytes: 1 } },
          },
        }),
        logger: mockServices.logger.mock(),
        knex,
      });
      store = findings.store;
      harness = await startScorecardTestBackend({
        knex,
        entities,
        inventory,
        checks,
        externalFindings: scorecards => findings.service(scorecards),
      });
      await harness.backend().evaluateNow();
    });

    beforeEach(() => harness.policy.reset());

    it('needs credentials for both routes', async () => {
      const upload401 = await request(harness.server)
        .post(`${BASE}/findings/prowler`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(upload));
      expect(upload401.status).toBe(401);
      const read401 = await request(harness.server)
        .get(`${BASE}/external-findings`)
        .query({ entityRef: FRAUD });
      expect(read401.status).toBe(401);
      expect(await stored()).toEqual([]);
    });

    it('refuses an upload the policy does not allow, storing nothing', async () => {
      harness.policy.denied.add(IMPORT);
      const response = await post(upload);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(IMPORT);
      expect(await stored()).toEqual([]);
    });

    it('refuses a malformed file with 400 naming the field, storing nothing of it', async () => {
      const response = await post([
        prowlerFinding({ uid: 'valid-first', resourceArn: FRAUD_NOTEBOOK_ARN }),
        {
          ...prowlerFinding({ uid: 'broken' }),
          resources: [{ region: 'eu-west-1' }],
        },
      ]);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'body[1].resources[0].uid: Required',
      );
      const notJson = await post('[{"class_uid": 2004');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(
        /^body: expected a JSON array/,
      );
      expect(await stored()).toEqual([]);
    });

    it('refuses an upload over the limit with 413, declared or streamed, storing nothing', async () => {
      const big = Array.from({ length: 200 }, (_, i) =>
        prowlerFinding({
          uid: `big-${i}`,
          resourceArn: FRAUD_NOTEBOOK_ARN,
          padding: 8_000,
        }),
      );
      const declared = await post(big);
      expect(declared.status).toBe(413);
      expect(declared.body.error.message).toContain(
        'sagemakerSecurity.findings.prowler.maxUploadMegabytes',
      );
      // Chunked, without a Content-Length: refused while it is read.
      const address = harness.server.address() as AddressInfo;
      const streamed = await new Promise<{ status: number; body: string }>(
        (resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port: address.port,
              method: 'POST',
              path: `${BASE}/findings/prowler`,
              headers: {
                Authorization: asAlice(),
                'Content-Type': 'application/json',
                'Transfer-Encoding': 'chunked',
              },
            },
            res => {
              let body = '';
              res.on('data', chunk => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode!, body }));
            },
          );
          req.on('error', reject);
          const text = JSON.stringify(big);
          for (let i = 0; i < text.length; i += 64 * 1024) {
            req.write(text.slice(i, i + 64 * 1024));
          }
          req.end();
        },
      );
      expect(streamed.status).toBe(413);
      expect(await stored()).toEqual([]);
    });

    it('imports SageMaker findings once, counting the others, for users and services', async () => {
      const first = await post(upload);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        imported: 3,
        updated: 0,
        ignored: 1,
        duplicates: 0,
      });
      const again = await request(harness.server)
        .post(`${BASE}/findings/prowler`)
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/json')
        .send(JSON.stringify([...upload, upload[0]]));
      expect(again.status).toBe(200);
      expect(again.body).toEqual({
        imported: 0,
        updated: 3,
        ignored: 1,
        duplicates: 1,
      });
      expect(await stored()).toHaveLength(3);
    });

    it("maps findings onto the entity's resources, marking those our checks also report", async () => {
      await store.replaceLocation(
        { source: 'security-hub', accountId: ACCOUNT, region: 'eu-west-1' },
        [FRAUD_NOTEBOOK_ARN, CHURN_NOTEBOOK_ARN].map(arn => ({
          source: 'security-hub' as const,
          sourceId: `hub-${arn}`,
          resourceArn: arn,
          accountId: ACCOUNT,
          region: 'eu-west-1',
          controlId: 'SageMaker.1',
          title: 'Notebook instances should not have direct internet access',
          severity: 'high' as const,
          status: 'failed' as const,
        })),
        new Date(),
      );
      const fraud = await read(FRAUD);
      expect(fraud.status).toBe(200);
      const shown = fraud.body.map((f: any) => ({
        source: f.source,
        resourceArn: f.resourceArn,
        controlId: f.controlId,
        duplicateOf: f.duplicateOf,
      }));
      expect(shown).toEqual(
        expect.arrayContaining([
          {
            source: 'prowler',
            resourceArn: FRAUD_NOTEBOOK_ARN,
            controlId: PROWLER_INTERNET,
            duplicateOf: 'test-direct-internet',
          },
          {
            source: 'security-hub',
            resourceArn: FRAUD_NOTEBOOK_ARN,
            controlId: 'SageMaker.1',
            duplicateOf: 'test-direct-internet',
          },
          {
            source: 'prowler',
            resourceArn: FRAUD_CONFIG_ARN,
            controlId: 'sagemaker_endpoint_config_prod_variant_instances',
            duplicateOf: undefined,
          },
        ]),
      );
      expect(shown).toHaveLength(3);
      // Most severe first; the fields the Security tab shows.
      expect(fraud.body[fraud.body.length - 1].severity).toBe('medium');
      expect(fraud.body[0]).toMatchObject({
        severity: 'high',
        status: 'failed',
        accountId: ACCOUNT,
        region: 'eu-west-1',
      });
      expect(fraud.body.some((f: any) => 'state' in f)).toBe(false);

      const churn = await read(CHURN);
      expect(churn.body.map((f: any) => f.resourceArn)).toEqual([
        CHURN_NOTEBOOK_ARN,
      ]);
    });

    it("applies the scorecard's read decisions and names a bad entityRef", async () => {
      harness.policy.denied.add(READ);
      expect((await read(FRAUD)).status).toBe(403);
      harness.policy.reset();
      harness.policy.conditional.add(READ);
      harness.policy.conditionalAllows = ref => ref === CHURN;
      expect((await read(FRAUD)).status).toBe(403);
      expect((await read(CHURN)).status).toBe(200);
      harness.policy.reset();
      const missing = await request(harness.server)
        .get(`${BASE}/external-findings`)
        .set('Authorization', asAlice());
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('entityRef');
      const bad = await read('component:default/');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('entityRef');
    });
  },
);
