/**
 * Scan health where users look (issue 12, item 5): the scorecard of a
 * service and `GET /scans/health` say which account and region the last scan
 * could not read, why, and whether any account is configured at all.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityScorecard,
  ScanHealth,
} from '@mlsec/plugin-sagemaker-security-common';
import request from 'supertest';
import { sqliteMemory } from '../inventory/__testUtils__/harness';
import {
  asUser,
  BASE,
  startPluginBackend,
} from '../tests/reliability/__testUtils__/pluginBackend';
import {
  createStack,
  demoEntities,
  demoEstate,
} from '../tests/reliability/__testUtils__/stack';

jest.setTimeout(120_000);

const PROD = '111122223333';
const DEV = '444455556666';
const key = (t: { accountId: string; region: string }) =>
  `${t.accountId}/${t.region}`;

function demoEntity(name: string): Entity {
  return demoEntities().find(e => e.metadata.name === name)!;
}

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'ml-service', owner: 'ml-platform', lifecycle: 'production' },
  };
}

describe('scan health of a backend with no AWS account configured', () => {
  it('warns at start-up and says so on scorecards and at GET /scans/health', async () => {
    const { server, logs } = await startPluginBackend({
      config: { sagemakerSecurity: { waivers: { maxDays: 30 } } },
      knex: sqliteMemory(),
    });
    expect(logs.text()).toMatch(
      /warn .*No AWS account is configured .*'sagemakerSecurity\.accounts'/,
    );

    const health = await request(server)
      .get(`${BASE}/scans/health`)
      .set('Authorization', asUser());
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      accountsConfigured: false,
      scope: 'all',
      targets: [],
    });

    const card = await request(server)
      .get(
        `${BASE}/scorecards/entity?entityRef=component:default/fraud-scoring`,
      )
      .set('Authorization', asUser());
    expect(card.status).toBe(200);
    const scorecard: EntityScorecard = card.body;
    expect(scorecard.resources).toEqual([]);
    expect(scorecard.scanHealth?.accountsConfigured).toBe(false);
  });
});

describe('scan health after the role of an account could not be assumed', () => {
  let faulty: Awaited<ReturnType<typeof createStack>>;
  let scanId: string;

  const scorecardOf = (entity: Entity) =>
    faulty.scorecard.scorecards.entityScorecard(entity, mockCredentials.user());

  beforeAll(async () => {
    const knex = sqliteMemory();
    const good = await createStack({ knex, estate: await demoEstate() });
    await good.scan();
    const estate = await demoEstate();
    estate.accounts.find(a => a.accountId === DEV)!.assumeRoleFails = true;
    faulty = await createStack({ knex, estate });
    scanId = (await faulty.scan()).id;
  });

  it('names the account, region, kind and action on the scorecard of a service there, whose last good results stay', async () => {
    const card = await scorecardOf(demoEntity('fraud-scoring'));
    expect(card.stale).toBe(true);
    // The results of the development account are the last good ones.
    expect(card.resources.some(r => r.accountId === DEV)).toBe(true);
    const health = card.scanHealth!;
    expect(health.scope).toBe('entity');
    expect(health.accountsConfigured).toBe(true);
    expect(health.lastFinishedScan?.scanId).toBe(scanId);
    const failed = health.targets.filter(t => t.status === 'failed');
    // fraud-scoring has development resources in us-east-1 only.
    expect(failed.map(key)).toEqual([`${DEV}/us-east-1`]);
    expect(failed[0].errors[0]).toMatchObject({
      action: 'sts:AssumeRole',
      message: expect.stringContaining(DEV),
    });
    // Before wire-errors' taxonomy: access_denied; after it: credentials_unavailable.
    expect(['access_denied', 'credentials_unavailable']).toContain(
      failed[0].errors[0].kind,
    );
    // Only targets its resources are in, and only the ones with problems.
    const where = new Set(card.resources.map(key));
    for (const t of health.targets) {
      expect(where.has(key(t))).toBe(true);
      expect(['failed', 'partial']).toContain(t.status);
    }
  });

  it('leaves the failed account off the scorecard of a service elsewhere', async () => {
    const card = await scorecardOf(demoEntity('credit-risk-model'));
    expect(card.resources.every(r => r.accountId === PROD)).toBe(true);
    expect(card.scanHealth!.targets.map(t => t.accountId)).not.toContain(DEV);
  });

  it('finds the account of a service nothing was collected of by its annotation, or lists every failure', async () => {
    const annotated = await scorecardOf(
      component('sandbox-model', { 'amazonaws.com/account-id': DEV }),
    );
    expect(annotated.resources).toEqual([]);
    expect(annotated.scanHealth!.scope).toBe('entity');
    expect(annotated.scanHealth!.targets.map(key).sort()).toEqual([
      `${DEV}/eu-west-1`,
      `${DEV}/us-east-1`,
    ]);

    const unknown = await scorecardOf(component('mystery-model', {}));
    expect(unknown.scanHealth!.scope).toBe('all');
    expect(unknown.scanHealth!.targets.map(key)).toEqual(
      expect.arrayContaining([`${DEV}/eu-west-1`, `${DEV}/us-east-1`]),
    );
  });

  it('lists every failed and partial target of the estate', async () => {
    const health: ScanHealth = await faulty.scorecard.scorecards.scanHealth();
    expect(health.scope).toBe('all');
    const byTarget = new Map(health.targets.map(t => [key(t), t]));
    expect(byTarget.get(`${DEV}/us-east-1`)?.status).toBe('failed');
    expect(byTarget.get(`${DEV}/eu-west-1`)?.status).toBe('failed');
    // The demo estate's own denials make its production targets partial.
    const partial = health.targets.filter(t => t.status === 'partial');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every(t => t.accountId === PROD)).toBe(true);
  });
});
