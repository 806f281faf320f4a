/**
 * Secrets (issue 9, part 5; issue 14, item 5). The real plugin scans five
 * accounts, with every credential path of @backstage/integration-aws-node
 * (static keys of two shapes, role assumption with an external ID that STS
 * refuses, role assumption that STS grants with temporary credentials, the
 * main account's keys), against a local AWS-compatible endpoint that echoes
 * what it is sent (Authorization header, session token, URL, body) into
 * its errors in each protocol's format, into AWS-shaped access-denied
 * sentences naming the key, and as an error code. No key ID (whatever its
 * shape), secret key, session token or external ID may appear in a log
 * line, an API response (success or error) or a stored error; and the
 * config schemas mark them secret.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startEchoingAws } from './__testUtils__/fakeAws';
import {
  asService,
  asUser,
  BASE,
  LogSink,
  startPluginBackend,
} from './__testUtils__/pluginBackend';
import { routeCases, SERVICE, TEAM } from './__testUtils__/routes';

jest.setTimeout(60_000);

const STATIC = [
  {
    accountId: '111122223333',
    // AWS-shaped key ID.
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  {
    accountId: '444455556666',
    // Shaped as an emulator's (LocalStack, moto) keys are: no AKIA prefix.
    accessKeyId: 'mlsec-local-access-4f7c2a91',
    secretAccessKey: 'mlsec-local-secret-9d81e3b6c0',
  },
];
const MAIN = {
  accessKeyId: 'mlsec-main-access-3b7e',
  secretAccessKey: 'mlsec-main-secret-c41d',
};
/** STS refuses this role (and echoes the request, ExternalId included). */
const REFUSED_ROLE = {
  accountId: '555566667777',
  roleName: 'Scanner',
  externalId: 'mlsec-external-id-0c9f',
};
/** STS grants this one: the temporary credentials are echoed next. */
const GRANTED_ROLE = {
  accountId: '666677778888',
  roleName: 'Scanner',
  externalId: 'mlsec-external-id-a6e2',
};
/** An emulator's key ID: short and an ordinary word. */
const TEMPORARY = {
  accessKeyId: 'testing',
  secretAccessKey: 'mlsec-temporary-secret-77d0',
  sessionToken: 'FwoGZXIvYXdzEBYaDmlsec-session-token-5a1',
};
/** Served by the main account's keys (its ID is looked up through STS). */
const MAIN_ONLY = '777788889999';

const SECRET_VALUES = [
  ...STATIC.flatMap(c => [c.accessKeyId, c.secretAccessKey]),
  MAIN.accessKeyId,
  MAIN.secretAccessKey,
  REFUSED_ROLE.externalId,
  GRANTED_ROLE.externalId,
  TEMPORARY.accessKeyId,
  TEMPORARY.secretAccessKey,
  TEMPORARY.sessionToken,
];
const USER = 'user:default/erin.walsh';

