/**
 * A failed call never erases the last good inventory: resources are marked
 * deleted only after a complete listing, and a describe that fails later
 * keeps the last good description (the failures answered on the wire).
 */
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness, PER_RESOURCE_READS } from '../__testUtils__/harness';

describe('inventory collector: the last good inventory stays', () => {
  it('marks resources deleted only after a complete listing', async () => {
    const estate = fullEstate();
    const h = await createHarness(estate, { config: PER_RESOURCE_READS });
    await h.scan();
    const sm = estate.accounts[0].regions[0].sagemaker;
    sm['notebook-instance'] = sm['notebook-instance']!.filter(
      n => n.description.NotebookInstanceName !== 'nb-3',
    );
    sm.endpoint = [];
    estate.accounts[0].faults = [
      { action: 'sagemaker:ListEndpoints', error: 'AccessDenied' },
    ];
    await h.scan();

    const nb3 = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/nb-3`,
    );
    expect(nb3?.deletedAt).toBeDefined();
    // The endpoint listing failed: the last good inventory stays.
    const endpoint = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/fraud`,
    );
    expect(endpoint?.deletedAt).toBeUndefined();
    expect(endpoint?.description.EndpointStatus).toBe('InService');
    const live = await h.store.listResources({ types: ['notebook-instance'] });
    expect(live.items.map(i => i.name)).toEqual(['nb-1', 'nb-2']);
  });

  it('keeps the last good description when a describe fails later', async () => {
    const estate = fullEstate();
    const h = await createHarness(estate, { config: PER_RESOURCE_READS });
    await h.scan();
    // The endpoint changed, so it is described again: that describe fails.
    const [endpoint] = estate.accounts[0].regions[0].sagemaker.endpoint!;
    endpoint.description.LastModifiedTime = new Date().toISOString();
    estate.accounts[0].faults = [
      { action: 'sagemaker:DescribeEndpoint', error: 'AccessDenied' },
    ];
    await h.scan();

    const stored = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/fraud`,
    );
    expect(stored?.description.EndpointConfigName).toBe('fraud-config');
    expect(stored?.errors).toEqual([
      expect.objectContaining({
        kind: 'access_denied',
        action: 'sagemaker:DescribeEndpoint',
      }),
    ]);
    expect(stored?.deletedAt).toBeUndefined();
  });
});
