import { Entity } from '@backstage/catalog-model';
import { entities } from '../service/__testUtils__/estate';
import { SnapshotGraph } from './CatalogGraph';
import { catalogFingerprint } from './snapshot';

const fingerprint = (list: Entity[]) =>
  catalogFingerprint(new SnapshotGraph(list));

describe('catalogFingerprint', () => {
  const base = fingerprint(entities);

  it('does not depend on the order the catalog lists entities in', () => {
    expect(fingerprint([...entities].reverse())).toBe(base);
  });

  it('ignores what a refresh changes without changing the entity (etag, processing status)', () => {
    const refreshed = entities.map(e => ({
      ...e,
      metadata: { ...e.metadata, etag: 'refreshed' },
      status: { items: [{ type: 'backstage.io/catalog-processing' }] },
    })) as Entity[];
    expect(fingerprint(refreshed)).toBe(base);
  });

  it('changes when a service is added, removed or re-owned', () => {
    const churn = entities.find(e => e.metadata.name === 'churn')!;
    const others = entities.filter(e => e !== churn);
    expect(fingerprint(others)).not.toBe(base);
    expect(
      fingerprint([
        ...others,
        { ...churn, spec: { ...churn.spec, owner: 'fraud-team' } },
      ]),
    ).not.toBe(base);
    expect(fingerprint([...others, churn])).toBe(base);
  });
});
