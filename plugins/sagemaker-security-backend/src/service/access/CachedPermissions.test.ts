import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  createPermission,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { CachedPermissions } from './CachedPermissions';

const read = createPermission({
  name: 'test.read',
  attributes: {},
  resourceType: 'catalog-entity',
});
const other = createPermission({ name: 'test.other', attributes: {} });

/** A permission service whose policy the test changes, counting calls. */
class Policy implements PermissionsService {
  calls: Array<{ requests: number; user?: string }> = [];
  allowed = new Set<string>();

  private decide(
    requests: Array<{ permission: { name: string }; resourceRef?: string }>,
    credentials: BackstageCredentials,
  ) {
    const user = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    this.calls.push({ requests: requests.length, user });
    return requests.map(r => ({
      result: this.allowed.has(
        `${user ?? '-'} ${r.permission.name} ${r.resourceRef ?? ''}`,
      )
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    }));
  }

  async authorize(
    requests: AuthorizePermissionRequest[],
    { credentials }: { credentials: BackstageCredentials },
  ) {
    return this.decide(requests, credentials) as any;
  }

  async authorizeConditional(
    requests: QueryPermissionRequest[],
    { credentials }: { credentials: BackstageCredentials },
  ) {
    return this.decide(requests, credentials) as any;
  }
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

describe('CachedPermissions', () => {
  it('asks the permission service every time when the cache is off (0 s)', async () => {
    const policy = new Policy();
    const cached = new CachedPermissions(policy, 0);
    await cached.authorize([{ permission: other }], { credentials: alice });
    await cached.authorize([{ permission: other }], { credentials: alice });
    expect(policy.calls).toHaveLength(2);
  });

  it('remembers a decision for its time, then asks again and sees a changed policy', async () => {
    let clock = 1_000_000;
    const policy = new Policy();
    policy.allowed.add('user:default/alice test.read component:default/a');
    const cached = new CachedPermissions(policy, 5, () => clock);
    const ask = () =>
      cached.authorize(
        [{ permission: read, resourceRef: 'component:default/a' }],
        { credentials: alice },
      );
    expect((await ask())[0].result).toBe(AuthorizeResult.ALLOW);
    policy.allowed.clear();
    clock += 4_000;
    expect((await ask())[0].result).toBe(AuthorizeResult.ALLOW);
    expect(policy.calls).toHaveLength(1);
    clock += 1_500;
    expect((await ask())[0].result).toBe(AuthorizeResult.DENY);
    expect(policy.calls).toHaveLength(2);
  });

  it('keeps decisions apart per user, permission, resource and kind of call', async () => {
    const policy = new Policy();
    policy.allowed.add('user:default/alice test.read component:default/a');
    const cached = new CachedPermissions(policy, 60);
    const a = { permission: read, resourceRef: 'component:default/a' };
    expect(
      (await cached.authorize([a], { credentials: alice }))[0].result,
    ).toBe(AuthorizeResult.ALLOW);
    expect((await cached.authorize([a], { credentials: bob }))[0].result).toBe(
      AuthorizeResult.DENY,
    );
    expect(
      (
        await cached.authorize(
          [{ permission: read, resourceRef: 'component:default/b' }],
          { credentials: alice },
        )
      )[0].result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (
        await cached.authorize([{ permission: other }], { credentials: alice })
      )[0].result,
    ).toBe(AuthorizeResult.DENY);
    await cached.authorizeConditional([{ permission: read }], {
      credentials: alice,
    });
    expect(policy.calls).toHaveLength(5);
  });

  it('asks once, in order, for the decisions of a batch it does not hold', async () => {
    const policy = new Policy();
    policy.allowed.add('user:default/alice test.read component:default/b');
    const cached = new CachedPermissions(policy, 60);
    const ref = (name: string) => ({
      permission: read,
      resourceRef: `component:default/${name}`,
    });
    await cached.authorize([ref('a')], { credentials: alice });
    const decisions = await cached.authorize([ref('a'), ref('b'), ref('c')], {
      credentials: alice,
    });
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
    expect(policy.calls.map(c => c.requests)).toEqual([1, 2]);
  });

  it('never remembers a decision for a request without a principal', async () => {
    const policy = new Policy();
    const cached = new CachedPermissions(policy, 60);
    const none = mockCredentials.none();
    await cached.authorize([{ permission: other }], { credentials: none });
    await cached.authorize([{ permission: other }], { credentials: none });
    expect(policy.calls).toHaveLength(2);
  });
});
