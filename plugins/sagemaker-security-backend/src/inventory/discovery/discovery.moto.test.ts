/**
 * Account discovery against moto's Organizations API, through the real
 * `@aws-sdk/client-organizations` client (its paginators and protocol
 * layer) and role assumption through `@backstage/integration-aws-node`
 * at moto's STS: OU filters with nested OUs, include and exclude lists,
 * SUSPENDED accounts left out; a failed listing (AccessDenied from the
 * wire, moto down) keeps the last list and says why, with no secret.
 */
import { jsonError, startRecordingProxy } from '../__testUtils__/awsWire';
import { startMoto, MotoServer } from '../__testUtils__/moto';
import {
  createMotoOrganization,
  discoveryAt,
  MAIN_SECRET,
  MANAGEMENT,
  MotoOrganization,
  ORG_READER,
} from './__testUtils__/motoOrganization';

jest.setTimeout(120_000);

let moto: MotoServer;
let org: MotoOrganization;

beforeAll(async () => {
  moto = await startMoto();
  org = await createMotoOrganization(moto.url);
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

const sorted = (ids: string[]) => [...ids].sort();

describe('discovery from AWS Organizations (moto)', () => {
  it('lists every ACTIVE account of the organisation without an OU filter; the suspended one is left out', async () => {
    const { discovery } = discoveryAt(moto.url, {});
    const status = await discovery.refresh();
    const { accounts } = org;
    expect(status).toMatchObject({ status: 'succeeded', accountCount: 6 });
    expect(discovery.accounts).toEqual(
      sorted([
        MANAGEMENT,
        accounts.inRoot,
        accounts.ml,
        accounts.mlProd,
        accounts.mlProdEu,
        accounts.sandbox,
      ]),
    );
    expect(discovery.accounts).not.toContain(org.suspended);
    // One paginated listing, nothing per account.
    expect(Object.keys(discovery.calls.counts)).toEqual([
      'organizations:ListAccounts',
    ]);
  });

  it('lists the accounts of an OU and of its nested OUs, and nothing else', async () => {
    const { discovery } = discoveryAt(moto.url, {
      organizationalUnits: [org.ous.ml],
    });
    await discovery.refresh();
    expect(discovery.accounts).toEqual(
      sorted([org.accounts.ml, org.accounts.mlProd, org.accounts.mlProdEu]),
    );
    // ml, ml-prod and ml-prod-eu: two listings each.
    expect(discovery.calls.counts).toEqual({
      'organizations:ListAccountsForParent': 3,
      'organizations:ListOrganizationalUnitsForParent': 3,
    });
  });

  it('takes several OUs, a nested one under another listed only once, and a root id', async () => {
    const { discovery } = discoveryAt(moto.url, {
      organizationalUnits: [org.ous.mlProdEu, org.ous.sandbox, org.ous.mlProd],
    });
    await discovery.refresh();
    expect(discovery.accounts).toEqual(
      sorted([
        org.accounts.mlProd,
        org.accounts.mlProdEu,
        org.accounts.sandbox,
      ]),
    );

    const whole = discoveryAt(moto.url, { organizationalUnits: [org.rootId] });
    await whole.discovery.refresh();
    expect(whole.discovery.accounts).toHaveLength(6);
    expect(whole.discovery.accounts).not.toContain(org.suspended);
  });

  it('applies includeAccounts and excludeAccounts after the OU filter', async () => {
    const included = discoveryAt(moto.url, {
      organizationalUnits: [org.ous.ml],
      // sandbox is outside the OU: include never adds an account.
      includeAccounts: [org.accounts.mlProd, org.accounts.sandbox],
    });
    await included.discovery.refresh();
    expect(included.discovery.accounts).toEqual([org.accounts.mlProd]);

    const excluded = discoveryAt(moto.url, {
      excludeAccounts: [MANAGEMENT, org.accounts.ml],
    });
    await excluded.discovery.refresh();
    expect(excluded.discovery.accounts).toEqual(
      sorted([
        org.accounts.inRoot,
        org.accounts.mlProd,
        org.accounts.mlProdEu,
        org.accounts.sandbox,
      ]),
    );

    // A suspended account stays out even when included by name.
    const suspended = discoveryAt(moto.url, {
      includeAccounts: [org.suspended, org.accounts.inRoot],
    });
    await suspended.discovery.refresh();
    expect(suspended.discovery.accounts).toEqual([org.accounts.inRoot]);
  });

  it('assumes the configured role with the main account keys, through the STS endpoint override', async () => {
    const front = await startRecordingProxy(moto.url);
    try {
      const { discovery } = discoveryAt(front.url, {});
      await discovery.refresh();
      const assume = front.requests.find(r => r.operation === 'AssumeRole');
      expect(assume?.accessKeyId).toBe('mlsec-main-access-key');
      expect(decodeURIComponent(assume!.body)).toContain(
        `RoleArn=${ORG_READER}`,
      );
      const listing = front.requests.find(r => r.operation === 'ListAccounts');
      expect(listing?.service).toBe('organizations');
      // Signed with the assumed role's keys, not the main account's.
      expect(listing?.accessKeyId).not.toBe('mlsec-main-access-key');
    } finally {
      await front.close();
    }
  });

  it('keeps the last list when AWS answers AccessDenied, naming the call and the reason, with no secret', async () => {
    let deny = false;
    const front = await startRecordingProxy(moto.url, request =>
      deny && request.service === 'organizations'
        ? jsonError(
            400,
            'AccessDeniedException',
            `User: arn:aws:sts::${MANAGEMENT}:assumed-role/OrgReader/backstage is not authorized to perform: organizations:ListAccounts on resource: * because no identity-based policy allows the organizations:ListAccounts action`,
          )
        : undefined,
    );
    try {
      const { discovery, targets } = discoveryAt(front.url, {});
      await discovery.refresh();
      const before = discovery.accounts;
      expect(before).toHaveLength(6);
      const listedAt = discovery.status!.listedAt;

      deny = true;
      const status = await discovery.refresh();
      expect(discovery.accounts).toEqual(before);
      expect(targets.current()).toHaveLength(6);
      expect(status).toMatchObject({
        source: 'organizations',
        status: 'failed',
        listedAt,
        accountCount: 6,
        error: {
          kind: 'access_denied',
          action: 'organizations:ListAccounts',
          code: 'AccessDeniedException',
        },
      });
      expect(status.error!.message).toContain(
        `Account discovery from AWS Organizations failed through ${ORG_READER}: Not authorized to perform organizations:ListAccounts (HTTP 400)`,
      );
      expect(JSON.stringify(status)).not.toContain(MAIN_SECRET);

      // Allowed again: the next listing replaces the status.
      deny = false;
      expect(await discovery.refresh()).toMatchObject({
        status: 'succeeded',
      });
      expect(discovery.status?.error).toBeUndefined();
    } finally {
      await front.close();
    }
  });

  it('keeps the last list when the endpoint is down, and says it could not be reached', async () => {
    const down = await startMoto();
    const other = await createMotoOrganization(down.url);
    const { discovery } = discoveryAt(down.url, {
      organizationalUnits: [other.ous.ml],
    });
    await discovery.refresh();
    const before = discovery.accounts;
    expect(before).toHaveLength(3);

    await down.stop();
    const status = await discovery.refresh();
    expect(discovery.accounts).toEqual(before);
    expect(status).toMatchObject({
      status: 'failed',
      accountCount: 3,
      error: { kind: 'endpoint_unreachable' },
    });
    expect(status.error!.message).toMatch(/^Account discovery .* failed/);
  });

  it('reports a failure before any successful listing with no accounts, and scans none of them', async () => {
    const front = await startRecordingProxy(moto.url, request =>
      request.service === 'organizations'
        ? jsonError(400, 'AWSOrganizationsNotInUseException', 'not in use')
        : undefined,
    );
    try {
      const { discovery, targets } = discoveryAt(front.url, {});
      const status = await discovery.refresh();
      expect(status).toMatchObject({ status: 'failed', accountCount: 0 });
      expect(status.listedAt).toBeUndefined();
      expect(status.error?.code).toBe('AWSOrganizationsNotInUseException');
      expect(targets.current()).toEqual([]);
    } finally {
      await front.close();
    }
  });
});
