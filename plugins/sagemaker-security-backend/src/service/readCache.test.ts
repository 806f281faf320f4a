import { ReadCache, readKey } from './readCache';

describe('ReadCache', () => {
  it('computes a key once, concurrent reads included, and holds the JSON', async () => {
    const cache = new ReadCache();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise(resolve => setImmediate(resolve));
      return { n: computed };
    };
    const [a, b] = await Promise.all([
      cache.json('k', compute),
      cache.json('k', compute),
    ]);
    expect(a.body.toString()).toBe('{"n":1}');
    expect(a.etag).toMatch(/^W\/"7-[A-Za-z0-9+/]{27}"$/);
    expect(b).toBe(a);
    expect((await cache.json('k', compute)).body.toString()).toBe('{"n":1}');
    expect(computed).toBe(1);
    const other = await cache.json('other', compute);
    expect(other.body.toString()).toBe('{"n":2}');
    expect(other.etag).not.toBe(a.etag);
  });

  it('computes every time without a key, and holds no failure', async () => {
    const cache = new ReadCache();
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    await cache.json(undefined, compute);
    await cache.json(undefined, compute);
    expect(computed).toBe(2);
    expect(cache.size).toBe(0);

    await expect(
      cache.json('k', async () => {
        throw new Error('read failed');
      }),
    ).rejects.toThrow('read failed');
    expect((await cache.json('k', compute)).body.toString()).toBe('{"n":3}');
  });

  it('holds at most its size, dropping the least recently read', async () => {
    const cache = new ReadCache(20);
    const value = (s: string) => async () => s; // '"aaaaaaa"' is 9 chars
    await cache.json('a', value('aaaaaaa'));
    await cache.json('b', value('bbbbbbb'));
    await cache.json('a', value('changed'));
    await cache.json('c', value('ccccccc'));
    expect(cache.size).toBe(2);
    expect((await cache.json('a', value('later'))).body.toString()).toBe(
      '"aaaaaaa"',
    );
    expect((await cache.json('b', value('later'))).body.toString()).toBe(
      '"later"',
    );
  });

  it('keys keep their parts apart', () => {
    expect(readKey('a', 1, undefined)).not.toBe(readKey('a1', undefined));
    expect(readKey('a', 1)).toBe(readKey('a', '1'));
  });
});
