/**
 * A type read through SageMaker Search stores its record as the description
 * (see search.ts). This shows, per Search-capable type, that every
 * top-level description field something downstream reads is in the
 * record (per the SDK's model of it) or declared in `search.describeFields`
 * (then Describe reads it): the fields every check of the type reads (each
 * check run over the estates' descriptions wrapped in a Proxy that records
 * the keys read), the descriptor's own field paths (links, catalog
 * dependencies, environment fields), and the references the facts walker
 * finds (references.ts walks every field).
 */
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import {
  FieldPath,
  RESOURCE_TYPE_DESCRIPTORS,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { fullSageMaker } from '../__testUtils__/fullEstateSageMaker';
import { References } from '../facts/references';
import { estate as demoEstate } from '../simulator/__testUtils__/demoData';
import { outputFields, searchRecordFields } from './search';

type Desc = Record<string, unknown>;

const SEARCHABLE = RESOURCE_TYPE_DESCRIPTORS.filter(d => d.api.search);

/** Every description of the type in the full test estate and the demo estate. */
function descriptionsOf(type: string): Desc[] {
  const full = (
    fullSageMaker() as Record<string, Array<{ description: Desc }>>
  )[type];
  const demo = demoEstate.accounts.flatMap(a =>
    a.regions.flatMap(
      r =>
        (r.sagemaker as Record<string, Array<{ description: Desc }>>)?.[type] ??
        [],
    ),
  );
  return [...(full ?? []), ...demo].map(r => r.description);
}

/**
 * Top-level keys read from `description`. Listing the keys is not reading
 * them (a check asking whether a description is empty, with for-in, reads
 * no value); Object.entries and the like read each value through `get`.
 */
function recordingReads(description: Desc, read: Set<string>): Desc {
  return new Proxy(description, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.has(target, key);
    },
  });
}

/** Keys the checks of `type` read from each description (and from an empty one). */
function keysChecksRead(
  type: string,
  descriptions: Desc[],
  options: { andEmpty: boolean } = { andEmpty: true },
): Set<string> {
  const checks = defaultChecks.filter(c =>
    (c.resourceTypes as string[]).includes(type),
  );
  const read = new Set<string>();
  for (const description of options.andEmpty
    ? [{}, ...descriptions]
    : descriptions) {
    const resource = {
      arn: `arn:aws:sagemaker:us-east-1:111122223333:${type}/x`,
      type,
      name: 'x',
      accountId: '111122223333',
      region: 'us-east-1',
      tags: {},
      description: recordingReads(description, read),
      errors: [],
    } as unknown as SageMakerResource;
    for (const check of checks) {
      try {
        check.evaluate({
          resource,
          facts: { get: () => undefined } as never,
          resources: {
            listingErrors: () => [],
            accountIds: () => ['111122223333'],
            get: () => undefined,
            list: () => [],
          } as never,
          mode: 'live',
        });
      } catch {
        // A check throwing on a sparse description still read what it read.
      }
    }
  }
  return read;
}

