import { sortKey } from './sortKey';

// The migration that fills the sort keys of existing rows keeps its own copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const {
  sortKey: migrationSortKey,
} = require('../../migrations/20261207100000_entity_scores_columns.js');

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const compare = (a: string, b: string) => {
  if (a < b) return -1;
  return a > b ? 1 : 0;
};

describe('sortKey', () => {
  it('orders printable ASCII strings as localeCompare does', () => {
    const next = random(7);
    const alphabet = Array.from({ length: 0x7f - 0x20 }, (_, i) =>
      String.fromCharCode(0x20 + i),
    );
    const word = () =>
      Array.from(
        { length: Math.floor(next() * 6) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
    const mismatches: string[][] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      // Often a near neighbour: equal but for case or one character.
      const b = next() < 0.5 ? word() : a.toUpperCase();
      if (Math.sign(a.localeCompare(b)) !== compare(sortKey(a), sortKey(b))) {
        mismatches.push([a, b]);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('orders entity refs as localeCompare, not as bytes', () => {
    const refs = [
      'component:default/a_b',
      'component:default/a-b',
      'component:default/A-b',
      'component:default/ab',
      'component:default/a.b',
      'component:default/a',
      'component:default/B',
      'component:default/a2',
    ];
    const byLocale = [...refs].sort((a, b) => a.localeCompare(b));
    const byKey = [...refs].sort((a, b) => compare(sortKey(a), sortKey(b)));
    expect(byKey).toEqual(byLocale);
    // Not bytes' order, which the database would use on the refs themselves.
    expect([...refs].sort()).not.toEqual(byLocale);
    // Digits only: every database collation orders them byte by byte.
    expect(refs.map(sortKey).every(key => /^[0-9]+$/.test(key))).toBe(true);
  });

  it('equals the copy of the migration that filled existing rows', () => {
    const refs = ['component:default/a_b', 'group:default/Team-x', '', 'é'];
    expect(refs.map(migrationSortKey)).toEqual(refs.map(sortKey));
  });
});
