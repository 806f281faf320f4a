import { group } from '../testing/fakes';
import { OwnerResolver } from './OwnerResolver';

describe('OwnerResolver', () => {
  const resolver = new OwnerResolver(
    [group('fraud', 'ml'), group('platform'), group('platform', 'ml')],
    ['owner', 'team'],
    'group:default/unknown',
  );

  it('accepts a full group ref in the tag, in any namespace', () => {
    expect(resolver.resolve({ owner: 'Group:ML/Fraud' })).toEqual({
      owner: 'group:ml/fraud',
    });
  });

  it('finds a group outside the default namespace by its bare name', () => {
    expect(resolver.resolve({ team: 'FRAUD' })).toEqual({
      owner: 'group:ml/fraud',
    });
  });

  it('prefers the default namespace when names clash', () => {
    expect(resolver.resolve({ team: 'platform' })).toEqual({
      owner: 'group:default/platform',
    });
  });

  it('tries the next key when the first names no group, and reports the first miss when none does', () => {
    expect(resolver.resolve({ owner: 'alice', team: 'platform' })).toEqual({
      owner: 'group:default/platform',
    });
    expect(resolver.resolve({ owner: 'alice', team: 'bob' })).toEqual({
      owner: 'group:default/unknown',
      unresolved: { key: 'owner', value: 'alice' },
    });
    expect(resolver.resolve({ owner: 'user:default/alice' })).toEqual({
      owner: 'group:default/unknown',
      unresolved: { key: 'owner', value: 'user:default/alice' },
    });
  });
});
