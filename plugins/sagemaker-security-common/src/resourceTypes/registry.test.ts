import fs from 'node:fs';
import path from 'node:path';
import {
  CATALOG_RESOURCE_TYPES,
  JOB_RESOURCE_TYPES,
  RESOURCE_TYPE_DESCRIPTORS,
  RESOURCE_TYPES,
} from './registry';
import { DESCRIPTOR_READERS, KNOWN_TYPE_SWITCHES } from './consumers';
import { findTypeSwitches, readsRegistry, sourceFiles } from './sourceScan';

const ROOT = path.resolve(__dirname, '../../../..');
const REGISTRY_DIR = 'plugins/sagemaker-security-common/src/resourceTypes/';
const IDS = RESOURCE_TYPE_DESCRIPTORS.map(d => d.id);

const sources = sourceFiles(ROOT).filter(f => !f.startsWith(REGISTRY_DIR));
const text = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('resource type registry', () => {
  it('has one descriptor per id, in one module each', () => {
    expect(new Set(IDS).size).toBe(IDS.length);
    expect(RESOURCE_TYPES).toEqual(IDS);
    expect(JOB_RESOURCE_TYPES).toEqual(
      RESOURCE_TYPE_DESCRIPTORS.filter(d => d.job).map(d => d.id),
    );
    expect(
      CATALOG_RESOURCE_TYPES.every(t => !JOB_RESOURCE_TYPES.includes(t)),
    ).toBe(true);
    const modules = fs
      .readdirSync(path.join(ROOT, REGISTRY_DIR))
      .filter(f => /^[a-z][A-Za-z]*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    for (const id of IDS) {
      const camel = id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      expect(modules).toContain(`${camel}.ts`);
    }
  });

  it('spells operation names as the SDK does and keeps ARN fields apart from names', () => {
    for (const d of RESOURCE_TYPE_DESCRIPTORS) {
      expect(d.api.list).toMatch(/^List[A-Z][A-Za-z]+s$/);
      expect(d.api.describe).toMatch(/^Describe[A-Z][A-Za-z]+(V[0-9]+)?$/);
      expect(d.api.arnField).toMatch(/Arn$/);
      expect(Object.keys(d.api.describeInput).length).toBeGreaterThan(0);
      expect(d.arnSegment).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('lists every file that reads a descriptor, and only those', () => {
    const readers = sources.filter(f => readsRegistry(text(f))).sort();
    expect(readers).toEqual(DESCRIPTOR_READERS.map(r => r.file).sort());
  });

  it('is the only place that switches on a resource type id', () => {
    const found: Record<string, string[]> = {};
    for (const file of sources) {
      const lines = findTypeSwitches(text(file), IDS);
      if (lines.length > 0) found[file] = lines;
    }
    const unexpected = Object.entries(found)
      .filter(
        ([file, lines]) => lines.length > (KNOWN_TYPE_SWITCHES[file] ?? 0),
      )
      .map(([file, lines]) => `${file}:\n  ${lines.join('\n  ')}`);
    expect(unexpected).toEqual([]);
    // A file that no longer switches leaves the list of known ones.
    const stale = Object.entries(KNOWN_TYPE_SWITCHES)
      .filter(([file, count]) => (found[file]?.length ?? 0) < count)
      .map(
        ([file, count]) => `${file}: ${found[file]?.length ?? 0} < ${count}`,
      );
    expect(stale).toEqual([]);
  });
});
