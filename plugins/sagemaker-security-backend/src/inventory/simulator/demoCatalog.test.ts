/*
 * The demo catalog (examples/*.yaml) that names the estate's ML services,
 * teams and systems.
 */
import {
  KindValidator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  entitySchemaValidator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  parseTagSelector,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  FlatResource,
  org,
  systemsFile,
  services,
  groups,
  groupNames,
  systems,
  domains,
  resources,
  inUnreadableAccount,
} from './__testUtils__/demoData';

describe('demo catalog', () => {
  const validators: Record<string, KindValidator> = {
    Component: componentEntityV1alpha1Validator,
    Domain: domainEntityV1alpha1Validator,
    Group: groupEntityV1alpha1Validator,
    Location: locationEntityV1alpha1Validator,
    System: systemEntityV1alpha1Validator,
    User: userEntityV1alpha1Validator,
  };
  const validateEnvelope = entitySchemaValidator();

  it('holds only valid entities', async () => {
    const entities = [...org, ...systemsFile, ...services];
    for (const entity of entities) {
      validateEnvelope(entity);
      await expect(validators[entity.kind].check(entity)).resolves.toBe(true);
    }
  });

  it('nests teams, with a security team and a guest who has a team', () => {
    const teams = groups.filter(g => g.spec!.type !== 'organization');
    expect(teams.length).toBeGreaterThanOrEqual(4);
    const byName = new Map(groups.map(g => [g.metadata.name, g]));
    for (const group of groups) {
      for (const child of group.spec!.children as string[]) {
        expect(byName.get(child)?.spec!.parent).toBe(group.metadata.name);
      }
    }
    const depth = (name: string): number => {
      const parent = byName.get(name)?.spec!.parent as string | undefined;
      return parent ? 1 + depth(parent) : 0;
    };
    expect(
      Math.max(...groups.map(g => depth(g.metadata.name))),
    ).toBeGreaterThanOrEqual(2);
    expect(groupNames.has('security')).toBe(true);

    const guest = org.find(
      e => e.kind === 'User' && e.metadata.name === 'guest',
    )!;
    // The guest sign-in provider's default identity.
    expect(stringifyEntityRef(guest)).toBe('user:development/guest');
    const teamsOfGuest = (guest.spec!.memberOf as string[]).map(
      ref => parseEntityRef(ref, { defaultKind: 'group' }).name,
    );
    expect(teamsOfGuest.length).toBeGreaterThan(0);
    for (const team of teamsOfGuest) expect(groupNames.has(team)).toBe(true);
  });

  it('has eleven ML services owned by teams, in systems of known domains', () => {
    expect(services).toHaveLength(11);
    const systemNames = new Set(systems.map(s => s.metadata.name));
    const domainNames = new Set(domains.map(d => d.metadata.name));
    for (const service of services) {
      expect(service.kind).toBe('Component');
      expect(service.spec!.type).toBe('ml-service');
      expect(service.metadata.description).toEqual(expect.any(String));
      expect(groupNames.has(service.spec!.owner as string)).toBe(true);
      expect(systemNames.has(service.spec!.system as string)).toBe(true);
    }
    for (const entity of [...systems, ...domains]) {
      expect(groupNames.has(entity.spec!.owner as string)).toBe(true);
    }
    for (const system of systems) {
      expect(domainNames.has(system.spec!.domain as string)).toBe(true);
    }
  });

  it('uses tag selectors that pick production resources of their service', () => {
    const selecting = services.filter(
      s => s.metadata.annotations?.[ANNOTATION_SAGEMAKER_TAG_SELECTOR],
    );
    expect(selecting.map(s => s.metadata.name).sort()).toEqual([
      'aml-transaction-monitor',
      'marketing-propensity',
      'mortgage-affordability',
    ]);
    // Only the service of the unreadable account names its account and region.
    const others = services.flatMap(service =>
      Object.keys(service.metadata.annotations ?? {})
        .filter(a => a !== ANNOTATION_SAGEMAKER_TAG_SELECTOR)
        .map(a => `${service.metadata.name} ${a}`),
    );
    expect(others).toEqual([
      'marketing-propensity amazonaws.com/account-id',
      'marketing-propensity amazonaws.com/region',
    ]);
    for (const service of selecting.filter(s => !inUnreadableAccount(s))) {
      const selector = parseTagSelector(
        service.metadata.annotations![ANNOTATION_SAGEMAKER_TAG_SELECTOR],
      );
      const matches = (r: FlatResource) =>
        selector.every(({ key, value }) => r.tags[key] === value);
      const own = resources.filter(
        r => r.tags['ml-service'] === service.metadata.name,
      );
      // The selector keeps production and leaves out development resources.
      expect(own.filter(matches).length).toBeGreaterThan(0);
      expect(own.filter(r => !matches(r)).map(r => r.tags.env)).toContain(
        'dev',
      );
      expect(own.filter(matches).every(r => r.tags.env === 'prod')).toBe(true);
    }
  });
});
