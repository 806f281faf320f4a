import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  assertKnownKeys,
  KeyShape,
  SAGEMAKER_SECURITY_KEYS,
} from './knownKeys';

const check = (sagemakerSecurity: unknown) => () =>
  assertKnownKeys(new ConfigReader({ sagemakerSecurity } as any));

/**
 * The keys a `config.d.ts` declares under `sagemakerSecurity`, as dotted
 * paths (`accounts[].regions`). Parses the plain object types these files
 * use; a named type (e.g. the scheduler's) is a leaf.
 */
function declaredKeys(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  let at = text.indexOf('sagemakerSecurity?:');
  at = text.indexOf('{', at) + 1;
  const paths: string[] = [];
  const object = (prefix: string) => {
    for (;;) {
      const rest = text.slice(at);
      const end = /^\s*}/.exec(rest);
      if (end) {
        at += end[0].length;
        return;
      }
      const key = /^\s*(\w+)\??:\s*/.exec(rest);
      if (!key)
        throw new Error(`Cannot parse ${file} at: ${rest.slice(0, 40)}`);
      at += key[0].length;
      const name = `${prefix}${key[1]}`;
      paths.push(name);
      const value = text.slice(at);
      const nested = /^(Array<)?\{/.exec(value);
      if (nested) {
        at += nested[0].length;
        object(`${name}${nested[1] ? '[]' : ''}.`);
        at += /^>?;?/.exec(text.slice(at))![0].length;
      } else {
        at += /^[^;]*;/.exec(value)![0].length;
      }
    }
  };
  object('');
  return paths;
}

function knownPaths(shape: KeyShape, prefix = ''): string[] {
  if (shape === 'value' || shape === 'checked') return [];
  if (Array.isArray(shape)) return knownPaths(shape[0], `${prefix}[]`);
  return Object.entries(shape).flatMap(([key, child]) => [
    `${prefix}${prefix ? '.' : ''}${key}`,
    ...knownPaths(child, `${prefix}${prefix ? '.' : ''}${key}`),
  ]);
}

describe('unknown keys under sagemakerSecurity', () => {
  it('knows exactly the keys the suite declares in its config.d.ts files', () => {
    const plugins = path.resolve(__dirname, '../../..');
    const declared = [
      ...declaredKeys(
        path.join(plugins, 'sagemaker-security-backend/config.d.ts'),
      ),
      ...declaredKeys(
        path.join(
          plugins,
          'scaffolder-backend-module-sagemaker-security/config.d.ts',
        ),
      ),
    ];
    // Sections checked by their own reader (or package) are compared at their root;
    // the scheduler's schedule type is declared by name.
    const checkedRoots = ['rateLimits', 'aws.endpoints', 'validate'];
    const comparable = (paths: string[]) =>
      [...new Set(paths)]
        .filter(p => !checkedRoots.some(root => p.startsWith(`${root}.`)))
        .filter(p => !p.startsWith('schedule.'))
        .sort();
    expect(comparable(knownPaths(SAGEMAKER_SECURITY_KEYS))).toEqual(
      comparable(declared),
    );
  });

  it.each([
    [
      { acounts: [] },
      "'sagemakerSecurity.acounts' is not a known key (did you mean 'accounts'?",
    ],
    [
      { accounts: [{ accountId: '111122223333', region: 'us-east-1' }] },
      "'sagemakerSecurity.accounts[0].region' is not a known key (did you mean 'regions'?",
    ],
    [{ concurrency: { region: 2 } }, "'sagemakerSecurity.concurrency.region'"],
    [{ aws: { maxAttempt: 3 } }, "'sagemakerSecurity.aws.maxAttempt'"],
    [
      { scanLease: { heartbeats: '1s' } },
      "'sagemakerSecurity.scanLease.heartbeats'",
    ],
    [
      {
        schedule: { frequency: { hours: 1 }, timeout: { hours: 1 }, timout: 5 },
      },
      "'sagemakerSecurity.schedule.timout'",
    ],
    [
      { scoring: { severityWeights: { severe: 3 } } },
      "'sagemakerSecurity.scoring.severityWeights.severe'",
    ],
    [{ waivers: { maxDay: 30 } }, "'sagemakerSecurity.waivers.maxDay'"],
    [{ concurrency: 4 }, "'sagemakerSecurity.concurrency' must be an object"],
    [
      { accounts: { accountId: '111122223333' } },
      "'sagemakerSecurity.accounts' must be a list",
    ],
  ])('refuses %j naming the key', (section, message) => {
    expect(check(section)).toThrow(message);
  });

  it('names every unknown key at once', () => {
    expect(check({ foo: 1, linking: { bar: 2 } })).toThrow(
      /'sagemakerSecurity\.foo'.*; 'sagemakerSecurity\.linking\.bar'/,
    );
  });

  it('accepts every declared key, and sections other packages check', () => {
    expect(
      check({
        accounts: [{ accountId: '111122223333', regions: ['us-east-1'] }],
        regions: ['us-east-1'],
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 5 },
          scope: 'global',
        },
        scanLease: { heartbeat: '30s', expireAfter: { minutes: 5 } },
        concurrency: { perServiceRegion: 4, regions: 2 },
        rateLimits: { iam: 5 },
        aws: { maxAttempts: 8, endpoints: { s3: 'http://localhost:4566' } },
        linking: { componentTagKey: 'ml-service' },
        scoring: { gradeThresholds: { A: 95 }, unknownWeight: 0.5 },
        waivers: { maxDays: 30 },
        history: { retentionDays: 90 },
        validate: { failOn: 'high' },
      }),
    ).not.toThrow();
    expect(check(undefined)).not.toThrow();
  });
});
