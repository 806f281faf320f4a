/**
 * The workflow actions for AI agents (issue 18, item 3) through the actions
 * registry mock, on SQLite and PostgreSQL: what each returns, and that each
 * applies the caller's permissions as the REST API does.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createScorecardService } from '../service/createScorecardService';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { testChecks } from '../service/__testUtils__/fixtures';
import { RecordingScanTrigger } from '../service/__testUtils__/testBackend';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_NOTEBOOK_ARN,
  FRAUD_TEAM,
  seedEstate,
} from '../service/__testUtils__/estate';
import { registerWorkflowActions } from './workflowActions';

jest.setTimeout(60_000);

const READ = 'sagemaker-security.scorecard.read';
const SCAN = 'sagemaker-security.scan.run';
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'workflow actions on %s',
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
    const credentials = mockCredentials.user('user:default/alice');
    let actions: ReturnType<typeof actionsRegistryServiceMock>;
    let backend: Awaited<ReturnType<typeof createScorecardService>>;
    const scans = new RecordingScanTrigger();
    const invoke = async (
      name: string,
      input: object,
    ): Promise<{ output: any }> =>
      actions.invoke({ id: `test:${name}`, input: input as any, credentials });

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const inventory = new InMemoryInventoryStore();
      await seedEstate(inventory);
      backend = await createScorecardService({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
        knex,
        inventory,
        checks: testChecks,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        permissions,
        // alice is a member of the team that owns fraud-scoring.
        userInfo: mockServices.userInfo({
          ownershipEntityRefs: ['user:default/alice', FRAUD_TEAM],
        }),
      });
      await backend.evaluateNow();
      actions = actionsRegistryServiceMock();
      registerWorkflowActions({
        actionsRegistry: actions,
        scorecards: backend.authorized,
        scanTrigger: scans,
      });
    });

    beforeEach(() => denied.clear());

    it('registers five actions; only start-scan changes anything', async () => {
      const { actions: list } = await actions.list();
      expect(list.map(a => [a.name, a.attributes.readOnly]).sort()).toEqual([
        ['explain-finding', true],
        ['get-service-security-history', true],
        ['list-team-failing-checks', true],
        ['list-waivers', true],
        ['start-scan', false],
      ]);
    });

    it("lists a team's open findings worst first, with how to fix them", async () => {
      const { output } = await invoke('list-team-failing-checks', {
        owner: 'fraud-team',
      });
      expect(output.owner).toBe(FRAUD_TEAM);
      expect(output.services).toEqual([FRAUD]);
      const direct = await backend.authorized.findings(FRAUD, credentials);
      const open = direct.filter(f =>
        ['fail', 'warn', 'unknown'].includes(f.result.status),
      );
      expect(output.total).toBe(open.length);
      expect(output.findings.length).toBeGreaterThan(0);
      const ranks = ['critical', 'high', 'medium', 'low', 'informational'];
      const severities = output.findings.map((f: any) =>
        ranks.indexOf(f.severity),
      );
      expect(severities).toEqual([...severities].sort((a, b) => a - b));
      for (const finding of output.findings) {
        expect(finding.docsUrl).toMatch(/^https:\/\//);
        expect(finding.remediation).toEqual(expect.any(String));
      }
      const other = await invoke('list-team-failing-checks', {
        owner: 'group:default/ml-team',
      });
      expect(other.output.services).toEqual([CHURN]);
    });

    it('explains one finding with the evidence the check read', async () => {
      const [finding] = (
        await backend.authorized.findings(FRAUD, credentials)
      ).filter(f => f.result.resourceArn === FRAUD_NOTEBOOK_ARN);
      const { output } = await invoke('explain-finding', {
        entityRef: FRAUD,
        checkId: finding.check.id,
        resourceArn: FRAUD_NOTEBOOK_ARN,
      });
      expect(output).toMatchObject({
        entityRef: FRAUD,
        checkId: finding.check.id,
        status: finding.result.status,
        message: finding.result.message,
        evidence: finding.result.evidence,
      });
      expect(output.rationale).toBe(
        backend.authorized.checkMetadata().find(c => c.id === finding.check.id)!
          .rationale,
      );
      await expect(
        invoke('explain-finding', {
          entityRef: FRAUD,
          checkId: finding.check.id,
          resourceArn:
            'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/none',
        }),
      ).rejects.toThrow(/No result of/);
    });

    it('lists waivers and gives a service history', async () => {
      const waiver = await backend.authorized.createWaiver(
        {
          entityRef: FRAUD,
          checkId: 'test-kms-key',
          resourceArn: '*',
          reason: 'Keys move to the new KMS account in December',
          expiresAt: new Date(Date.now() + 5 * 86400_000).toISOString(),
        },
        credentials,
      );
      const { output } = await invoke('list-waivers', { entityRef: FRAUD });
      expect(output.waivers.map((w: any) => w.id)).toContain(waiver.id);
      const revoked = await invoke('list-waivers', { status: 'revoked' });
      expect(revoked.output.waivers.map((w: any) => w.id)).not.toContain(
        waiver.id,
      );

      const history = await invoke('get-service-security-history', {
        entityRef: FRAUD,
      });
      expect(history.output.entityRef).toBe(FRAUD);
      expect(history.output.trend.length).toBeGreaterThan(0);
      expect(history.output.transitionCount).toBeGreaterThan(0);
      const ats = history.output.transitions.map((t: any) => t.at);
      expect(ats).toEqual([...ats].sort().reverse());
      await expect(
        invoke('get-service-security-history', {
          entityRef: FRAUD,
          from: '2026-13-45',
        }),
      ).rejects.toThrow(/from/);
    });

    it('starts a scan, or with dryRun only says what it would scan', async () => {
      const dry = await invoke('start-scan', { dryRun: true });
      expect(dry.output).toEqual({ dryRun: true, targets: scans.targets });
      expect(scans.requests).toHaveLength(0);

      const started = await invoke('start-scan', {
        targets: [scans.targets[1], scans.targets[1]],
      });
      expect(started.output).toMatchObject({
        dryRun: false,
        targets: [scans.targets[1]],
        scanId: 'scan-manual-1',
        status: 'queued',
      });
      expect(scans.requests).toEqual([
        {
          trigger: 'manual',
          requestedBy: 'user:default/alice',
          targets: [scans.targets[1]],
        },
      ]);
      await expect(
        invoke('start-scan', {
          targets: [{ accountId: '999999999999', region: 'eu-west-1' }],
        }),
      ).rejects.toThrow(/targets\/0: account 999999999999/);
    });

    it('applies the permissions of the caller to every action, dry runs included', async () => {
      denied.add(SCAN);
      const before = scans.requests.length;
      for (const input of [{ dryRun: true }, {}]) {
        await expect(invoke('start-scan', input)).rejects.toThrow(
          /sagemaker-security.scan.run/,
        );
      }
      expect(scans.requests).toHaveLength(before);
      denied.clear();
      denied.add(READ);
      for (const [name, input] of [
        ['list-team-failing-checks', { owner: 'fraud-team' }],
        ['list-waivers', { entityRef: FRAUD }],
        ['get-service-security-history', { entityRef: FRAUD }],
        [
          'explain-finding',
          { entityRef: FRAUD, checkId: 'test-kms-key', resourceArn: '*' },
        ],
      ] as const) {
        await expect(invoke(name, input)).rejects.toThrow(/not allowed/);
      }
    });
  },
);
