import { nextRead } from './nextRead';

/** A source whose reads are settled by hand, numbered from 1. */
function source() {
  const pending: Array<{ n: number; resolve: () => void; fail: () => void }> =
    [];
  let reads = 0;
  let value = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      reads += 1;
      const n = reads;
      // The value read is the one written before the read started.
      const seen = value;
      pending.push({
        n,
        resolve: () => resolve(seen),
        fail: () => reject(new Error(`read ${n} failed`)),
      });
    });
  return {
    read,
    write: (v: number) => {
      value = v;
    },
    settle: async (outcome: 'resolve' | 'fail' = 'resolve') => {
      const first = pending.shift()!;
      first[outcome]();
      // Let the continuations (and the next read's start) run.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    reads: () => reads,
  };
}

describe('nextRead', () => {
  it('shares one read between callers who arrive while it has not started', async () => {
    const s = source();
    const get = nextRead(s.read);
    const first = get();
    const joined = [get(), get(), get()];
    expect(s.reads()).toBe(1);
    await s.settle();
    // The callers who came during read 1 share read 2, not read 1.
    expect(s.reads()).toBe(2);
    await s.settle();
    await expect(first).resolves.toBe(0);
    await expect(Promise.all(joined)).resolves.toEqual([0, 0, 0]);
  });

  it('never answers a caller with a read that started before its call', async () => {
    const s = source();
    const get = nextRead(s.read);
    const before = get();
    s.write(7);
    const after = get();
    await s.settle();
    await s.settle();
    await expect(before).resolves.toBe(0);
    // Read 1 started before the write; the later caller got read 2.
    await expect(after).resolves.toBe(7);
  });

  it('reads again after a failure, and a failed read fails only its callers', async () => {
    const s = source();
    const get = nextRead(s.read);
    const failing = get();
    const queued = get();
    await s.settle('fail');
    await expect(failing).rejects.toThrow('read 1 failed');
    await s.settle();
    await expect(queued).resolves.toBe(0);
    const later = get();
    expect(s.reads()).toBe(3);
    await s.settle();
    await expect(later).resolves.toBe(0);
  });
});
