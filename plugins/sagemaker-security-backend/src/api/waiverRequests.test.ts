/**
 * Waiver requests and approval over HTTP (issue 18, item 2), on SQLite and
 * PostgreSQL, through the plugin's router and services with a recording
 * notifications service: every route answers 401, 403, 400 naming the
 * field, 404 and 409 where it should; an owner requests, a security group
 * member approves (the waiver is created by the requester and its audit
 * trail names the approver) or denies with a comment, the requester may
 * withdraw; the requester may not decide their own request; two approvers
 * at once give one approval and one 409; notifications go to the security
 * group and to the requester, and a failed send never fails the request;
 * with `requireApproval` only the security group creates waivers directly.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { startScorecardTestBackend } from '../service/__testUtils__/testBackend';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_NOTEBOOK_ARN,
  FRAUD_TEAM,
  SECURITY,
  seedEstate,
  UNLINKED_ARN,
} from '../service/__testUtils__/estate';

jest.setTimeout(120_000);

const READ = 'sagemaker-security.scorecard.read';
const REQUEST = 'sagemaker-security.waiver.request';
const APPROVE = 'sagemaker-security.waiver.approve';
const CATALOG_READ = 'catalog.entity.read';

const ALICE = 'user:default/alice'; // fraud-team: owns fraud-scoring
const SAM = 'user:default/sam'; // security
const SUE = 'user:default/sue'; // security
const MALLORY = 'user:default/mallory'; // nothing
const as = (ref: string) => mockCredentials.user.header(ref);
const asService = () => mockCredentials.service.header();
const base = '/api/sagemaker-security';
const inDays = (days: number) =>
  new Date(Date.now() + days * 86400_000).toISOString();

/** Records what was sent; fails the next `failures` sends. */
class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  failures = 0;

  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('notifications backend answered 503');
    }
    this.sent.push(options);
  }
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function start(
  databaseId: Parameters<typeof databases.init>[0],
  waivers: object,
  notifications = new RecordingNotifications(),
) {
  const knex = await databases.init(databaseId);
  await migrateResultsTables(knex);
  const inventory = new InMemoryInventoryStore();
  await seedEstate(inventory);
  const harness = await startScorecardTestBackend({
    knex,
    entities,
    inventory,
    notifications,
    config: {
      sagemakerSecurity: {
        waivers: { securityGroups: [SECURITY], ...waivers },
        notifications: { enabled: true },
      },
    },
    memberships: {
      [ALICE]: [FRAUD_TEAM],
      [SAM]: [SECURITY],
      [SUE]: [SECURITY],
    },
  });
  await harness.backend().evaluateNow();
  return { harness, notifications, knex };
}

