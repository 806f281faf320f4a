/**
 * The naive baseline: what public scanners do. One call at a time; every
 * resource listed and described on every run (no completed-job cache);
 * every related fact read again for every reference (no dedup); everything
 * held in memory until the run ends, then stored as a new snapshot (no
 * upsert), as a facts table that appends each retrieval does. It uses the
 * same SDK clients, retry strategy, resource specs and simulated AWS as the
 * real collector: only the strategy differs.
 */
import { paginateListTags } from '@aws-sdk/client-sagemaker';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  paginateListAliases,
} from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetDetectorCommand,
  paginateListDetectors,
} from '@aws-sdk/client-guardduty';
import type { Knex } from 'knex';
import type { HttpHandler } from '@smithy/protocol-http';
import {
  AccountClients,
  AwsClientFactory,
} from '../../src/inventory/aws/clients';
import { RESOURCE_SPECS } from '../../src/inventory/collectors';
import { References } from '../../src/inventory/facts';
import { staticCredentials, ScannerTargets } from '../scanner/ourScanner';

const TABLE = 'naive_snapshots';

interface Row {
  scan: number;
  kind: string;
  key: string;
  body: string;
}

/** Runs a call; a failure is kept as the record's body (the scanner goes on). */
async function read(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (error) {
    return { error: (error as Error).name };
  }
}

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function readRole(clients: AccountClients, region: string, arn: string) {
  const iam = clients.iam(region);
  const RoleName = arn.split('/').pop()!;
  const role = await read(() => iam.send(new GetRoleCommand({ RoleName })));
  const attached = (await read(() =>
    iam.send(new ListAttachedRolePoliciesCommand({ RoleName })),
  )) as { AttachedPolicies?: Array<{ PolicyArn?: string }> };
  const documents = [];
  for (const { PolicyArn } of attached.AttachedPolicies ?? []) {
    const policy = (await read(() =>
      iam.send(new GetPolicyCommand({ PolicyArn })),
    )) as { Policy?: { DefaultVersionId?: string } };
    documents.push(
      await read(() =>
        iam.send(
          new GetPolicyVersionCommand({
            PolicyArn,
            VersionId: policy.Policy?.DefaultVersionId,
          }),
        ),
      ),
    );
  }
  const inline = (await read(() =>
    iam.send(new ListRolePoliciesCommand({ RoleName })),
  )) as { PolicyNames?: string[] };
  for (const PolicyName of inline.PolicyNames ?? []) {
    documents.push(
      await read(() =>
        iam.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
      ),
    );
  }
  return { role, attached, inline, documents };
}

async function readKey(clients: AccountClients, region: string, KeyId: string) {
  const kms = clients.kms(region);
  const key = await read(() => kms.send(new DescribeKeyCommand({ KeyId })));
  const arn =
    (key as { KeyMetadata?: { Arn?: string } }).KeyMetadata?.Arn ?? KeyId;
  const rotation = await read(() =>
    kms.send(new GetKeyRotationStatusCommand({ KeyId: arn })),
  );
  const policy = await read(() =>
    kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' })),
  );
  return { key, rotation, policy };
}

async function readBucket(
  clients: AccountClients,
  region: string,
  Bucket: string,
) {
  const location = (await read(() =>
    clients.s3(region).send(new GetBucketLocationCommand({ Bucket })),
  )) as { LocationConstraint?: string };
  const s3 = clients.s3(location.LocationConstraint || 'us-east-1');
  return {
    location,
    encryption: await read(() =>
      s3.send(new GetBucketEncryptionCommand({ Bucket })),
    ),
    policy: await read(() => s3.send(new GetBucketPolicyCommand({ Bucket }))),
    publicAccess: await read(() =>
      s3.send(new GetPublicAccessBlockCommand({ Bucket })),
    ),
  };
}

/** Every related fact of one resource, read again for this reference. */
async function readReferences(
  clients: AccountClients,
  region: string,
  description: unknown,
) {
  const refs = new References();
  refs.addFrom(description);
  const ec2 = clients.ec2(region);
  const facts: Record<string, unknown> = {};
  for (const arn of refs.roles) {
    facts[arn] = await readRole(clients, region, arn);
  }
  for (const key of refs.kmsKeys) {
    facts[key] = await readKey(clients, region, key);
  }
  for (const bucket of refs.buckets) {
    facts[bucket] = await readBucket(clients, region, bucket);
  }
  for (const id of refs.securityGroups) {
    facts[id] = await read(() =>
      ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })),
    );
  }
  for (const id of refs.subnets) {
    const subnet = (await read(() =>
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: [id] })),
    )) as { Subnets?: Array<{ VpcId?: string }> };
    const vpcId = subnet.Subnets?.[0]?.VpcId ?? '-';
    facts[id] = {
      subnet,
      routes: await read(() =>
        ec2.send(
          new DescribeRouteTablesCommand({
            Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
          }),
        ),
      ),
      endpoints: await read(() =>
        ec2.send(
          new DescribeVpcEndpointsCommand({
            Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
          }),
        ),
      ),
    };
  }
  return facts;
}

