import { chooseIamRolesPath } from './iamCostModel';

describe('IAM roles cost model', () => {
  it('reads the details when one page is cheaper than the roles one by one', () => {
    expect(
      chooseIamRolesPath({
        referencedRoles: 2,
        inlinePolicies: 3,
        lastDetailsPages: 1,
        bulkReads: true,
      }),
    ).toMatchObject({
      path: 'account-details',
      perRoleCalls: 9,
      detailsPages: 1,
    });
  });

  it('keeps the per-role path for few roles of a large account', () => {
    expect(
      chooseIamRolesPath({
        referencedRoles: 2,
        inlinePolicies: 1,
        lastDetailsPages: 8,
        bulkReads: true,
      }),
    ).toMatchObject({ path: 'per-role', perRoleCalls: 7, detailsPages: 8 });
  });

  it('assumes the default IAM quotas (3 pages) while the account size is unknown', () => {
    const one = chooseIamRolesPath({ referencedRoles: 1, bulkReads: true });
    expect(one).toMatchObject({
      path: 'per-role',
      perRoleCalls: 3,
      detailsPages: 3,
      reason: expect.stringContaining('2500 roles and policies assumed'),
    });
    expect(
      chooseIamRolesPath({ referencedRoles: 2, bulkReads: true }),
    ).toMatchObject({ path: 'account-details', perRoleCalls: 6 });
    // Inline policies known from the last scan tip a single role over.
    expect(
      chooseIamRolesPath({
        referencedRoles: 1,
        inlinePolicies: 1,
        bulkReads: true,
      }).path,
    ).toBe('account-details');
  });

  it('keeps the per-role path on a tie and with no roles', () => {
    expect(
      chooseIamRolesPath({
        referencedRoles: 1,
        lastDetailsPages: 3,
        bulkReads: true,
      }).path,
    ).toBe('per-role');
    expect(
      chooseIamRolesPath({
        referencedRoles: 0,
        lastDetailsPages: 1,
        bulkReads: true,
      }).path,
    ).toBe('per-role');
  });

  it('reads role by role when bulk reads are off, saying why', () => {
    expect(
      chooseIamRolesPath({
        referencedRoles: 500,
        lastDetailsPages: 1,
        bulkReads: false,
      }),
    ).toMatchObject({
      path: 'per-role',
      perRoleCalls: 1500,
      reason: expect.stringMatching(/^bulk reads are off/),
    });
  });
});