describe.each(databases.eachSupportedId())(
  'waiver requests on %s',
  databaseId => {
    let harness: Awaited<ReturnType<typeof startScorecardTestBackend>>;
    let notifications: RecordingNotifications;
    const api = () => request(harness.server);

    beforeAll(async () => {
      ({ harness, notifications } = await start(databaseId, {}));
    });

    beforeEach(() => {
      harness.policy.reset();
      notifications.sent.length = 0;
      notifications.failures = 0;
    });

    const body = (checkId: string, resourceArn = '*') => ({
      entityRef: FRAUD,
      checkId,
      resourceArn,
      reason: 'Keys move to the new KMS account in December',
      expiresAt: inDays(10),
    });

    async function requestAs(user: string, payload: object) {
      return api()
        .post(`${base}/waiver-requests`)
        .set('Authorization', as(user))
        .send(payload);
    }

    it('answers 401 without credentials on every route', async () => {
      const calls = [
        api().get(`${base}/waiver-requests`),
        api().post(`${base}/waiver-requests`).send(body('test-kms-key')),
        api().get(`${base}/waiver-requests/r-1`),
        api().post(`${base}/waiver-requests/r-1/approve`).send({}),
        api()
          .post(`${base}/waiver-requests/r-1/deny`)
          .send({ comment: 'not like this, please' }),
        api().post(`${base}/waiver-requests/r-1/withdraw`),
        api().get(`${base}/waivers/capabilities?entityRef=${FRAUD}`),
      ];
      for (const call of calls) {
        expect((await call).status).toBe(401);
      }
    });

    it('answers 400 naming the field', async () => {
      const cases: Array<[Promise<request.Response>, string]> = [
        [
          requestAs(ALICE, { ...body('test-kms-key'), expiresAt: 'tuesday' }),
          'expiresAt',
        ],
        [
          requestAs(ALICE, { ...body('test-kms-key'), expiresAt: inDays(91) }),
          'expiresAt',
        ],
        [
          requestAs(ALICE, { ...body('test-kms-key'), reason: '   short    ' }),
          'reason',
        ],
        [requestAs(ALICE, body('no-such-check')), 'checkId'],
        [requestAs(ALICE, body('test-kms-key', UNLINKED_ARN)), 'resourceArn'],
        [
          requestAs(ALICE, { ...body('test-kms-key'), entityRef: 'fraud' }),
          'entityRef',
        ],
        [requestAs(ALICE, { ...body('test-kms-key'), extra: 1 }), 'extra'],
        [
          api()
            .get(`${base}/waiver-requests?status=forever`)
            .set('Authorization', as(ALICE)),
          'status',
        ],
        [
          api()
            .get(`${base}/waiver-requests?entityRef=not-a-ref`)
            .set('Authorization', as(ALICE)),
          'entityRef',
        ],
        [
          api()
            .get(`${base}/waiver-requests/not_an_id!`)
            .set('Authorization', as(ALICE)),
          'id',
        ],
        [
          api()
            .post(`${base}/waiver-requests/r-1/approve`)
            .set('Authorization', as(SAM))
            .send({ because: 'yes' }),
          'because',
        ],
        [
          api()
            .post(`${base}/waiver-requests/r-1/deny`)
            .set('Authorization', as(SAM))
            .send({}),
          'comment',
        ],
        [
          api()
            .post(`${base}/waiver-requests/r-1/deny`)
            .set('Authorization', as(SAM))
            .send({ comment: 'no' }),
          'comment',
        ],
        [
          api()
            .get(`${base}/waivers/capabilities`)
            .set('Authorization', as(ALICE)),
          'entityRef',
        ],
        [
          api()
            .get(`${base}/waiver-requests?entityRef=${FRAUD}%00`)
            .set('Authorization', as(ALICE)),
          'entityRef',
        ],
        [
          api()
            .post(`${base}/waiver-requests/r-1/deny`)
            .set('Authorization', as(SAM))
            .send({ comment: 'not like this\u0000 please' }),
          'comment',
        ],
      ];
      for (const [call, field] of cases) {
        const response = await call;
        expect({ field, status: response.status }).toEqual({
          field,
          status: 400,
        });
        expect(response.body.error.message).toContain(field);
      }
    });

    it('an owner requests, a security group member approves: the waiver is the requester’s, its trail names the approver, both are told', async () => {
      const created = await requestAs(ALICE, body('test-kms-key'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: FRAUD,
        checkId: 'test-kms-key',
        requestedBy: ALICE,
        status: 'pending',
      });
      const id = created.body.id as string;
      // The security group is told, with a link to the Security tab.
      expect(notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [SECURITY] },
          payload: expect.objectContaining({
            link: '/catalog/default/component/fraud-scoring/sagemaker-security',
            topic: 'sagemaker-security: waiver request',
          }),
        },
      ]);
      expect(notifications.sent[0].payload.description).toContain(ALICE);

      // One pending request per entity, check and resource.
      expect((await requestAs(ALICE, body('test-kms-key'))).status).toBe(409);

      const listed = await api()
        .get(`${base}/waiver-requests?entityRef=${FRAUD}&status=pending`)
        .set('Authorization', as(ALICE));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);

      // Neither the requester's team nor outsiders may decide.
      const byAlice = await api()
        .post(`${base}/waiver-requests/${id}/approve`)
        .set('Authorization', as(ALICE))
        .send({});
      expect(byAlice.status).toBe(403);
      const byMallory = await api()
        .post(`${base}/waiver-requests/${id}/approve`)
        .set('Authorization', as(MALLORY))
        .send({});
      expect(byMallory.status).toBe(403);
      const byService = await api()
        .post(`${base}/waiver-requests/${id}/approve`)
        .set('Authorization', asService())
        .send({});
      expect(byService.status).toBe(403);

      notifications.sent.length = 0;
      const approved = await api()
        .post(`${base}/waiver-requests/${id}/approve`)
        .set('Authorization', as(SAM))
        .send({ comment: 'Fine until the migration' });
      expect(approved.status).toBe(200);
      expect(approved.body.request).toMatchObject({
        id,
        status: 'approved',
        decidedBy: SAM,
        comment: 'Fine until the migration',
        waiverId: approved.body.waiver.id,
      });
      expect(approved.body.waiver).toMatchObject({
        entityRef: FRAUD,
        checkId: 'test-kms-key',
        createdBy: ALICE,
        status: 'active',
        expiresAt: created.body.expiresAt,
      });

      const waiver = await api()
        .get(`${base}/waivers/${approved.body.waiver.id}`)
        .set('Authorization', as(ALICE));
      expect(waiver.body.events).toEqual([
        expect.objectContaining({ event: 'created', actor: ALICE }),
      ]);
      expect(waiver.body.events[0].detail).toContain(
        `approved by ${SAM} (request ${id})`,
      );
      // The requester is told, with the comment.
      expect(notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [ALICE] },
          payload: expect.objectContaining({
            topic: 'sagemaker-security: waiver request decided',
          }),
        },
      ]);
      expect(notifications.sent[0].payload.title).toContain('approved');
      expect(notifications.sent[0].payload.description).toContain(
        'Fine until the migration',
      );

      // The waiver applies at once.
      const card = await api()
        .get(`${base}/scorecards/entity?entityRef=${FRAUD}`)
        .set('Authorization', as(ALICE));
      expect(
        card.body.results.some(
          (r: { checkId: string; status: string }) =>
            r.checkId === 'test-kms-key' && r.status === 'waived',
        ),
      ).toBe(true);

      // Decided once; a new request while the waiver is active conflicts.
      const again = await api()
        .post(`${base}/waiver-requests/${id}/deny`)
        .set('Authorization', as(SUE))
        .send({ comment: 'changed my mind about it' });
      expect(again.status).toBe(409);
      expect((await requestAs(ALICE, body('test-kms-key'))).status).toBe(409);

      const trail = await api()
        .get(`${base}/waiver-requests/${id}`)
        .set('Authorization', as(ALICE));
      expect(trail.status).toBe(200);
      expect(
        trail.body.events.map((e: { event: string; actor: string }) => [
          e.event,
          e.actor,
        ]),
      ).toEqual([
        ['requested', ALICE],
        ['approved', SAM],
      ]);
    });

    it('denies with a comment (the requester is told), withdraws only by the requester, 409 once decided', async () => {
      const denied = await requestAs(ALICE, body('test-role-boundary'));
      notifications.sent.length = 0;
      const deny = await api()
        .post(`${base}/waiver-requests/${denied.body.id}/deny`)
        .set('Authorization', as(SUE))
        .send({ comment: 'Add the boundary instead, it is one line' });
      expect(deny.status).toBe(200);
      expect(deny.body.request).toMatchObject({
        status: 'denied',
        decidedBy: SUE,
        comment: 'Add the boundary instead, it is one line',
      });
      expect(deny.body.request.waiverId).toBeUndefined();
      expect(notifications.sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: [ALICE],
      });
      expect(notifications.sent[0].payload.title).toContain('denied');
      expect(notifications.sent[0].payload.description).toContain(
        'Add the boundary instead',
      );
      const withdrawDenied = await api()
        .post(`${base}/waiver-requests/${denied.body.id}/withdraw`)
        .set('Authorization', as(ALICE));
      expect(withdrawDenied.status).toBe(409);

      const pending = await requestAs(ALICE, body('test-role-boundary'));
      expect(pending.status).toBe(201);
      const bySam = await api()
        .post(`${base}/waiver-requests/${pending.body.id}/withdraw`)
        .set('Authorization', as(SAM));
      expect(bySam.status).toBe(403);
      const byAlice = await api()
        .post(`${base}/waiver-requests/${pending.body.id}/withdraw`)
        .set('Authorization', as(ALICE));
      expect(byAlice.status).toBe(200);
      expect(byAlice.body.request).toMatchObject({
        status: 'withdrawn',
        decidedBy: ALICE,
      });
      const approveWithdrawn = await api()
        .post(`${base}/waiver-requests/${pending.body.id}/approve`)
        .set('Authorization', as(SAM))
        .send({});
      expect(approveWithdrawn.status).toBe(409);
    });

    it('refuses a security group member deciding their own request (separation of duties)', async () => {
      const own = await requestAs(SAM, body('test-data-capture'));
      expect(own.status).toBe(201);
      const self = await api()
        .post(`${base}/waiver-requests/${own.body.id}/approve`)
        .set('Authorization', as(SAM))
        .send({});
      expect(self.status).toBe(403);
      expect(self.body.error.message).toContain('may not approve');
      const selfDeny = await api()
        .post(`${base}/waiver-requests/${own.body.id}/deny`)
        .set('Authorization', as(SAM))
        .send({ comment: 'I deny my own request' });
      expect(selfDeny.status).toBe(403);
      const other = await api()
        .post(`${base}/waiver-requests/${own.body.id}/approve`)
        .set('Authorization', as(SUE))
        .send({});
      expect(other.status).toBe(200);
    });

    it('two approvers at once: one approval, one 409, one waiver', async () => {
      const pending = await requestAs(
        ALICE,
        body('test-direct-internet', FRAUD_NOTEBOOK_ARN),
      );
      const [a, b] = await Promise.all(
        [SAM, SUE].map(user =>
          api()
            .post(`${base}/waiver-requests/${pending.body.id}/approve`)
            .set('Authorization', as(user))
            .send({}),
        ),
      );
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const active = await api()
        .get(`${base}/waivers?entityRef=${FRAUD}&status=active`)
        .set('Authorization', as(ALICE));
      expect(
        active.body.filter(
          (w: { checkId: string; resourceArn: string }) =>
            w.checkId === 'test-direct-internet' &&
            w.resourceArn === FRAUD_NOTEBOOK_ARN,
        ),
      ).toHaveLength(1);
    });

    it('answers 403 when the permission is denied, for a service principal, and when reading is denied', async () => {
      harness.policy.denied.add(REQUEST);
      const denied = await requestAs(ALICE, body('test-kms-key', '*'));
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      harness.policy.reset();

      const service = await api()
        .post(`${base}/waiver-requests`)
        .set('Authorization', asService())
        .send(body('test-data-capture'));
      expect(service.status).toBe(403);
      // Outsiders under an open policy: the owner rule.
      expect((await requestAs(MALLORY, body('test-data-capture'))).status).toBe(
        403,
      );

      const pending = await requestAs(
        ALICE,
        body('test-data-capture', FRAUD_NOTEBOOK_ARN),
      );
      expect(pending.status).toBe(201);
      harness.policy.denied.add(APPROVE);
      const approve = await api()
        .post(`${base}/waiver-requests/${pending.body.id}/approve`)
        .set('Authorization', as(SAM))
        .send({});
      expect(approve.status).toBe(403);
      harness.policy.reset();

      // Withdrawing needs waiver.request not to be denied.
      harness.policy.denied.add(REQUEST);
      const withdraw = await api()
        .post(`${base}/waiver-requests/${pending.body.id}/withdraw`)
        .set('Authorization', as(ALICE));
      expect(withdraw.status).toBe(403);
      harness.policy.reset();

      harness.policy.denied.add(READ);
      const list = await api()
        .get(`${base}/waiver-requests`)
        .set('Authorization', as(ALICE));
      expect(list.status).toBe(403);
      const one = await api()
        .get(`${base}/waiver-requests/${pending.body.id}`)
        .set('Authorization', as(ALICE));
      expect(one.status).toBe(403);
      const capabilities = await api()
        .get(`${base}/waivers/capabilities?entityRef=${FRAUD}`)
        .set('Authorization', as(ALICE));
      expect(capabilities.status).toBe(403);
    });

    it('a conditional policy decides requests instead of the owner rule', async () => {
      harness.policy.conditional.add(REQUEST);
      harness.policy.conditionalAllows = ref => ref === CHURN;
      const allowed = await requestAs(MALLORY, {
        ...body('test-direct-internet'),
        entityRef: CHURN,
      });
      expect(allowed.status).toBe(201);
      const refused = await requestAs(MALLORY, body('test-direct-internet'));
      expect(refused.status).toBe(403);
    });

    it('answers 404 for unknown requests and for requests of entities the caller may not read; lists only readable ones', async () => {
      for (const call of [
        api().get(`${base}/waiver-requests/no-such-request`),
        api().post(`${base}/waiver-requests/no-such-request/approve`).send({}),
        api()
          .post(`${base}/waiver-requests/no-such-request/deny`)
          .send({ comment: 'not like this, please' }),
        api().post(`${base}/waiver-requests/no-such-request/withdraw`),
      ]) {
        expect((await call.set('Authorization', as(SAM))).status).toBe(404);
      }
      const hidden = await requestAs(ALICE, {
        ...body('test-role-boundary', FRAUD_NOTEBOOK_ARN),
      });
      expect(hidden.status).toBe(201);
      harness.policy.conditional.add(CATALOG_READ);
      harness.policy.conditionalAllows = ref => ref !== FRAUD;
      const one = await api()
        .get(`${base}/waiver-requests/${hidden.body.id}`)
        .set('Authorization', as(SAM));
      expect(one.status).toBe(404);
      const approve = await api()
        .post(`${base}/waiver-requests/${hidden.body.id}/approve`)
        .set('Authorization', as(SAM))
        .send({});
      expect(approve.status).toBe(404);
      const list = await api()
        .get(`${base}/waiver-requests?entityRef=${FRAUD}&entityRef=${CHURN}`)
        .set('Authorization', as(SAM));
      expect(list.status).toBe(200);
      expect(
        list.body.items.every(
          (r: { entityRef: string }) => r.entityRef === CHURN,
        ),
      ).toBe(true);
      const capabilities = await api()
        .get(`${base}/waivers/capabilities?entityRef=${FRAUD}`)
        .set('Authorization', as(SAM));
      expect(capabilities.status).toBe(404);
      harness.policy.reset();

      // Readable again: both entities, newest first.
      const all = await api()
        .get(`${base}/waiver-requests?entityRef=${FRAUD}&entityRef=${CHURN}`)
        .set('Authorization', as(SAM));
      const times = all.body.items.map(
        (r: { requestedAt: string }) => r.requestedAt,
      );
      expect(times).toEqual([...times].sort().reverse());
      expect(all.body.items.map((r: { id: string }) => r.id)).toContain(
        hidden.body.id,
      );
    });

    it('a failed send is logged and never fails the request', async () => {
      notifications.failures = 1;
      const created = await requestAs(
        ALICE,
        body('test-kms-key', FRAUD_NOTEBOOK_ARN),
      );
      expect(created.status).toBe(201);
      expect(notifications.sent).toEqual([]);
      notifications.failures = 1;
      const approved = await api()
        .post(`${base}/waiver-requests/${created.body.id}/approve`)
        .set('Authorization', as(SAM))
        .send({});
      expect(approved.status).toBe(200);
    });

    it('tells each caller what they may do with the waivers of an entity', async () => {
      const of = async (authorization: string, entityRef = FRAUD) =>
        (
          await api()
            .get(`${base}/waivers/capabilities?entityRef=${entityRef}`)
            .set('Authorization', authorization)
        ).body;
      expect(await of(as(ALICE))).toEqual({
        create: true,
        request: true,
        approve: false,
        requireApproval: false,
      });
      expect(await of(as(SAM))).toEqual({
        create: true,
        request: true,
        approve: true,
        requireApproval: false,
      });
      expect(await of(as(MALLORY))).toEqual({
        create: false,
        request: false,
        approve: false,
        requireApproval: false,
      });
      expect(await of(asService())).toEqual({
        create: false,
        request: false,
        approve: false,
        requireApproval: false,
      });
      harness.policy.denied.add(APPROVE);
      expect((await of(as(SAM))).approve).toBe(false);
    });
  },
);

