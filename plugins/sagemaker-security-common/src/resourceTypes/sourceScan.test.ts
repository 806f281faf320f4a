import { findTypeSwitches, readsRegistry } from './sourceScan';

const IDS = [
  'endpoint',
  'endpoint-config',
  'model',
  'domain',
  'training-job',
  'image',
];

describe('findTypeSwitches', () => {
  it('finds case labels, comparisons on either side and quoted keys', () => {
    const source = [
      'switch (resource.type) {',
      "  case 'endpoint-config':",
      '}',
      "if (type === 'model') {}",
      "if ('domain' !== type) {}",
      "const m = { 'training-job': 1 };",
      'const n = {',
      "  'endpoint-config': 2,",
      '};',
    ].join('\n');
    expect(findTypeSwitches(source, IDS).map(l => l.split(':')[0])).toEqual([
      '2',
      '4',
      '5',
      '6',
      '8',
    ]);
  });

  it('counts bare keys only in a map keyed by type ids', () => {
    const map = [
      'const M = {',
      '  endpoint: 1,',
      '  model: 2,',
      '  domain: 3,',
      '};',
    ];
    expect(findTypeSwitches(map.join('\n'), IDS)).toHaveLength(3);
    const other = [
      "const o = { name: 'x',",
      "  endpoint: 'prod',",
      "  model: 'xgb' };",
    ];
    expect(findTypeSwitches(other.join('\n'), IDS)).toEqual([]);
    // Option objects of calls next to each other: three ids within 20
    // lines, but never three in one object.
    const calls = [
      'model(rb, {',
      "  name: 'xgb',",
      '  image: img.xgboost,',
      '});',
      'endpoint(rb, {',
      "  name: 'prod',",
      "  model: 'xgb',",
      '});',
    ];
    expect(findTypeSwitches(calls.join('\n'), IDS)).toEqual([]);
    // ...while a map keyed by three of them, nested or not, counts.
    const nested = [
      'const M = {',
      '  endpoint: {',
      "    label: 'Endpoint',",
      '  },',
      '  model: {',
      "    label: 'Model',",
      '  },',
      "  image: { label: 'Image' },",
      '};',
    ];
    expect(findTypeSwitches(nested.join('\n'), IDS)).toHaveLength(3);
  });

  it('ignores comments, longer strings and other words', () => {
    const source = [
      "// case 'endpoint':",
      " * if (type === 'model')",
      "const id = 'endpoint-config-data-capture-kms-key';",
      "if (kind === 'models') {}",
      "const t = type === 'endpoints';",
    ].join('\n');
    expect(findTypeSwitches(source, IDS)).toEqual([]);
  });
});

describe('readsRegistry', () => {
  it('recognises the registry API', () => {
    expect(readsRegistry('RESOURCE_TYPE_DESCRIPTORS.map(d => d.id)')).toBe(
      true,
    );
    expect(readsRegistry('findResourceTypeDescriptor(type)?.logGroup')).toBe(
      true,
    );
    expect(readsRegistry('RESOURCE_TYPES.includes(type)')).toBe(false);
  });
});
