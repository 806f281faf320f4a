/**
 * The real plugin with account discovery, against moto behind a front that
 * can refuse calls with AWS's own error bytes: each scan lists the
 * organisation, merges it with the hand-listed account (hand-listed wins),
 * reaches discovered accounts through the member role; an account whose
 * role cannot be assumed, and a failed listing, show in GET /scans/health
 * with their reasons, and the failed listing keeps the last accounts.
 */
import type { ScanHealth } from '@mlsec/plugin-sagemaker-security-common';
import request from 'supertest';
import { RATE_FAMILY_KEYS } from '../../config/rateLimits';
import {
  jsonError,
  queryError,
  startRecordingProxy,
} from '../__testUtils__/awsWire';
import { sqliteMemory } from '../__testUtils__/harness';
import { startMoto, MotoServer } from '../__testUtils__/moto';
import {
  asUser,
  BASE,
  startPluginBackend,
} from '../../tests/reliability/__testUtils__/pluginBackend';
import {
  AWS_SECTION,
  createMotoOrganization,
  MAIN_SECRET,
  MANAGEMENT,
  MotoOrganization,
  ORG_READER,
} from './__testUtils__/motoOrganization';

jest.setTimeout(240_000);

const MEMBER_ROLE = 'SageMakerSecurityScanner';

let moto: MotoServer;
let org: MotoOrganization;
let front: Awaited<ReturnType<typeof startRecordingProxy>>;
const refuse = { listing: false, assumeInto: '' };

beforeAll(async () => {
  moto = await startMoto();
  org = await createMotoOrganization(moto.url);
  front = await startRecordingProxy(moto.url, r => {
    if (refuse.listing && r.service === 'organizations') {
      return jsonError(
        400,
        'AccessDeniedException',
        `User: arn:aws:sts::${MANAGEMENT}:assumed-role/OrgReader/backstage is not authorized to perform: organizations:ListAccounts on resource: *`,
      );
    }
    const role = `:${refuse.assumeInto}:role/`;
    if (
      refuse.assumeInto &&
      r.operation === 'AssumeRole' &&
      decodeURIComponent(r.body).includes(role)
    ) {
      return queryError(
        403,
        'AccessDenied',
        `User: arn:aws:iam::${MANAGEMENT}:user/main is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${refuse.assumeInto}:role/${MEMBER_ROLE}`,
        'https://sts.amazonaws.com/doc/2011-06-15/',
      );
    }
    return undefined;
  });
}, 60_000);

afterAll(async () => {
  await front?.close();
  await moto?.stop();
});

