import type { Config } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { InputError } from '@backstage/errors';
import { ROOT } from './fail';

/**
 * The shape of `sagemakerSecurity` as `config.d.ts` declares it: `value` is
 * a leaf its reader checks; `checked` a section whose reader already names
 * unknown keys (or that another package of the suite owns); objects and
 * one-element arrays (every item) are walked.
 */
export type KeyShape =
  | 'value'
  | 'checked'
  | { [key: string]: KeyShape }
  | [KeyShape];

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];
const GRADES = ['A', 'B', 'C', 'D', 'E'];
const values = (keys: string[]) =>
  Object.fromEntries(keys.map(k => [k, 'value' as const]));

export const SAGEMAKER_SECURITY_KEYS: { [key: string]: KeyShape } = {
  accounts: [values(['accountId', 'regions'])],
  regions: 'value',
  discovery: {
    organizations: values([
      'roleArn',
      'memberRoleName',
      'organizationalUnits',
      'includeAccounts',
      'excludeAccounts',
      'regions',
    ]),
  },
  demoEstate: 'value',
  schedule: values(['frequency', 'timeout', 'initialDelay', 'scope']),
  scanLease: values(['heartbeat', 'expireAfter']),
  scanOnStartup: 'value',
  jobLookbackDays: 'value',
  concurrency: values(['perServiceRegion', 'regions']),
  inventory: values(['bulkReads']),
  // readRateLimits names an unknown API family.
  rateLimits: 'checked',
  tagRefreshHours: 'value',
  completedJobTagRefreshHours: 'value',
  fullRefreshHours: 'value',
  // readEndpoints names an unknown service.
  aws: { maxAttempts: 'value', endpoints: 'checked' },
  linking: values(['componentTagKey', 'ownerTagKeys', 'systemTagKey']),
  scoring: {
    severityWeights: values(SEVERITIES),
    gradeThresholds: values(GRADES),
    ...values([
      'unknownWeight',
      'warnWeight',
      'criticalFailureCap',
      'highFailureCap',
    ]),
  },
  waivers: values(['maxDays', 'securityGroups', 'requireApproval']),
  notifications: values([
    'enabled',
    'gradeDrop',
    'newFindingSeverities',
    'waiverExpiryDays',
  ]),
  history: values(['retentionDays']),
  permissions: values(['decisionCacheSeconds']),
  // The scaffolder module's pre-deploy validation; it reads and checks it.
  validate: 'checked',
  findings: {
    securityHub: values(['enabled']),
    prowler: values(['maxUploadMegabytes']),
  },
};

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length];
}

function unknownKey(path: string, key: string, known: string[]): string {
  const close = known
    .map(k => ({ k, d: distance(key, k) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(key.length / 3)))
    .sort((x, y) => x.d - y.d)[0];
  const hint = close ? `did you mean '${close.k}'? ` : '';
  return `'${path}.${key}' is not a known key (${hint}expected one of ${known.join(
    ', ',
  )})`;
}

const isObject = (v: JsonValue | undefined): v is { [k: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(
  value: JsonValue | undefined,
  shape: KeyShape,
  path: string,
  problems: string[],
) {
  if (value === undefined || value === null) return;
  if (shape === 'value' || shape === 'checked') return;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) {
      problems.push(`'${path}' must be a list`);
      return;
    }
    value.forEach((item, i) => walk(item, shape[0], `${path}[${i}]`, problems));
    return;
  }
  if (!isObject(value)) {
    problems.push(`'${path}' must be an object`);
    return;
  }
  const known = Object.keys(shape);
  for (const [key, child] of Object.entries(value)) {
    if (key in shape) walk(child, shape[key], `${path}.${key}`, problems);
    else problems.push(unknownKey(path, key, known));
  }
}

/**
 * Fails start-up on keys of `sagemakerSecurity` that no package of the suite
 * reads (a misspelt `acounts` or `concurrency.region` would otherwise be
 * ignored and silently change what is scanned), naming every such key.
 */
export function assertKnownKeys(root: Config): void {
  const section = root.getOptional(ROOT);
  const problems: string[] = [];
  walk(section, SAGEMAKER_SECURITY_KEYS, ROOT, problems);
  if (problems.length > 0) {
    throw new InputError(`Invalid config: ${problems.join('; ')}`);
  }
}