const top = (path: string) => path.split(/[.[]/)[0];

function declaredPaths(d: (typeof SEARCHABLE)[number]): string[] {
  const paths = [
    ...Object.values(d.links).flatMap(list =>
      ((list ?? []) as FieldPath[]).flatMap(p =>
        typeof p === 'string' ? [p] : [p.path, p.when.path],
      ),
    ),
    ...(d.catalog?.dependsOn ?? []).flatMap(dep => dep.paths),
    ...(d.environmentFields ?? []),
    d.api.arnField,
    ...(d.api.statusField ? [d.api.statusField] : []),
    ...(d.api.changeFields ?? []),
  ];
  return paths.map(top);
}

function referencesOf(description: Desc) {
  const refs = new References();
  refs.addFrom(description);
  return {
    roles: [...refs.roles],
    kmsKeys: [...refs.kmsKeys],
    buckets: [...refs.buckets],
    securityGroups: [...refs.securityGroups],
    subnets: [...refs.subnets],
    vpcs: [...refs.vpcs],
  };
}

describe('fields of a type read through Search', () => {
  it('covers the types Search serves', () => {
    expect(SEARCHABLE.map(d => d.id).sort()).toEqual([
      'endpoint',
      'feature-group',
      'model-package',
      'model-package-group',
      'pipeline',
      'training-job',
    ]);
  });

  it.each(SEARCHABLE.map(d => [d.id, d] as const))(
    '%s: every field the checks and the descriptor read is in the Search record or described',
    (type, d) => {
      const search = d.api.search!;
      const record = new Set(searchRecordFields(search.record));
      const describe = new Set(outputFields(d.api.describe));
      const described = new Set(search.describeFields ?? []);
      const descriptions = descriptionsOf(type);
      expect(descriptions.length).toBeGreaterThan(0);
      const read = new Set([
        ...keysChecksRead(type, descriptions),
        ...declaredPaths(d),
      ]);
      // Keys the Describe output does not have are not stored from either read.
      const missing = [...read].filter(
        key => describe.has(key) && !record.has(key) && !described.has(key),
      );
      expect(missing).toEqual([]);
      // A declared field really is one the record lacks and Describe has.
      for (const field of described) {
        expect([field, record.has(field), describe.has(field)]).toEqual([
          field,
          false,
          true,
        ]);
      }
    },
  );

  it.each(SEARCHABLE.map(d => [d.id, d] as const))(
    '%s: the record finds the same related resources as Describe (or the type is described)',
    (type, d) => {
      const search = d.api.search!;
      // A type always described finds its references in Describe's answer;
      // one described only while running must find them in the record.
      if (
        (search.describeFields ?? []).length > 0 &&
        !search.describeWhileRunning
      ) {
        return;
      }
      const record = new Set(searchRecordFields(search.record));
      for (const description of descriptionsOf(type)) {
        const fromRecord = Object.fromEntries(
          Object.entries(description).filter(([key]) => record.has(key)),
        );
        expect(referencesOf(fromRecord)).toEqual(referencesOf(description));
      }
    },
  );

  const WHILE_RUNNING = SEARCHABLE.filter(
    d => d.api.search!.describeWhileRunning,
  );

  it('describes jobs for their missing fields only while they run (training jobs)', () => {
    expect(WHILE_RUNNING.map(d => d.id)).toEqual(['training-job']);
  });

  it.each(WHILE_RUNNING.map(d => [d.id, d] as const))(
    '%s: the checks of an ended job read nothing the record lacks',
    (type, d) => {
      const record = new Set(searchRecordFields(d.api.search!.record));
      const describe = new Set(outputFields(d.api.describe));
      const statusField = d.api.statusField!;
      for (const status of ['Completed', 'Failed', 'Stopped']) {
        const ended = descriptionsOf(type).map(description => ({
          ...description,
          [statusField]: status,
        }));
        const read = keysChecksRead(type, ended, { andEmpty: false });
        const missing = [...read].filter(
          key => describe.has(key) && !record.has(key),
        );
        expect([status, missing]).toEqual([status, []]);
      }
      // While running, the declared fields are read (the guard is real).
      const running = descriptionsOf(type).map(description => ({
        ...description,
        [statusField]: 'InProgress',
      }));
      const read = keysChecksRead(type, running, { andEmpty: false });
      for (const field of d.api.search!.describeFields ?? []) {
        expect(read.has(field)).toBe(true);
      }
    },
  );

  it('the proxy sees what a check reads (the recorder can fail)', () => {
    const read = new Set<string>();
    const proxied = recordingReads({ A: 1 }, read);
    expect(proxied.A).toBe(1);
    expect('B' in proxied).toBe(false);
    expect([...read].sort()).toEqual(['A', 'B']);
  });
});