async function scanAndWait(server: any): Promise<any> {
  const started = await request(server)
    .post(`${BASE}/scans`)
    .set('Authorization', asUser())
    .send({});
  expect(started.status).toBe(202);
  for (;;) {
    const scan = await request(server)
      .get(`${BASE}/scans/${started.body.id}`)
      .set('Authorization', asUser());
    if (!['queued', 'running'].includes(scan.body.status)) return scan.body;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

async function health(server: any): Promise<ScanHealth> {
  const answer = await request(server)
    .get(`${BASE}/scans/health`)
    .set('Authorization', asUser());
  expect(answer.status).toBe(200);
  return answer.body;
}

const key = (t: { accountId: string; region: string }) =>
  `${t.accountId}/${t.region}`;

it('scans hand-listed and discovered accounts, and scan health shows an unassumable account and a failed listing', async () => {
  const knex = sqliteMemory();
  const config = {
    aws: AWS_SECTION,
    sagemakerSecurity: {
      scanOnStartup: false,
      schedule: {
        frequency: { trigger: 'manual' },
        timeout: { minutes: 10 },
      },
      rateLimits: Object.fromEntries(
        RATE_FAMILY_KEYS.map(family => [family, 'unlimited']),
      ),
      // Hand-listed, in eu-west-1 only; discovery lists it too.
      accounts: [{ accountId: MANAGEMENT, regions: ['eu-west-1'] }],
      regions: ['us-east-1'],
      aws: {
        maxAttempts: 2,
        endpoints: Object.fromEntries(
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
            'organizations',
          ].map(s => [s, front.url]),
        ),
      },
      discovery: {
        organizations: {
          roleArn: ORG_READER,
          memberRoleName: MEMBER_ROLE,
          includeAccounts: [MANAGEMENT, org.accounts.ml, org.accounts.mlProd],
        },
      },
    },
  };
  let { backend, server } = await startPluginBackend({ knex, config });
  try {
    refuse.assumeInto = org.accounts.ml;
    const first = await scanAndWait(server);
    expect(first.targets.map(key).sort()).toEqual(
      [
        `${MANAGEMENT}/eu-west-1`,
        `${org.accounts.ml}/us-east-1`,
        `${org.accounts.mlProd}/us-east-1`,
      ].sort(),
    );
    // Discovered accounts through the member role; the hand-listed one
    // with the main account's keys (no role assumed for it).
    const assumed = front.requests
      .filter(r => r.operation === 'AssumeRole')
      .map(r => /RoleArn=([^&]*)/.exec(decodeURIComponent(r.body))?.[1]);
    expect(new Set(assumed)).toEqual(
      new Set([
        ORG_READER,
        `arn:aws:iam::${org.accounts.ml}:role/${MEMBER_ROLE}`,
        `arn:aws:iam::${org.accounts.mlProd}:role/${MEMBER_ROLE}`,
      ]),
    );

    const afterFirst = await health(server);
    expect(afterFirst.accountsConfigured).toBe(true);
    // ml and ml-prod; the management account is hand-listed.
    expect(afterFirst.discovery).toMatchObject({
      source: 'organizations',
      status: 'succeeded',
      accountCount: 2,
    });
    const refused = afterFirst.targets.find(
      t => t.accountId === org.accounts.ml,
    );
    expect(refused).toMatchObject({ status: 'failed', region: 'us-east-1' });
    expect(refused!.errors[0]).toMatchObject({
      kind: 'credentials_unavailable',
      action: 'sts:AssumeRole',
      code: 'AccessDenied',
    });
    expect(refused!.errors[0].message).toContain(
      `Could not obtain credentials for account ${org.accounts.ml}: sts:AssumeRole was refused`,
    );
    expect(refused!.errors[0].message).toContain(
      `arn:aws:iam::${org.accounts.ml}:role/${MEMBER_ROLE}`,
    );
    const reached = first.targets.find(
      (t: any) => t.accountId === org.accounts.mlProd,
    );
    expect(reached.status).not.toBe('failed');

    // The listing is refused: the next scan keeps the last accounts.
    refuse.listing = true;
    const second = await scanAndWait(server);
    expect(second.targets.map(key).sort()).toEqual(
      first.targets.map(key).sort(),
    );
    const afterSecond = await health(server);
    expect(afterSecond.discovery).toMatchObject({
      status: 'failed',
      accountCount: 2,
      listedAt: afterFirst.discovery!.listedAt,
      error: {
        kind: 'access_denied',
        action: 'organizations:ListAccounts',
        code: 'AccessDeniedException',
      },
    });
    expect(afterSecond.discovery!.error!.message).toContain(
      'Not authorized to perform organizations:ListAccounts',
    );
    expect(JSON.stringify(afterSecond)).not.toContain(MAIN_SECRET);

    // A restart while the listing is still refused: the newest scan's
    // accounts stand in for the last listing.
    await backend.stop();
    ({ backend, server } = await startPluginBackend({ knex, config }));
    const third = await scanAndWait(server);
    expect(third.targets.map(key).sort()).toEqual(
      first.targets.map(key).sort(),
    );
    expect((await health(server)).discovery).toMatchObject({
      status: 'failed',
      accountCount: 2,
      listedAt: second.startedAt,
      error: { kind: 'access_denied' },
    });
  } finally {
    refuse.listing = false;
    refuse.assumeInto = '';
    await backend.stop();
  }
});
