import { ConfigReader } from '@backstage/config';
import { loadEstate } from '../inventory/simulator/loadEstate';
import { resolveDemoEstatePath } from './demoEstate';
import { readInventoryConfig } from './inventoryConfig';

describe('sagemakerSecurity.demoEstate', () => {
  it('builtin names the estate shipped in the package, which loads', async () => {
    const config = readInventoryConfig(
      new ConfigReader({ sagemakerSecurity: { demoEstate: 'builtin' } }),
    );
    expect(config.demoEstate).toMatch(/demo-estate[\\/]estate\.yaml$/);
    const estate = await loadEstate(config.demoEstate!);
    expect(estate.accounts.map(a => a.accountId).sort()).toEqual([
      '111122223333',
      '444455556666',
      '777788889999', // the marketing account whose role cannot be assumed
    ]);
  });

  it('any other value is a path, unchanged; unset stays unset', () => {
    expect(resolveDemoEstatePath('./my/estate.yaml')).toBe('./my/estate.yaml');
    expect(resolveDemoEstatePath(undefined)).toBeUndefined();
  });
});
