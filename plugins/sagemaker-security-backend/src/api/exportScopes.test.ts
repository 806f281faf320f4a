/**
 * Exports of a whole scope (issue 18, item 6), on SQLite and PostgreSQL:
 * every ML service, a team's, one account's; CSV, JSON and OCSF Compliance
 * Findings; permission-filtered per service; bad input named.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import request from 'supertest';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { startScorecardTestBackend } from '../service/__testUtils__/testBackend';
import {
  CHURN,
  CHURN_NOTEBOOK_ARN,
  entities,
  FRAUD,
  FRAUD_NOTEBOOK_ARN,
  seedEstate,
} from '../service/__testUtils__/estate';
import { ACCOUNT } from '../service/__testUtils__/fixtures';

jest.setTimeout(60_000);

const READ = 'sagemaker-security.scorecard.read';
const ALICE = 'user:default/alice';
const asAlice = () => mockCredentials.user.header(ALICE);
const base = '/api/sagemaker-security';

type Finding = {
  entityRef: string;
  result: { resourceArn: string; status: string; accountId: string };
  check: { id: string; severity: string; references?: Record<string, any> };
};

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('exports on %s', databaseId => {
  let harness: Awaited<ReturnType<typeof startScorecardTestBackend>>;
  const api = () => request(harness.server);
  const get = (query: string) =>
    api().get(`${base}/export?${query}`).set('Authorization', asAlice());
  const refs = (findings: Finding[]) => [
    ...new Set(findings.map(f => f.entityRef)),
  ];

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    harness = await startScorecardTestBackend({ knex, entities, inventory });
    await harness.backend().evaluateNow();
  });

  beforeEach(() => harness.policy.reset());

  it('exports every ML service, one after the other in entity ref order, as each entity export has it', async () => {
    const all = await get('format=json');
    expect(all.status).toBe(200);
    expect(all.headers['content-disposition']).toContain(
      'sagemaker-security-findings.json',
    );
    expect(refs(all.body)).toEqual([CHURN, FRAUD]);
    for (const ref of [CHURN, FRAUD]) {
      const one = await get(`entityRef=${ref}`);
      expect(all.body.filter((f: Finding) => f.entityRef === ref)).toEqual(
        one.body,
      );
    }
  });

  it("exports a team's services only", async () => {
    const fraudTeam = await get('owner=fraud-team');
    expect(fraudTeam.status).toBe(200);
    expect(refs(fraudTeam.body)).toEqual([FRAUD]);
    const mlTeam = await get(
      `owner=${encodeURIComponent('group:default/ml-team')}`,
    );
    // churn has findings; idle, also ml-team's, has no resources.
    expect(refs(mlTeam.body)).toEqual([CHURN]);
    const nobody = await get('owner=security');
    expect(nobody.body).toEqual([]);
  });

  it("keeps one account's results", async () => {
    const all = await get('format=json');
    const inAccount = await get(`accountId=${ACCOUNT}`);
    expect(inAccount.body).toEqual(all.body);
    const other = await get('accountId=999999999999');
    expect(other.status).toBe(200);
    expect(other.body).toEqual([]);
  });

  it('streams CSV with a header and one line per finding', async () => {
    const all = await get('format=json');
    const csv = await get('format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entityRef,resourceArn,.*,references$/);
    expect(lines).toHaveLength(all.body.length + 1);
    expect(csv.text).toContain(FRAUD_NOTEBOOK_ARN);
    expect(csv.text).toContain(CHURN_NOTEBOOK_ARN);
  });

  it('exports OCSF 1.1.0 Compliance Findings that say what the JSON findings say', async () => {
    const findings: Finding[] = (await get('format=json')).body;
    const ocsf = await get('format=ocsf');
    expect(ocsf.status).toBe(200);
    expect(ocsf.headers['content-disposition']).toContain('.ocsf.json');
    expect(ocsf.body).toHaveLength(findings.length);
    const statusIds: Record<string, number> = {
      pass: 1,
      warn: 2,
      fail: 3,
      unknown: 0,
      not_applicable: 99,
      waived: 99,
    };
    const severityIds: Record<string, number> = {
      informational: 1,
      low: 2,
      medium: 3,
      high: 4,
      critical: 5,
    };
    findings.forEach((finding, i) => {
      const item = ocsf.body[i];
      expect(item).toMatchObject({
        class_uid: 2003,
        category_uid: 2,
        type_uid: 200301,
        metadata: { version: '1.1.0' },
        finding_info: {
          uid: `${finding.result.resourceArn}|${finding.check.id}`,
        },
        compliance: {
          control: finding.check.id,
          status_id: statusIds[finding.result.status],
        },
        severity_id: severityIds[finding.check.severity],
        cloud: { provider: 'AWS', account: { uid: finding.result.accountId } },
        resources: [{ uid: finding.result.resourceArn }],
        unmapped: { entityRef: finding.entityRef },
      });
      const standards = Object.entries(finding.check.references ?? {})
        .filter(([field, ids]) => field !== 'seed' && Array.isArray(ids))
        .flatMap(([field, ids]) => ids.map((id: string) => `${field}:${id}`));
      expect(item.compliance.standards).toEqual(standards);
    });
    expect(
      new Set(ocsf.body.map((o: any) => o.compliance.status_id)).size,
    ).toBeGreaterThan(1);
  });

  it('keeps only the services a conditional decision allows, and refuses a denied caller', async () => {
    harness.policy.conditional.add(READ);
    harness.policy.conditionalAllows = ref => ref === CHURN;
    const filtered = await get('format=csv');
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain(CHURN_NOTEBOOK_ARN);
    expect(filtered.text).not.toContain(FRAUD_NOTEBOOK_ARN);
    const team = await get('owner=fraud-team&format=ocsf');
    expect(team.body).toEqual([]);

    harness.policy.reset();
    harness.policy.denied.add(READ);
    for (const query of [
      'format=json',
      'owner=fraud-team',
      `accountId=${ACCOUNT}`,
    ]) {
      const denied = await get(query);
      expect({ query, status: denied.status }).toEqual({ query, status: 403 });
    }
  });

  it('answers an error, not a broken transfer, when a decision fails before the first finding', async () => {
    // As a service token the catalog refuses (the outside probe found
    // HTTP 0: the refusal came after the headers).
    harness.policy.conditional.add(READ);
    harness.policy.conditionalAllows = () => {
      throw new NotAllowedError('catalog.entity.read is not allowed');
    };
    for (const query of ['format=csv', 'owner=fraud-team', 'format=ocsf']) {
      const response = await get(query);
      expect({ query, status: response.status }).toEqual({
        query,
        status: 403,
      });
      expect(response.body.error.message).toContain('catalog.entity.read');
    }
  });

  it('answers 400 naming the field, and 401 without credentials', async () => {
    const cases: Array<[string, string]> = [
      ['accountId=12345', 'accountId'],
      ['accountId=abcdefghijkl', 'accountId'],
      [`owner=fraud-team&entityRef=${FRAUD}`, 'owner'],
      ['owner=group%3A', 'owner'],
      ['format=xml', 'format'],
    ];
    for (const [query, field] of cases) {
      const response = await get(query);
      expect({ query, status: response.status }).toEqual({
        query,
        status: 400,
      });
      expect(response.body.error.message).toContain(field);
    }
    const anonymous = await api().get(`${base}/export?format=json`);
    expect(anonymous.status).toBe(401);
  });
});
