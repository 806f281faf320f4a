import path from 'node:path';
import { createHarness } from '../__testUtils__/harness';
import { loadEstate } from '../simulator/loadEstate';

const DEMO = path.resolve(__dirname, '../../../demo-estate/estate.yaml');

describe('the demo estate', () => {
  it('scans through the collector, the simulator answering every call', async () => {
    const h = await createHarness(await loadEstate(DEMO), {
      simulator: { pageSize: 50 },
    });
    const scan = await h.scan();

    expect(['succeeded', 'partial']).toContain(scan.status);
    const errors = scan.targets.flatMap(t => t.errors);
    // The demo's gaps are denials and missing things; anything else is a simulator gap.
    expect(
      errors.filter(e => !['access_denied', 'not_found'].includes(e.kind)),
    ).toEqual([]);
    const { items } = await h.store.listResources({ limit: 1000 });
    expect(items.length).toBe(
      scan.targets.reduce((n, t) => n + t.resourceCount, 0),
    );
  });
});
