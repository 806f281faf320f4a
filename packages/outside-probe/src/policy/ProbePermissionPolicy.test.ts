import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  scanRunPermission,
  scorecardReadPermission,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  policyStateFromConfig,
  ProbePermissionPolicy,
} from './ProbePermissionPolicy';

const user = {
  info: {
    userEntityRef: 'user:development/guest',
    ownershipEntityRefs: ['user:development/guest'],
  },
  credentials: {},
} as unknown as PolicyQueryUser;

function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'probe-policy-')), 'state.json');
  const policy = new ProbePermissionPolicy(
    policyStateFromConfig(
      new ConfigReader({ outsideProbe: { permissionPolicyFile: file } }),
    ),
  );
  return {
    policy,
    write: (state: object) => writeFileSync(file, JSON.stringify(state)),
  };
}

describe('ProbePermissionPolicy', () => {
  it('allows everything until the file withholds something', async () => {
    const { policy, write } = setup();
    expect(
      await policy.handle({ permission: scanRunPermission }, user),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    write({ deny: [scanRunPermission.name] });
    expect(
      await policy.handle({ permission: scanRunPermission }, user),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await policy.handle({ permission: scorecardReadPermission }, user),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    write({ deny: [] });
    expect(
      await policy.handle({ permission: scanRunPermission }, user),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('hides named entities through a catalog condition', async () => {
    const { policy, write } = setup();
    write({
      deny: [],
      hide: {
        permissions: [scorecardReadPermission.name],
        entityNames: ['fraud-scoring', 'credit-risk'],
      },
    });
    expect(
      await policy.handle({ permission: scorecardReadPermission }, user),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        not: {
          anyOf: [
            expect.objectContaining({
              rule: 'HAS_METADATA',
              params: { key: 'name', value: 'fraud-scoring' },
            }),
            expect.objectContaining({
              rule: 'HAS_METADATA',
              params: { key: 'name', value: 'credit-risk' },
            }),
          ],
        },
      },
    });
    const basic = createPermission({ name: 'x.basic', attributes: {} });
    expect(await policy.handle({ permission: basic }, user)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('never restricts a request without a user', async () => {
    const { policy, write } = setup();
    write({ deny: [scanRunPermission.name] });
    expect(await policy.handle({ permission: scanRunPermission })).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('names the field of a malformed state', async () => {
    const { policy, write } = setup();
    write({ deny: 'all' });
    await expect(
      policy.handle({ permission: scanRunPermission }, user),
    ).rejects.toThrow("'deny' must be a list");
  });
});
