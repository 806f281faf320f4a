import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from './loadEstate';

const ESTATE =
  'name: demo\naccounts:\n  - accountId: "012345678901"\n    regions:\n      - region: us-east-1\n        sagemaker: {}\n';

describe('loadEstate simulator settings', () => {
  async function write(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'estate-'));
    const path = join(dir, 'estate.yaml');
    await writeFile(path, text);
    return path;
  }

  it('reads the per-call latency of a recorded estate', async () => {
    const estate = await loadEstate(
      await write(`${ESTATE}simulator:\n  latencyMs: 250\n`),
    );
    expect(estate.simulator).toEqual({ latencyMs: 250 });
  });

  it.each(['-1', '1.5', '"fast"', '60001'])(
    'refuses simulator.latencyMs %s, naming the field',
    async value => {
      const path = await write(`${ESTATE}simulator:\n  latencyMs: ${value}\n`);
      await expect(loadEstate(path)).rejects.toThrow('simulator.latencyMs');
    },
  );
});
