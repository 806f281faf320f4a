import {
  CheckOutcome,
  CollectionError,
  FactDataByKind,
  FactKind,
  FactLookup,
  GLOBAL_REGION,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { deriveFor, deriveFromFact } from '../../engine/derived';
import { CheckContext } from '../../types';
import { LinkedValue } from './links';
import { notApplicable, unknown } from './outcomes';
import { describeError } from './resourceErrors';

/** The call whose result a fact records: named when the fact was not collected. */
export const FACT_ACTIONS: Record<FactKind, string> = {
  'iam-role': 'iam:GetRole',
  'kms-key': 'kms:DescribeKey',
  'kms-aliases': 'kms:ListAliases',
  's3-bucket': 's3:ListBucket',
  'security-group': 'ec2:DescribeSecurityGroups',
  subnet: 'ec2:DescribeSubnets',
  'vpc-endpoints': 'ec2:DescribeVpcEndpoints',
  cloudtrail: 'cloudtrail:DescribeTrails',
  'cloudwatch-alarms': 'cloudwatch:DescribeAlarms',
  'log-groups': 'logs:DescribeLogGroups',
  guardduty: 'guardduty:ListDetectors',
};

const FACT_LABELS: Record<FactKind, string> = {
  'iam-role': 'IAM role',
  'kms-key': 'KMS key',
  'kms-aliases': 'KMS aliases',
  's3-bucket': 'S3 bucket',
  'security-group': 'Security group',
  subnet: 'Subnet',
  'vpc-endpoints': 'VPC endpoints of VPC',
  cloudtrail: 'CloudTrail trails',
  'cloudwatch-alarms': 'CloudWatch alarms',
  'log-groups': 'CloudWatch log groups',
  guardduty: 'GuardDuty detectors',
};

/** `GLOBAL_REGION`, read once. */
const ACCOUNT_WIDE = GLOBAL_REGION;

/** IAM roles and S3 buckets are account-wide facts. */
export function factRegion(kind: FactKind, resourceRegion: string): string {
  return kind === 'iam-role' || kind === 's3-bucket'
    ? ACCOUNT_WIDE
    : resourceRegion;
}

export type FactRead<K extends FactKind> =
  | { ok: true; data: FactDataByKind[K]; fact: RelatedFact<K> }
  | { ok: false; outcome: CheckOutcome };

function subject(kind: FactKind, key: string): string {
  return key === '-' ? FACT_LABELS[kind] : `${FACT_LABELS[kind]} ${key}`;
}

/**
 * `facts.get(kind, accountId, region, key)`, asked once per lookup: a
 * `FactLookup` reads the facts of one scan, a snapshot that does not change,
 * while thousands of resources ask it for the same few roles, keys and
 * buckets.
 */
const lookupFact = deriveFromFact(
  'fact of a lookup',
  (
    facts: FactLookup,
    kind: FactKind,
    accountId: string,
    region: string,
    key: string,
  ): RelatedFact | undefined => facts.get(kind, accountId, region, key),
);

/** The read of a collected fact: one object per fact (shared: do not modify). */
const readOf = deriveFromFact(
  'read of a fact',
  (fact: RelatedFact): FactRead<FactKind> => ({
    ok: true,
    data: fact.data!,
    fact,
  }),
);

/**
 * Reads a related fact of the resource's account (and region, unless the kind
 * is account-wide). Not collected: `unknown` in a live scan, `not_applicable`
 * in pre-deploy (iac) validation, where an undeclared fact is outside the code
 * under review and is judged by the next live scan. Collected without data:
 * `unknown` naming each failed call.
 */
export function readFact<K extends FactKind>(
  context: CheckContext,
  kind: K,
  key: string,
): FactRead<K> {
  const { resource } = context;
  const fact = lookupFact(
    context,
    context.facts,
    kind,
    resource.accountId,
    factRegion(kind, resource.region),
    key,
  );
  if (!fact) {
    if (context.mode === 'iac') {
      return {
        ok: false,
        outcome: notApplicable(
          `${subject(
            kind,
            key,
          )} is not declared in the infrastructure code; the live scan checks it.`,
        ),
      };
    }
    return {
      ok: false,
      outcome: unknown(`${subject(kind, key)} was not collected.`, [
        FACT_ACTIONS[kind],
      ]),
    };
  }
  if (fact.data === undefined) {
    const reasons = fact.errors.map(describeError).join('; ');
    return {
      ok: false,
      outcome: unknown(
        `${subject(kind, key)} could not be read${
          reasons ? `: ${reasons}` : ''
        }.`,
        fact.errors.length > 0
          ? fact.errors.map(error => error.action)
          : [FACT_ACTIONS[kind]],
      ),
    };
  }
  return readOf(context, fact as RelatedFact) as FactRead<K>;
}

const readOnce = deriveFor<FactKind, string, FactRead<FactKind>>(
  'fact read',
  readFact,
);

/**
 * `readFact`, read once per evaluation of the resource and shared by its
 * checks (e.g. the execution role read by every role check).
 */
export function readFactOnce<K extends FactKind>(
  context: CheckContext,
  kind: K,
  key: string,
): FactRead<K> {
  return readOnce(context, kind, key) as FactRead<K>;
}

/**
 * What identifies the facts of `kind` a resource links to under these values
 * (and paths, with `withPaths`; and `extra`), as parts of a sharing key (see
 * `deriveKey`): resources with the same parts may share a judgment of them.
 * Undefined when a fact could not be read, or reading throws (malformed
 * facts): callers then read item by item, as they judge.
 */
export function linkedFactParts<K extends FactKind>(
  context: CheckContext,
  kind: K,
  linked: LinkedValue[],
  withPaths: boolean,
  extra?: unknown,
): unknown[] | undefined {
  if (linked.length === 0) {
    return undefined;
  }
  const width = withPaths ? 3 : 2;
  const parts: unknown[] = new Array(
    linked.length * width + (extra === undefined ? 0 : 1),
  );
  try {
    for (let i = 0; i < linked.length; i++) {
      const item = linked[i];
      const read = readFactOnce(context, kind, item.value);
      if (!read.ok) {
        return undefined;
      }
      parts[i * width] = read.fact;
      parts[i * width + 1] = item.value;
      if (withPaths) {
        parts[i * width + 2] = item.path;
      }
    }
  } catch {
    return undefined;
  }
  if (extra !== undefined) {
    parts[parts.length - 1] = extra;
  }
  return parts;
}

/**
 * `unknown` for a field of a collected fact that is absent: names the error
 * recorded for it (by field or by action), else `fallbackAction`.
 */
export function factFieldUnknown(
  fact: { errors: CollectionError[] },
  field: string,
  fallbackAction: string,
  what: string,
): CheckOutcome {
  const error = fact.errors.find(
    e =>
      e.field === field ||
      e.action.toLowerCase() === fallbackAction.toLowerCase(),
  );
  return error
    ? unknown(`${what} could not be read: ${describeError(error)}.`, [
        error.action,
      ])
    : unknown(`${what} was not collected.`, [fallbackAction]);
}