async function readRegion(clients: AccountClients, region: string) {
  const trails = (await read(() =>
    clients.cloudtrail(region).send(new DescribeTrailsCommand({})),
  )) as { trailList?: Array<{ TrailARN?: string; HomeRegion?: string }> };
  const trailDetails = [];
  for (const t of trails.trailList ?? []) {
    const client = clients.cloudtrail(t.HomeRegion ?? region);
    trailDetails.push({
      status: await read(() =>
        client.send(new GetTrailStatusCommand({ Name: t.TrailARN })),
      ),
      selectors: await read(() =>
        client.send(new GetEventSelectorsCommand({ TrailName: t.TrailARN })),
      ),
    });
  }
  const detectors = (await read(() =>
    all(paginateListDetectors({ client: clients.guardduty(region) }, {})),
  )) as Array<{ DetectorIds?: string[] }> | { error: string };
  const detectorDetails = [];
  for (const id of Array.isArray(detectors)
    ? detectors.flatMap(page => page.DetectorIds ?? [])
    : []) {
    detectorDetails.push(
      await read(() =>
        clients
          .guardduty(region)
          .send(new GetDetectorCommand({ DetectorId: id })),
      ),
    );
  }
  return {
    detectors,
    detectorDetails,
    aliases: await read(() =>
      all(paginateListAliases({ client: clients.kms(region) }, {})),
    ),
    trails,
    trailDetails,
    alarms: await read(() =>
      all(paginateDescribeAlarms({ client: clients.cloudwatch(region) }, {})),
    ),
    logGroups: await read(() =>
      all(
        paginateDescribeLogGroups(
          { client: clients.logs(region) },
          { logGroupNamePrefix: '/aws/sagemaker/' },
        ),
      ),
    ),
  };
}

export class NaiveScanner {
  private readonly factory: AwsClientFactory;
  private readonly db: Knex;
  private scans = 0;
  private last: Row[] = [];

  constructor(
    private readonly options: {
      db: Knex;
      targets: ScannerTargets;
      requestHandler: HttpHandler<any>;
    },
  ) {
    this.factory = new AwsClientFactory({
      credentialsManager: staticCredentials(
        options.targets.accounts.map(a => a.accountId),
      ),
      maxAttempts: 8,
      concurrencyPerServiceRegion: 1,
      requestHandler: options.requestHandler,
    });
    this.db = options.db;
  }

  private async ensureTable() {
    if (await this.db.schema.hasTable(TABLE)) return;
    await this.db.schema.createTable(TABLE, table => {
      table.integer('scan').notNullable();
      table.string('kind').notNullable();
      table.string('key').notNullable();
      table.text('body').notNullable();
      table.index(['scan', 'kind']);
    });
  }

  /** One full run; returns the number of records it stored. */
  async scan(): Promise<number> {
    const scan = ++this.scans;
    const rows: Row[] = [];
    for (const { accountId, regions } of this.options.targets.accounts) {
      const clients = await this.factory.forAccount(accountId);
      for (const region of regions) {
        const sagemaker = clients.sagemaker(region);
        for (const spec of RESOURCE_SPECS) {
          for await (const page of spec.pages(sagemaker, {})) {
            for (const summary of page) {
              const { arn } = spec.identify(summary, { accountId, region });
              const description = (await read(() =>
                spec.describe(sagemaker, summary),
              )) as Record<string, unknown>;
              if (spec.enrich) {
                await read(() => spec.enrich!(sagemaker, description, arn));
              }
              const tags = await read(() =>
                all(
                  paginateListTags(
                    { client: sagemaker, pageSize: 100 },
                    { ResourceArn: arn },
                  ),
                ),
              );
              const facts = await readReferences(clients, region, description);
              rows.push({
                scan,
                kind: spec.type,
                key: arn,
                body: JSON.stringify({ description, tags, facts }),
              });
            }
          }
        }
        rows.push({
          scan,
          kind: 'region',
          key: `${accountId}/${region}`,
          body: JSON.stringify(await readRegion(clients, region)),
        });
      }
      clients.destroy();
    }
    await this.store(rows);
    this.last = rows;
    return rows.length;
  }

  /** Stores the last run's records again as a new snapshot (a rescan that found no change). */
  async storeAgain(): Promise<void> {
    const scan = ++this.scans;
    await this.store(this.last.map(row => ({ ...row, scan })));
  }

  private async store(rows: Row[]) {
    await this.ensureTable();
    for (let i = 0; i < rows.length; i += 200) {
      await this.db(TABLE).insert(rows.slice(i, i + 200));
    }
  }

  close() {
    return this.db.destroy();
  }
}
