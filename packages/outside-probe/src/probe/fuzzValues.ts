import fc from 'fast-check';

/**
 * Hostile values for the fuzzer: NUL bytes, emoji and other unusual Unicode,
 * very long strings, numbers where strings go (and the reverse), huge and
 * negative numbers, impossible dates, path traversal, injections, and
 * harmless-looking near misses of valid values.
 */
const SPECIALS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000\u0000\u0000',
  '💥',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ufeff',
  '\uffff',
  'é',
  'e\u0301',
  '../../../../etc/passwd',
  '..',
  '.',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\\..\\..\\windows\\win.ini',
  "' OR '1'='1",
  '"; DROP TABLE waivers; --',
  "'); DELETE FROM check_results; --",
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '-0',
  '1e308',
  '1e-308',
  '9007199254740993',
  '99999999999999999999999999999999',
  '0x7fffffff',
  '1.5',
  'true',
  '[]',
  '{}',
  '[object Object]',
  '\r\nX-Injected: 1',
  '<script>alert(1)</script>',
  ':',
  '/',
  'component:',
  'component:default/',
  ':default/x',
  'a:b:c/d/e',
  'component:default/fraud-scoring/../../x',
  'user:default/guest',
  'group:default/security',
  'Component:Default/Fraud-Scoring',
  'arn:',
  'arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/',
  'arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/x\u0000',
  '*',
  '%',
  '%%',
  '%zz',
  '%u0000',
  '0001-01-01',
  '9999-12-31',
  '2023-02-29',
  '2024-02-30',
  '2025-02-31',
  '2025-13-01',
  '2025-00-10',
  '2025-04-31',
  '2025-1-1',
  '20250101',
  '2025-01-01T25:61:61Z',
  '2025-01-01T00:00:00+99:99',
  '+275760-09-13',
  '-000001-01-01',
  '1970-01-01T00:00:00.000Z',
  'now',
  'yesterday',
];

const EMOJI = ['💥', '🔥', '👩‍💻', '🏳️‍🌈', '🧪', '😀'];

export const longString = fc
  .tuple(
    fc.integer({ min: 1_000, max: 16_000 }),
    fc.constantFrom('x', 'é', '💥', '\u0000', 'a/', '%'),
  )
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

/** A lone UTF-16 surrogate somewhere in a string (not encodable as UTF-8). */
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\ud800', '\udfff'))
  .map(([s, sur]) => `${s}${sur}${s}`);

export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...SPECIALS) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: longString },
    { weight: 1, arbitrary: loneSurrogate },
  );
}

/** A valid value, changed a little: NUL or emoji inside, cut, cased, padded. */
export function mutated(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .nat(valid.length)
      .map(i => `${valid.slice(0, i)}\u0000${valid.slice(i)}`),
    fc
      .tuple(fc.nat(valid.length), fc.constantFrom(...EMOJI))
      .map(([i, e]) => `${valid.slice(0, i)}${e}${valid.slice(i)}`),
    fc.nat(valid.length).map(i => valid.slice(0, i)),
    fc.constant(valid.toUpperCase()),
    fc.constant(` ${valid} `),
    fc.constant(`${valid}${valid}`),
    fc.constant(`${valid}/../..`),
    fc.constant(valid.replace(/[:/]/g, '\u0000')),
    fc.integer({ min: 500, max: 5_000 }).map(n => `${valid}${'x'.repeat(n)}`),
  );
}

/** A string value for a parameter whose valid values are `valid`. */
export function stringValue(valid: string[]): fc.Arbitrary<string> {
  const options: Array<fc.WeightedArbitrary<string>> = [
    { weight: 4, arbitrary: hostileString() },
  ];
  if (valid.length) {
    options.push({ weight: 2, arbitrary: fc.constantFrom(...valid) });
    options.push({
      weight: 3,
      arbitrary: fc.constantFrom(...valid).chain(v => mutated(v)),
    });
  }
  return fc.oneof(...options);
}

/** Any JSON value, of the wrong type more often than not. */
export function jsonValue(valid: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: stringValue(valid) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        0,
        -1,
        1.5,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER,
        true,
        false,
        null,
      ),
    },
    { weight: 1, arbitrary: fc.array(stringValue(valid), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.constantFrom('a', '__proto__', 'toString'),
        stringValue(valid),
        {
          maxKeys: 2,
        },
      ),
    },
  );
}

/** Percent-encodes a string as UTF-8 (lone surrogates become U+FFFD). */
export function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map(b =>
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x2e ||
      b === 0x5f ||
      b === 0x7e
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Encodings of a value in a URL, some of them wrong on purpose. */
export type Encoding =
  | 'encoded'
  | 'reserved-raw'
  | 'invalid-utf8'
  | 'bad-escape';

export const encodingArb = fc.constantFrom<Encoding>(
  'encoded',
  'encoded',
  'encoded',
  'reserved-raw',
  'invalid-utf8',
  'bad-escape',
);

/** Writes `value` with `encoding`; the result contains only URL-safe ASCII. */
export function encodeAs(value: string, encoding: Encoding): string {
  switch (encoding) {
    case 'reserved-raw':
      // `:`, `/`, `*`, `@`, `,` left as they are, the rest encoded
      return encode(value).replace(/%(3A|2F|2A|40|2C)/g, (_, h) =>
        String.fromCharCode(parseInt(h, 16)),
      );
    case 'invalid-utf8':
      return `${encode(value)}%FF%FE%C0%80%ED%A0%80`;
    case 'bad-escape':
      return `${encode(value)}%${value.length % 2 ? 'zz' : ''}`;
    default:
      return encode(value);
  }
}