describe('secrets', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('never shows AWS credentials or external IDs in logs, API responses or stored errors, whatever an endpoint echoes', async () => {
    const aws = await startEchoingAws({
      assumable: [GRANTED_ROLE.accountId],
      temporary: TEMPORARY,
    });
    const logs = new LogSink();
    const knex = await databases.init('SQLITE_3');
    const endpoints = Object.fromEntries(
      [
        'sagemaker',
        'iam',
        'kms',
        's3',
        'ec2',
        'cloudtrail',
        'cloudwatch',
        'logs',
        'guardduty',
        'sts',
      ].map(s => [s, aws.url]),
    );
    const { server } = await startPluginBackend({
      knex,
      logs,
      config: {
        aws: {
          mainAccount: MAIN,
          accounts: [...STATIC, REFUSED_ROLE, GRANTED_ROLE],
        },
        sagemakerSecurity: {
          accounts: [
            { accountId: '111122223333', regions: ['us-east-1'] },
            { accountId: '444455556666', regions: ['eu-west-1'] },
            { accountId: REFUSED_ROLE.accountId, regions: ['eu-west-1'] },
            { accountId: GRANTED_ROLE.accountId, regions: ['eu-west-1'] },
            { accountId: MAIN_ONLY, regions: ['eu-west-1'] },
          ],
          aws: { maxAttempts: 1, endpoints },
        },
      },
    });
    const seen: string[] = [];
    const call = async (method: 'get' | 'post', url: string, body?: object) => {
      const req =
        method === 'get'
          ? request(server).get(`${BASE}${url}`)
          : request(server)
              .post(`${BASE}${url}`)
              .send(body ?? {});
      const response = await req.set('Authorization', asUser(USER));
      seen.push(
        `${method} ${url} ${response.status} ${JSON.stringify(
          response.headers,
        )} ${response.text}`,
      );
      return response;
    };

    let scan;
    for (let i = 0; i < 400; i++) {
      scan = await call('get', '/scans/latest');
      if (scan.body.finishedAt) break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(scan!.body.status).toBe('failed');
    // The endpoint did send every secret back: a leak would show.
    expect(aws.requests).toBeGreaterThan(10);
    for (const secret of [
      STATIC[0].accessKeyId,
      STATIC[1].accessKeyId,
      MAIN.accessKeyId,
      REFUSED_ROLE.externalId,
      TEMPORARY.accessKeyId,
      TEMPORARY.sessionToken,
    ]) {
      expect({
        secret,
        echoed: aws.echoes.some(e => e.includes(secret)),
      }).toEqual({ secret, echoed: true });
    }
    const byAccount = Object.fromEntries(
      scan!.body.targets.map((t: { accountId: string; errors: any[] }) => [
        t.accountId,
        t.errors,
      ]),
    );
    // Each credential path failed where expected, with what was tried.
    expect(byAccount[REFUSED_ROLE.accountId]).toEqual([
      expect.objectContaining({
        kind: 'credentials_unavailable',
        action: 'sts:AssumeRole',
        message: expect.stringContaining(
          'role assumption of arn:aws:iam::555566667777:role/Scanner (with an external ID)',
        ),
      }),
    ]);
    expect(byAccount[MAIN_ONLY]).toEqual([
      expect.objectContaining({
        kind: 'credentials_unavailable',
        action: 'sts:GetCallerIdentity',
      }),
    ]);
    for (const account of [
      ...STATIC.map(c => c.accountId),
      GRANTED_ROLE.accountId,
    ]) {
      expect(byAccount[account].length).toBeGreaterThan(1);
      expect(byAccount[account][0]).toMatchObject({ kind: 'access_denied' });
    }
    // Access-denied sentences are kept in AWS's shape, with the key redacted.
    const messages: string[] = scan!.body.targets.flatMap(
      (t: { errors: Array<{ message: string }> }) =>
        t.errors.map(e => e.message),
    );
    expect(messages).toContain(
      'Not authorized to perform sagemaker:ListModels (HTTP 400): User: arn:aws:iam::111122223333:user/[redacted] is not authorized to perform: sagemaker:ListModels because no identity-based policy allows the sagemaker:ListModels action',
    );
    // The short emulator key ID of the temporary credentials, too.
    expect(byAccount[GRANTED_ROLE.accountId][0].message).toContain(
      'user/[redacted] is not authorized',
    );
    expect(messages.some(m => m.includes('Request signed with'))).toBe(false);

    // Every route, and some errors.
    const cases = routeCases({
      arn: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/none',
      waiverId: () => 'no-such-waiver',
      readWaiverId: 'no-such-waiver',
      scanId: scan!.body.id,
      requestId: 'no-such-request',
    });
    for (const c of cases) await call(c.method, c.path, c.body);
    await call('get', `/export?format=json`);
    await call('get', `/rollups/entity?entityRef=${TEAM}`);
    await call('get', `/scorecards/entity?entityRef=${SERVICE}&junk=1`);
    await call('get', '/scans/not-a-scan');
    await call('post', '/scans', { targets: [{ accountId: 'x' }] });
    const inventory = await request(server)
      .get(`${BASE}/inventory/resources`)
      .set('Authorization', asService());
    seen.push(inventory.text);
    // The POST /scans above started a second scan; let it fail too.
    for (let i = 0; i < 400; i++) {
      const latest = await call('get', '/scans/latest');
      if (latest.body.finishedAt) break;
      await new Promise(r => setTimeout(r, 50));
    }
    const stored = JSON.stringify([
      await knex('inventory_scan_targets').select('*'),
      await knex('inventory_resources').select('*'),
      await knex('inventory_facts').select('*'),
    ]);
    await aws.close();

    const logText = logs.text();
    expect(logs.lines.length).toBeGreaterThan(5);
    for (const secret of SECRET_VALUES) {
      expect({ secret, inLogs: logText.includes(secret) }).toEqual({
        secret,
        inLogs: false,
      });
      expect({
        secret,
        inResponses: seen
          .filter(s => s.includes(secret))
          .map(s => s.slice(0, 200)),
      }).toEqual({ secret, inResponses: [] });
      expect({ secret, inStore: stored.includes(secret) }).toEqual({
        secret,
        inStore: false,
      });
    }
  });

  it('marks the credentials of the aws section secret; ours names no secret', () => {
    // Credentials live in the `aws` section, declared by integration-aws-node.
    const schema = JSON.parse(
      readFileSync(
        path.resolve(
          path.dirname(require.resolve('@backstage/integration-aws-node')),
          '../config.schema.json',
        ),
        'utf8',
      ),
    );
    const account = schema.properties.aws.properties.accounts.items.properties;
    expect(account.secretAccessKey.visibility).toBe('secret');
    expect(account.accessKeyId.visibility).toBe('secret');

    // Any key of ours that would hold a secret must be marked so.
    const ours = readFileSync(
      path.resolve(__dirname, '../../../config.d.ts'),
      'utf8',
    );
    const keys = [
      ...ours.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*(\w+)\??:/g),
    ];
    expect(keys.length).toBeGreaterThan(30);
    const secretish = keys.filter(([, , name]) =>
      /secret|password|token|credential|accessKey|apiKey/i.test(name),
    );
    for (const [, doc, name] of secretish) {
      expect({ name, marked: /@visibility secret/.test(doc ?? '') }).toEqual({
        name,
        marked: true,
      });
    }
  });
});
