/**
 * The waiver request actions for AI agents through the actions registry
 * mock, on SQLite and PostgreSQL: an owner's agent requests a waiver (dry
 * run first: nothing stored), a security group member's agent approves it
 * (dry run first: nothing decided), and each applies the caller's
 * permissions as the REST API does (refusals are the same errors).
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createScorecardService } from '../service/createScorecardService';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { testChecks } from '../service/__testUtils__/fixtures';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_NOTEBOOK_ARN,
  FRAUD_TEAM,
  SECURITY,
  seedEstate,
} from '../service/__testUtils__/estate';
import { registerWaiverRequestActions } from './waiverRequestActions';

jest.setTimeout(60_000);

const READ = 'sagemaker-security.scorecard.read';
const REQUEST = 'sagemaker-security.waiver.request';
const APPROVE = 'sagemaker-security.waiver.approve';
const ALICE = 'user:default/alice';
const SAM = 'user:default/sam';
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const inDays = (days: number) =>
  new Date(Date.now() + days * 86400_000).toISOString();

describe.each(databases.eachSupportedId())(
  'waiver request actions on %s',
  databaseId => {
    const denied = new Set<string>();
    const decide = async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      }));
    const permissions = mockServices.permissions.mock({
      authorize: decide,
      authorizeConditional: decide as any,
    });
    const memberships: Record<string, string[]> = {
      [ALICE]: [FRAUD_TEAM],
      [SAM]: [SECURITY],
    };
    let actions: ReturnType<typeof actionsRegistryServiceMock>;
    let backend: Awaited<ReturnType<typeof createScorecardService>>;
    const invoke = async (
      name: string,
      input: object,
      user: string | 'service' = ALICE,
    ): Promise<{ output: any }> =>
      actions.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials:
          user === 'service'
            ? mockCredentials.service()
            : mockCredentials.user(user),
      });

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const inventory = new InMemoryInventoryStore();
      await seedEstate(inventory);
      backend = await createScorecardService({
        config: new ConfigReader({
          sagemakerSecurity: { waivers: { securityGroups: [SECURITY] } },
        }),
        logger: mockServices.logger.mock(),
        knex,
        inventory,
        checks: testChecks,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        permissions,
        userInfo: mockServices.userInfo.mock({
          getUserInfo: async (credentials: BackstageCredentials) => {
            const { userEntityRef } = credentials.principal as {
              userEntityRef: string;
            };
            return {
              userEntityRef,
              ownershipEntityRefs: [
                userEntityRef,
                ...(memberships[userEntityRef] ?? []),
              ],
            };
          },
        }),
      });
      await backend.evaluateNow();
      actions = actionsRegistryServiceMock();
      registerWaiverRequestActions({
        actionsRegistry: actions,
        waiverRequests: backend.waiverRequests,
      });
    });

    beforeEach(() => denied.clear());

    const waiver = {
      entityRef: 'fraud-scoring',
      checkId: 'test-kms-key',
      resourceArn: FRAUD_NOTEBOOK_ARN,
      reason: 'Keys move to the new KMS account in December',
      expiresAt: inDays(14),
    };

    it('registers three actions; the two that change something are not read-only', async () => {
      const { actions: list } = await actions.list();
      expect(list.map(a => [a.name, a.attributes.readOnly]).sort()).toEqual([
        ['decide-waiver-request', false],
        ['list-waiver-requests', true],
        ['request-waiver', false],
      ]);
    });

    it('requests (dry run stores nothing), lists, and approves (dry run decides nothing)', async () => {
      const dry = await invoke('request-waiver', {
        ...waiver,
        entityRef: `component:${waiver.entityRef}`,
        dryRun: true,
      });
      expect(dry.output).toEqual({
        dryRun: true,
        request: {
          entityRef: FRAUD,
          checkId: 'test-kms-key',
          resourceArn: FRAUD_NOTEBOOK_ARN,
          reason: waiver.reason,
          expiresAt: new Date(waiver.expiresAt).toISOString(),
          requestedBy: ALICE,
        },
      });
      expect(
        (await invoke('list-waiver-requests', {})).output.requests,
      ).toEqual([]);

      const made = await invoke('request-waiver', {
        ...waiver,
        entityRef: FRAUD,
      });
      expect(made.output).toMatchObject({
        dryRun: false,
        request: { status: 'pending', requestedBy: ALICE },
      });
      const id = made.output.request.id;
      const listed = await invoke('list-waiver-requests', {
        entityRefs: [FRAUD],
        status: 'pending',
      });
      expect(listed.output.requests.map((r: any) => r.id)).toEqual([id]);

      // The requester's agent may not decide it.
      await expect(
        invoke('decide-waiver-request', { id, decision: 'approve' }, ALICE),
      ).rejects.toThrow(/security|approve/);

      const check = await invoke(
        'decide-waiver-request',
        { id, decision: 'approve', dryRun: true },
        SAM,
      );
      expect(check.output).toMatchObject({
        dryRun: true,
        request: { id, status: 'pending' },
      });
      expect(check.output.waiverId).toBeUndefined();
      expect(
        await backend.waivers.list({ entityRefs: [FRAUD], status: 'active' }),
      ).toEqual([]);

      const approved = await invoke(
        'decide-waiver-request',
        { id, decision: 'approve', comment: 'until December' },
        SAM,
      );
      expect(approved.output).toMatchObject({
        dryRun: false,
        request: { id, status: 'approved', decidedBy: SAM },
        waiverId: expect.any(String),
      });
      const active = await backend.waivers.list({
        entityRefs: [FRAUD],
        status: 'active',
      });
      expect(active.map(w => [w.id, w.createdBy])).toEqual([
        [approved.output.waiverId, ALICE],
      ]);
      // Decided: a dry run says so as the real call would.
      await expect(
        invoke(
          'decide-waiver-request',
          { id, decision: 'deny', comment: 'no longer relevant', dryRun: true },
          SAM,
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
    });

    it('denies with a comment; a deny without one is refused naming comment', async () => {
      const made = await invoke('request-waiver', {
        ...waiver,
        entityRef: FRAUD,
        checkId: 'test-role-boundary',
        resourceArn: '*',
      });
      const id = made.output.request.id;
      await expect(
        invoke('decide-waiver-request', { id, decision: 'deny' }, SAM),
      ).rejects.toThrow('comment');
      await expect(
        invoke(
          'decide-waiver-request',
          { id, decision: 'deny', dryRun: true },
          SAM,
        ),
      ).rejects.toThrow('comment');
      const denied1 = await invoke(
        'decide-waiver-request',
        { id, decision: 'deny', comment: 'Add the boundary, it is one line' },
        SAM,
      );
      expect(denied1.output).toMatchObject({
        dryRun: false,
        request: {
          status: 'denied',
          comment: 'Add the boundary, it is one line',
        },
      });
      expect(denied1.output.waiverId).toBeUndefined();
    });

    it('applies the same permissions as the REST API', async () => {
      // Not an owner of churn: the owner rule refuses, also in a dry run.
      await expect(
        invoke('request-waiver', {
          ...waiver,
          entityRef: CHURN,
          resourceArn: '*',
          dryRun: true,
        }),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      // A service principal cannot be the accountable requester.
      await expect(
        invoke(
          'request-waiver',
          { ...waiver, entityRef: FRAUD, dryRun: true },
          'service',
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      denied.add(REQUEST);
      await expect(
        invoke('request-waiver', {
          ...waiver,
          entityRef: FRAUD,
          checkId: 'test-data-capture',
          dryRun: true,
        }),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      denied.clear();

      const made = await invoke('request-waiver', {
        ...waiver,
        entityRef: FRAUD,
        checkId: 'test-data-capture',
        resourceArn: '*',
      });
      denied.add(APPROVE);
      await expect(
        invoke(
          'decide-waiver-request',
          { id: made.output.request.id, decision: 'approve', dryRun: true },
          SAM,
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      denied.clear();

      denied.add(READ);
      await expect(invoke('list-waiver-requests', {})).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
    });
  },
);
