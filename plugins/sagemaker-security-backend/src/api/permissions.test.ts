/**
 * Permissions from the outside (issue 14, item 4), on SQLite and
 * PostgreSQL: no principal type bypasses its decisions, the catalog's read
 * restrictions apply to every route that names an entity or a resource, and
 * rollups count the members a caller may not read without revealing them.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
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
  FRAUD_SYSTEM,
  PLATFORM,
  RISK_DOMAIN,
  seedEstate,
  UNLINKED_ARN,
} from '../service/__testUtils__/estate';
import { ACCOUNT } from '../service/__testUtils__/fixtures';

jest.setTimeout(60_000);

const READ = 'sagemaker-security.scorecard.read';
const SCAN = 'sagemaker-security.scan.run';
const WAIVE = 'sagemaker-security.waiver.create';
const REVOKE = 'sagemaker-security.waiver.revoke';
const CATALOG_READ = 'catalog.entity.read';

const ALICE = 'user:default/alice'; // member of fraud-team and ml-team
const asAlice = () => mockCredentials.user.header(ALICE);
const asService = () => mockCredentials.service.header();
const base = '/api/sagemaker-security';
const inDays = (days: number) =>
  new Date(Date.now() + days * 86400_000).toISOString();
const enc = encodeURIComponent;

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('permissions on %s', databaseId => {
  let harness: Awaited<ReturnType<typeof startScorecardTestBackend>>;
  const api = () => request(harness.server);

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    await inventory.createScan({
      trigger: 'schedule',
      targets: [{ accountId: ACCOUNT, region: 'eu-west-1' }],
    });
    await inventory.finishScan('scan-1', 'succeeded');
    harness = await startScorecardTestBackend({
      knex,
      entities,
      inventory,
      memberships: {
        [ALICE]: ['group:default/fraud-team', 'group:default/ml-team'],
      },
    });
    await harness.backend().evaluateNow();
  });

  beforeEach(() => harness.policy.reset());

  /** Only these entities pass `permission`'s condition. */
  function onlyReadable(permission: string, refs: string[]) {
    harness.policy.conditional.add(permission);
    harness.policy.conditionalAllows = (ref, name) =>
      name !== permission || refs.includes(ref);
  }

  it('a service token with every permission denied cannot read the inventory (was: whole inventory)', async () => {
    for (const permission of [READ, SCAN, WAIVE, REVOKE, CATALOG_READ]) {
      harness.policy.denied.add(permission);
    }
    const inventory = await api()
      .get(`${base}/inventory/resources?limit=500`)
      .set('Authorization', asService());
    expect(inventory.status).toBe(403);
    expect(inventory.body.items).toBeUndefined();
    // Nor anything else: 404 where the catalog hides a named entity.
    const expected: Record<string, number> = {
      [`/scorecards/entity?entityRef=${FRAUD}`]: 404,
      [`/scorecards/entity/findings?entityRef=${FRAUD}`]: 404,
      [`/resources/findings?arn=${enc(FRAUD_NOTEBOOK_ARN)}`]: 403,
      '/rollups/org': 403,
      [`/rollups/entity?entityRef=${PLATFORM}`]: 404,
      '/waivers': 403,
      '/export': 403,
    };
    for (const [path, status] of Object.entries(expected)) {
      const response = await api()
        .get(`${base}${path}`)
        .set('Authorization', asService());
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(Object.keys(response.body)).toEqual([
        'error',
        'request',
        'response',
      ]);
    }
  });

  it('serves the inventory to the catalog module when its decisions allow scorecard.read and catalog.entity.read', async () => {
    const allowed = await api()
      .get(`${base}/inventory/resources?limit=500`)
      .set('Authorization', asService());
    expect(allowed.status).toBe(200);
    expect(allowed.body.items.map((i: { arn: string }) => i.arn)).toContain(
      UNLINKED_ARN,
    );
    harness.policy.denied.add(CATALOG_READ);
    const denied = await api()
      .get(`${base}/inventory/resources?limit=500`)
      .set('Authorization', asService());
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(CATALOG_READ);
  });

  it('applies catalog read restrictions to /resources/findings (was: served for entities the caller cannot read)', async () => {
    onlyReadable(CATALOG_READ, [CHURN]);
    const hidden = await api()
      .get(`${base}/resources/findings?arn=${enc(FRAUD_NOTEBOOK_ARN)}`)
      .set('Authorization', asAlice());
    expect(hidden.status).toBe(404);
    expect(hidden.body.resource).toBeUndefined();
    const visible = await api()
      .get(`${base}/resources/findings?arn=${enc(CHURN_NOTEBOOK_ARN)}`)
      .set('Authorization', asAlice());
    expect(visible.status).toBe(200);
    expect(visible.body.resource.arn).toBe(CHURN_NOTEBOOK_ARN);
    // A resource no entity links to needs both permissions unconditionally.
    const orphan = await api()
      .get(`${base}/resources/findings?arn=${enc(UNLINKED_ARN)}`)
      .set('Authorization', asAlice());
    expect(orphan.status).toBe(404);
  });

  it('applies catalog read restrictions to /inventory/resources (was: served)', async () => {
    onlyReadable(CATALOG_READ, [CHURN]);
    for (const authorization of [asAlice(), asService()]) {
      const response = await api()
        .get(`${base}/inventory/resources`)
        .set('Authorization', authorization);
      expect(response.status).toBe(403);
    }
  });

  it('applies catalog read restrictions to every route that names an entity', async () => {
    onlyReadable(CATALOG_READ, [CHURN]);
    for (const path of [
      `/scorecards/entity?entityRef=${FRAUD}`,
      `/scorecards/entity/findings?entityRef=${FRAUD}`,
      `/history/entity?entityRef=${FRAUD}`,
      `/waivers?entityRef=${FRAUD}`,
      `/export?entityRef=${FRAUD}`,
    ]) {
      const response = await api()
        .get(`${base}${path}`)
        .set('Authorization', asAlice());
      expect({ path, status: response.status }).toEqual({
        path,
        status: 404,
      });
    }
    const churn = await api()
      .get(`${base}/scorecards/entity?entityRef=${CHURN}`)
      .set('Authorization', asAlice());
    expect(churn.status).toBe(200);
    const org = await api()
      .get(`${base}/rollups/org`)
      .set('Authorization', asAlice());
    expect(
      org.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([CHURN]);
    const waive = await api()
      .post(`${base}/waivers`)
      .set('Authorization', asAlice())
      .send({
        entityRef: FRAUD,
        checkId: 'test-kms-key',
        resourceArn: '*',
        reason: 'Keys move to the new KMS account in December',
        expiresAt: inDays(5),
      });
    expect(waive.status).toBe(404);
    // The whole-estate export keeps what the catalog lets the caller read
    // (was: 403 for any conditional decision).
    const all = await api()
      .get(`${base}/export`)
      .set('Authorization', asAlice());
    expect(all.status).toBe(200);
    expect(
      new Set(all.body.map((f: { entityRef: string }) => f.entityRef)),
    ).toEqual(new Set([CHURN]));
    expect(JSON.stringify(all.body)).not.toContain(FRAUD_NOTEBOOK_ARN);
  });

  it('Group, System and Domain rollups count members the caller cannot read, without revealing them (was: every member shown)', async () => {
    // An active waiver of fraud-scoring, expiring soon: also not to be shown.
    const waiver = await api()
      .post(`${base}/waivers`)
      .set('Authorization', asAlice())
      .send({
        entityRef: FRAUD,
        checkId: 'test-direct-internet',
        resourceArn: '*',
        reason: 'Internet access until the VPC endpoints are in place',
        expiresAt: inDays(3),
      });
    expect(waiver.status).toBe(201);
    try {
      const churnRow = (
        await api().get(`${base}/rollups/org`).set('Authorization', asAlice())
      ).body.items.find((r: { entityRef: string }) => r.entityRef === CHURN);

      for (const permission of [READ, CATALOG_READ]) {
        harness.policy.reset();
        onlyReadable(permission, [PLATFORM, FRAUD_SYSTEM, RISK_DOMAIN, CHURN]);
        const platform = await api()
          .get(`${base}/rollups/entity?entityRef=${PLATFORM}`)
          .set('Authorization', asAlice());
        expect(platform.status).toBe(200);
        expect(platform.body.hiddenEntityCount).toBe(1);
        expect(
          platform.body.entities.map((e: { entityRef: string }) => e.entityRef),
        ).toEqual([CHURN]);
        expect(platform.body.score).toEqual(churnRow.score);
        expect(platform.body.trend).toEqual([]);
        expect(platform.body.expiringWaivers).toEqual([]);
        for (const body of [platform.body]) {
          const text = JSON.stringify(body);
          expect(text).not.toContain(FRAUD);
          expect(text).not.toContain('fraud-nb');
        }
        for (const ref of [FRAUD_SYSTEM, RISK_DOMAIN]) {
          const rollup = await api()
            .get(`${base}/rollups/entity?entityRef=${ref}`)
            .set('Authorization', asAlice());
          expect(rollup.status).toBe(200);
          expect(rollup.body).toMatchObject({
            entities: [],
            worstFindings: [],
            expiringWaivers: [],
            trend: [],
            hiddenEntityCount: 1,
          });
          expect(rollup.body.score.score).toBeNull();
          expect(JSON.stringify(rollup.body)).not.toContain(FRAUD);
        }
      }

      // Everything readable: nothing hidden, the waiver is listed.
      harness.policy.reset();
      const open = await api()
        .get(`${base}/rollups/entity?entityRef=${PLATFORM}`)
        .set('Authorization', asAlice());
      expect(open.body.hiddenEntityCount).toBe(0);
      expect(
        open.body.entities
          .map((e: { entityRef: string }) => e.entityRef)
          .sort(),
      ).toEqual([CHURN, FRAUD].sort());
      expect(
        open.body.expiringWaivers.map((w: { id: string }) => w.id),
      ).toEqual([waiver.body.id]);
    } finally {
      harness.policy.reset();
      await api()
        .post(`${base}/waivers/${waiver.body.id}/revoke`)
        .set('Authorization', asAlice())
        .send({});
    }
  });

  it('serves a waiver with its audit trail, under the read decisions of its entity', async () => {
    const created = await api()
      .post(`${base}/waivers`)
      .set('Authorization', asAlice())
      .send({
        entityRef: FRAUD,
        checkId: 'test-kms-key',
        resourceArn: '*',
        reason: 'Keys move to the new KMS account in December',
        expiresAt: inDays(10),
      });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await api()
      .post(`${base}/waivers/${id}/revoke`)
      .set('Authorization', asAlice())
      .send({ reason: 'Keys rotated' });

    const response = await api()
      .get(`${base}/waivers/${id}`)
      .set('Authorization', asAlice());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id,
      status: 'revoked',
      revokedBy: ALICE,
      events: [
        {
          event: 'created',
          actor: ALICE,
          detail: 'Keys move to the new KMS account in December',
        },
        { event: 'revoked', actor: ALICE, detail: 'Keys rotated' },
      ],
    });
    expect(response.body.events[0].at).toBe(created.body.createdAt);
    expect(response.body.events[1].at).toBe(response.body.revokedAt);

    onlyReadable(CATALOG_READ, [CHURN]);
    const hidden = await api()
      .get(`${base}/waivers/${id}`)
      .set('Authorization', asAlice());
    expect(hidden.status).toBe(404);
    harness.policy.reset();
    harness.policy.denied.add(READ);
    const denied = await api()
      .get(`${base}/waivers/${id}`)
      .set('Authorization', asAlice());
    expect(denied.status).toBe(403);
    harness.policy.reset();
    const unknown = await api()
      .get(`${base}/waivers/00000000-0000-0000-0000-000000000000`)
      .set('Authorization', asAlice());
    expect(unknown.status).toBe(404);
  });

  it('ten concurrent identical waiver creates over HTTP: one 201, nine 409, one active waiver', async () => {
    const body = {
      entityRef: FRAUD,
      checkId: 'test-role-boundary',
      resourceArn: '*',
      reason: 'Boundary arrives with the new account baseline',
      expiresAt: inDays(7),
    };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api()
          .post(`${base}/waivers`)
          .set('Authorization', asAlice())
          .send(body),
      ),
    );
    expect(responses.map(r => r.status).sort()).toEqual([
      201, 409, 409, 409, 409, 409, 409, 409, 409, 409,
    ]);
    const winner = responses.find(r => r.status === 201)!.body.id;
    for (const loser of responses.filter(r => r.status === 409)) {
      expect(loser.body.error.name).toBe('ConflictError');
    }
    const active = await api()
      .get(`${base}/waivers?entityRef=${FRAUD}&status=active`)
      .set('Authorization', asAlice());
    expect(
      active.body
        .filter((w: { checkId: string }) => w.checkId === body.checkId)
        .map((w: { id: string }) => w.id),
    ).toEqual([winner]);
    // Revoked, the key is free again.
    await api()
      .post(`${base}/waivers/${winner}/revoke`)
      .set('Authorization', asAlice())
      .send({});
    const again = await api()
      .post(`${base}/waivers`)
      .set('Authorization', asAlice())
      .send(body);
    expect(again.status).toBe(201);
    await api()
      .post(`${base}/waivers/${again.body.id}/revoke`)
      .set('Authorization', asAlice())
      .send({});
  });
});
