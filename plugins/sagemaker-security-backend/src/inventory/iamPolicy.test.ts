import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RESOURCE_TYPE_DESCRIPTORS } from '@mlsec/plugin-sagemaker-security-common';
import { fullEstate } from './__testUtils__/fullEstate';
import { createHarness } from './__testUtils__/harness';
import { AwsService, iamActionOf } from './aws/actions';

const POLICY = resolve(__dirname, '../../iam-policy.json');

function policyActions(): Set<string> {
  const doc = JSON.parse(readFileSync(POLICY, 'utf8'));
  const actions = new Set<string>();
  for (const statement of doc.Statement) {
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    for (const action of statement.Action) actions.add(action);
  }
  return actions;
}

const PACKAGE_SERVICE: Record<string, AwsService> = {
  'client-sagemaker': 'sagemaker',
  'client-iam': 'iam',
  'client-kms': 'kms',
  'client-s3': 's3',
  'client-ec2': 'ec2',
  'client-cloudtrail': 'cloudtrail',
  'client-cloudwatch': 'cloudwatch',
  'client-cloudwatch-logs': 'logs',
  'client-guardduty': 'guardduty',
  // findings/: Security Hub findings, read when findings.securityHub.enabled.
  'client-securityhub': 'securityhub',
  // Bulk tag reads (collectors/tags.ts).
  'client-resource-groups-tagging-api': 'tag',
  // Only to find the main account's ID (see aws/credentials.ts).
  'client-sts': 'sts' as AwsService,
};

/**
 * Sent only with `findings.securityHub.enabled`, which the estate scan below
 * does not set; findings/securityHub/securityHub.moto.test.ts shows that a
 * scan with it sends exactly these.
 */
const SECURITY_HUB_ACTIONS = ['securityhub:GetFindings'];

/** Calls no IAM policy needs to allow (AWS: "No permissions are required"). */
const NEED_NO_GRANT = new Set(['sts:GetCallerIdentity']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // discovery/ lists the organisation through another role, with its
      // own policy (iam-policy-organizations.json, tested beside it).
      return name === 'simulator' ||
        name === '__testUtils__' ||
        name === 'discovery'
        ? []
        : sourceFiles(path);
    }
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every command (or paginator) the collector's source imports, as IAM actions. */
function importedActions(): Set<string> {
  const actions = new Set<string>();
  const imports =
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[\w-]+)'/g;
  for (const file of [
    ...sourceFiles(__dirname),
    ...sourceFiles(resolve(__dirname, '../findings')),
  ]) {
    for (const [, names, pkg] of readFileSync(file, 'utf8').matchAll(imports)) {
      for (const raw of names.split(',')) {
        const name = raw.trim();
        const command =
          /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (command) actions.add(iamActionOf(PACKAGE_SERVICE[pkg], command));
      }
    }
  }
  // The collectors send the list, describe and extra reads that the
  // registry's descriptors name (`paginate<List>`, `<Describe>Command`).
  for (const { api } of RESOURCE_TYPE_DESCRIPTORS) {
    for (const operation of [
      api.list,
      api.describe,
      ...(api.extraReads ?? []).map(read => read.operation),
    ]) {
      actions.add(iamActionOf('sagemaker', operation));
    }
  }
  return actions;
}

describe('least-privilege IAM policy (iam-policy.json)', () => {
  it('grants exactly the actions of the commands the collector imports', () => {
    const imported = new Set(
      [...importedActions()].filter(a => !NEED_NO_GRANT.has(a)),
    );
    const granted = policyActions();
    expect([...imported].filter(a => !granted.has(a))).toEqual([]);
    expect([...granted].filter(a => !imported.has(a))).toEqual([]);
  });

  it('grants exactly the actions scans and rescans of an estate with every type send, with bulk reads and without', async () => {
    const sent = new Set(SECURITY_HUB_ACTIONS);
    // Bulk reads replace List, Describe and ListTags where the cost model
    // prefers them, and fall back to them: both scans are what the code sends.
    // The first scan reads the roles one by one; a full rescan, knowing
    // them, reads the account's authorization details (facts/iamCostModel.ts).
    // A change-driven rescan (the plugin's default) reads event history.
    for (const bulkReads of [true, false]) {
      for (const changeDriven of [true, false]) {
        const h = await createHarness(fullEstate(), {
          config: { inventory: { bulkReads } },
          changeDriven,
        });
        for (const scan of [await h.scan(), await h.scan()]) {
          expect(scan.status).toBe('succeeded');
          Object.keys(scan.callCounts ?? {}).forEach(a => sent.add(a));
        }
      }
    }
    const granted = policyActions();
    expect([...sent].filter(a => !granted.has(a))).toEqual([]);
    expect([...granted].filter(a => !sent.has(a))).toEqual([]);
  });
});
