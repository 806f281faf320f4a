/**
 * A target's first type (notebooks) is listed alone, so that a disabled
 * region or refused credentials cost one call; the other types start once
 * its first page answered, not after its describes (scan/collectTarget.ts).
 */
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { createHarness, PER_RESOURCE_READS } from '../__testUtils__/harness';

describe('the first listing of a target', () => {
  it('lists the other types once the first listing answered, while the first type is still read', async () => {
    const estate = fullEstate();
    const notebooks =
      estate.accounts[0].regions[0].sagemaker['notebook-instance']!;
    const [template] = notebooks;
    for (let i = 0; i < 20; i++) {
      notebooks.push({
        ...template,
        description: {
          ...template.description,
          NotebookInstanceName: `nb-extra-${i}`,
          NotebookInstanceArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/nb-extra-${i}`,
        },
      });
    }
    const h = await createHarness(estate, {
      simulator: { pageSize: 100, latencyMs: 5 },
      config: PER_RESOURCE_READS,
    });
    const scan = await h.scan();
    expect(scan.status).toBe('succeeded');
    const actions = h.calls.map(c => c.action);
    const lastNotebookDescribe = actions.lastIndexOf(
      'sagemaker:DescribeNotebookInstance',
    );
    // The notebooks (the first type) are listed first, alone...
    expect(actions.find(a => !a.startsWith('sts:'))).toBe(
      'sagemaker:ListNotebookInstances',
    );
    // ...and the models' listing does not wait for their 23 describes.
    expect(actions.indexOf('sagemaker:ListModels')).toBeGreaterThan(0);
    expect(actions.indexOf('sagemaker:ListModels')).toBeLessThan(
      lastNotebookDescribe,
    );
  });
});
