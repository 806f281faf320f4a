/**
 * A key whose plain (byte, or any database collation's) order is the order
 * of `String.prototype.localeCompare`, so that the database can order entity
 * and owner refs as the org page always has. Built as the Unicode Collation
 * Algorithm builds its sort keys: the primary weight of every character
 * (letters without case), a separator lower than any weight, then the
 * tertiary weight of every character (case). The weights are read from the
 * runtime's own collator (the one `localeCompare` uses) for printable ASCII,
 * the alphabet of Backstage entity refs (the catalog's validation: kinds,
 * namespaces and names of letters, digits and `-_.`, joined by `:` and
 * `/`). A character outside it orders after every one in it, by code point
 * (not `localeCompare` exactly). Keys are digits only, so every database
 * collation orders them byte by byte.
 *
 * `migrations/20261207100000_entity_scores_columns.js` holds a copy (a
 * migration does not change with the code); a test keeps both equal.
 */

interface Weights {
  primary: Map<string, string>;
  tertiary: Map<string, string>;
}

function buildWeights(): Weights {
  const chars = Array.from({ length: 0x7f - 0x20 }, (_, i) =>
    String.fromCharCode(0x20 + i),
  );
  const base = new Intl.Collator(undefined, { sensitivity: 'base' });
  const full = new Intl.Collator();
  const sorted = [...chars].sort(full.compare);
  const primary = new Map<string, string>();
  const tertiary = new Map<string, string>();
  let weight = 0;
  let rank = 0;
  sorted.forEach((char, i) => {
    if (i === 0 || base.compare(sorted[i - 1], char) !== 0) {
      weight += 1;
      rank = 0;
    } else if (full.compare(sorted[i - 1], char) !== 0) {
      rank += 1;
    }
    primary.set(char, String(weight).padStart(2, '0'));
    tertiary.set(char, String(rank));
  });
  return { primary, tertiary };
}

let weights: Weights | undefined;

/** The sort key of `value`: see the module comment. */
export function sortKey(value: string): string {
  weights ??= buildWeights();
  const { primary, tertiary } = weights;
  let head = '';
  let tail = '';
  for (const char of value) {
    const p = primary.get(char);
    if (p === undefined) {
      head += `99${String(char.codePointAt(0)).padStart(7, '0')}`;
      tail += '0';
    } else {
      head += p;
      tail += tertiary.get(char);
    }
  }
  return `${head}00${tail}`;
}
