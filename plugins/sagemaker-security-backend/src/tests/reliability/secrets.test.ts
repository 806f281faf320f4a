/**
 * Secrets (issue 9, part 5). The real plugin scans two accounts with static
 * credentials from the `aws` section (@backstage/integration-aws-node)
 * against a local AWS-compatible endpoint that echoes the request's
 * credentials in every error message. The configured key IDs and secret
 * keys must appear in no log line, no API response (success or error) and
 * no stored error; and the config schemas mark them secret.
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

const CREDENTIALS = [
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
const SECRET_VALUES = CREDENTIALS.flatMap(c => [
  c.accessKeyId,
  c.secretAccessKey,
]);
const USER = 'user:default/erin.walsh';

describe('secrets', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('never shows AWS credentials in logs, API responses or stored errors', async () => {
    const aws = await startEchoingAws();
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
        'sts',
      ].map(s => [s, aws.url]),
    );
    const { server } = await startPluginBackend({
      knex,
      logs,
      config: {
        aws: { accounts: CREDENTIALS },
        sagemakerSecurity: {
          accounts: [
            { accountId: '111122223333', regions: ['us-east-1'] },
            { accountId: '444455556666', regions: ['eu-west-1'] },
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
    for (let i = 0; i < 200; i++) {
      scan = await call('get', '/scans/latest');
      if (scan.body.finishedAt) break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(scan!.body.status).toBe('failed');
    // The endpoint echoed credentials, and the messages went through.
    expect(aws.requests).toBeGreaterThan(10);
    const messages = scan!.body.targets.flatMap(
      (t: { errors: Array<{ message: string }> }) =>
        t.errors.map(e => e.message),
    );
    expect(messages.length).toBeGreaterThan(1);
    expect(
      messages.every((m: string) => m.includes('Request signed with')),
    ).toBe(true);

    // Every route, and some errors.
    const cases = routeCases({
      arn: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/none',
      waiverId: () => 'no-such-waiver',
      readWaiverId: 'no-such-waiver',
      scanId: scan!.body.id,
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
    for (let i = 0; i < 200; i++) {
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
