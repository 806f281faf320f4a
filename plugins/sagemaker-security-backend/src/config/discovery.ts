import type { Config } from '@backstage/config';
import { fail } from './fail';
import { ACCOUNT_ID, readRegion } from './regions';

/** `sagemakerSecurity.discovery.organizations`, validated. */
export interface DiscoveryConfig {
  /** The role in the management or delegated-administrator account that lists the organisation. */
  roleArn: string;
  /** Its account, partition and name, parsed from `roleArn`. */
  role: { accountId: string; partition: string; name: string };
  /** The region of the Organizations endpoint of the role's partition. */
  organizationsRegion: string;
  /** Role assumed in each discovered account: `arn:<partition>:iam::<account>:role/<memberRoleName>`. */
  memberRoleName: string;
  /** OU (or root) ids whose accounts, nested OUs included, are scanned; empty: the whole organisation. */
  organizationalUnits: string[];
  /** When not empty, only these of the discovered accounts are scanned. */
  includeAccounts: string[];
  /** Discovered accounts never scanned (a hand-listed one still is). */
  excludeAccounts: string[];
  /** Regions scanned in each discovered account. */
  regions: string[];
}

const KEY = 'discovery.organizations';

/** arn:<partition>:iam::<account>:role/<optional path/>name */
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/;
/** An IAM role name, optionally with a path (`path/name`). */
const ROLE_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
/** An OU id (`ou-<root>-<suffix>`) or a root id (`r-<id>`), as AWS Organizations writes them. */
const PARENT_ID = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

/** Organizations is a global service served from one region per partition. */
const ORGANIZATIONS_REGION: Record<string, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-northwest-1',
  'aws-us-gov': 'us-gov-west-1',
};

function readAccountList(config: Config, key: string): string[] {
  const ids = config.getOptionalStringArray(key) ?? [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!ACCOUNT_ID.test(id)) {
      fail(`${KEY}.${key}[${i}]`, `'${id}' is not a 12-digit account ID`);
    }
    if (seen.has(id)) {
      fail(`${KEY}.${key}[${i}]`, `account ${id} is listed twice`);
    }
    seen.add(id);
  });
  return ids;
}

/**
 * Reads `sagemakerSecurity.discovery.organizations`; undefined when absent.
 * Every error names its key. `defaultRegions` are `sagemakerSecurity.regions`.
 */
export function readDiscovery(
  config: Config,
  defaultRegions: string[],
): DiscoveryConfig | undefined {
  const section = config.getOptionalConfig(KEY);
  if (!section) return undefined;

  if (!section.has('roleArn')) {
    fail(
      `${KEY}.roleArn`,
      'missing: the ARN of a role in the management or delegated-administrator account that may list the organisation',
    );
  }
  const roleArn = section.getString('roleArn');
  const parsed = ROLE_ARN.exec(roleArn);
  if (!parsed) {
    fail(
      `${KEY}.roleArn`,
      `'${roleArn}' is not an IAM role ARN (expected arn:aws:iam::<12-digit account>:role/<name>)`,
    );
  }
  const [, partition, accountId, name] = parsed;

  if (!section.has('memberRoleName')) {
    fail(
      `${KEY}.memberRoleName`,
      'missing: the name of the role to assume in each discovered account',
    );
  }
  const memberRoleName = section.getString('memberRoleName');
  if (!ROLE_NAME.test(memberRoleName) || memberRoleName.startsWith('arn:')) {
    fail(
      `${KEY}.memberRoleName`,
      `'${memberRoleName}' is not an IAM role name (a name, not an ARN; e.g. 'SageMakerSecurityScanner')`,
    );
  }

  const organizationalUnits =
    section.getOptionalStringArray('organizationalUnits') ?? [];
  organizationalUnits.forEach((id, i) => {
    if (!PARENT_ID.test(id)) {
      fail(
        `${KEY}.organizationalUnits[${i}]`,
        `'${id}' is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)`,
      );
    }
  });

  const includeAccounts = readAccountList(section, 'includeAccounts');
  const excludeAccounts = readAccountList(section, 'excludeAccounts');
  const excluded = new Set(excludeAccounts);
  const both = includeAccounts.findIndex(id => excluded.has(id));
  if (both >= 0) {
    fail(
      `${KEY}.includeAccounts[${both}]`,
      `account ${includeAccounts[both]} is also in excludeAccounts`,
    );
  }

  const own = section.getOptionalStringArray('regions');
  const regions = own
    ? own.map((r, i) => readRegion(r, `${KEY}.regions[${i}]`))
    : defaultRegions;
  if (regions.length === 0) {
    fail(
      `${KEY}.regions`,
      "discovered accounts have no regions to scan; set it or 'sagemakerSecurity.regions'",
    );
  }

  return {
    roleArn,
    role: { accountId, partition, name },
    organizationsRegion: ORGANIZATIONS_REGION[partition],
    memberRoleName,
    organizationalUnits: [...new Set(organizationalUnits)],
    includeAccounts,
    excludeAccounts,
    regions: [...new Set(regions)],
  };
}
