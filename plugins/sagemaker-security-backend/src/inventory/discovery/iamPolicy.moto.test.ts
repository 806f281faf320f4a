/**
 * The policy of the role that lists the organisation
 * (iam-policy-organizations.json) grants exactly the calls discovery can
 * send: those its source imports, and those it sends to moto in both
 * listing modes (the whole organisation; OUs with nested OUs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startMoto, MotoServer } from '../__testUtils__/moto';
import {
  createMotoOrganization,
  discoveryAt,
} from './__testUtils__/motoOrganization';

jest.setTimeout(120_000);

const POLICY = resolve(__dirname, '../../../iam-policy-organizations.json');

function policyActions(): Set<string> {
  const doc = JSON.parse(readFileSync(POLICY, 'utf8'));
  const actions = new Set<string>();
  for (const statement of doc.Statement) {
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    for (const action of statement.Action) actions.add(action);
  }
  return actions;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__testUtils__' ? [] : sourceFiles(path);
    }
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every Organizations command or paginator discovery's source imports, as IAM actions. */
function importedActions(): Set<string> {
  const actions = new Set<string>();
  const imports =
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-organizations'/g;
  for (const file of sourceFiles(__dirname)) {
    for (const [, names] of readFileSync(file, 'utf8').matchAll(imports)) {
      for (const raw of names.split(',')) {
        const name = raw.trim();
        const command =
          /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (command) actions.add(`organizations:${command}`);
      }
    }
  }
  return actions;
}

const difference = (a: Set<string>, b: Set<string>) =>
  [...a].filter(x => !b.has(x));

describe('least-privilege IAM policy of account discovery (iam-policy-organizations.json)', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);

  afterAll(async () => {
    await moto?.stop();
  });

  it('grants exactly the actions of the Organizations commands discovery imports', () => {
    const imported = importedActions();
    const granted = policyActions();
    expect(imported.size).toBeGreaterThan(0);
    expect(difference(imported, granted)).toEqual([]);
    expect(difference(granted, imported)).toEqual([]);
  });

  it('grants exactly the actions discovery sends, listing the whole organisation and nested OUs', async () => {
    const org = await createMotoOrganization(moto.url);
    const sent = new Set<string>();
    for (const filter of [{}, { organizationalUnits: [org.ous.ml] }]) {
      const { discovery } = discoveryAt(moto.url, filter);
      expect(await discovery.refresh()).toMatchObject({ status: 'succeeded' });
      for (const action of Object.keys(discovery.calls.counts)) {
        sent.add(action);
      }
    }
    const granted = policyActions();
    expect(difference(sent, granted)).toEqual([]);
    expect(difference(granted, sent)).toEqual([]);
  });
});