describe('with sagemakerSecurity.waivers.requireApproval', () => {
  it('refuses direct waivers outside the security group, pointing to a request; the security group still creates directly', async () => {
    const { harness } = await start('SQLITE_3', { requireApproval: true });
    const api = () => request(harness.server);
    const waiver = {
      entityRef: FRAUD,
      checkId: 'test-kms-key',
      resourceArn: '*',
      reason: 'Keys move to the new KMS account in December',
      expiresAt: inDays(10),
    };
    const alice = await api()
      .post(`${base}/waivers`)
      .set('Authorization', as(ALICE))
      .send(waiver);
    expect(alice.status).toBe(403);
    expect(alice.body.error.message).toContain('request a waiver');
    const capabilities = await api()
      .get(`${base}/waivers/capabilities?entityRef=${FRAUD}`)
      .set('Authorization', as(ALICE));
    expect(capabilities.body).toEqual({
      create: false,
      request: true,
      approve: false,
      requireApproval: true,
    });
    const requested = await api()
      .post(`${base}/waiver-requests`)
      .set('Authorization', as(ALICE))
      .send(waiver);
    expect(requested.status).toBe(201);
    const sam = await api()
      .post(`${base}/waivers`)
      .set('Authorization', as(SAM))
      .send({ ...waiver, checkId: 'test-role-boundary' });
    expect(sam.status).toBe(201);
  });
});
