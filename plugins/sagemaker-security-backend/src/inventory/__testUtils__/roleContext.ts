import { mockServices } from '@backstage/backend-test-utils';
import type { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import { AccountClients, CallCounter } from '../aws/clients';
import { CollectContext, TargetReport } from '../collectors/context';
import { FactCache } from '../facts/FactCache';
import { References } from '../facts/references';
import type { ScanningInventoryStore } from '../InventoryStore';
import { AwsSimulator } from '../simulator/AwsSimulator';
import type { EstateAccount } from '../simulator/estate';

export const ROLES_ACCOUNT = '111111111111';
const KEY = 'AKIAROLESTESTKEY0001';

export const roleArn = (name: string, account = ROLES_ACCOUNT) =>
  `arn:aws:iam::${account}:role/${name}`;
export const encode = (doc: object) => encodeURIComponent(JSON.stringify(doc));

/** An IAM `Role` as GetRole returns it. */
export const role = (name: string, extra: Record<string, unknown> = {}) => ({
  RoleName: name,
  Arn: roleArn(name),
  RoleId: `AROA${name.toUpperCase()}`,
  Path: '/',
  CreateDate: '2026-01-01T00:00:00Z',
  ...extra,
});

/**
 * Collect contexts over real IAM clients whose transport is the AWS
 * simulator (IAM's Query protocol on the wire), answering from `account`.
 * `target(region)` makes one target's context; targets of one set share
 * the scan's FactCache and the stored facts, as in a scan.
 */
export function roleContexts(
  account: Partial<EstateAccount>,
  options: {
    bulkReads?: boolean;
    pageSize?: number;
    /** Store reads the IAM cost model asks for (absent: unknown). */
    store?: Partial<ScanningInventoryStore>;
  } = {},
) {
  const simulator = new AwsSimulator(
    {
      name: 'roles',
      accounts: [{ accountId: ROLES_ACCOUNT, regions: [], ...account }],
    },
    {
      accessKeys: { [KEY]: ROLES_ACCOUNT },
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    },
  );
  const stored: Array<RelatedFact<'iam-role'>> = [];
  const store = {
    ...options.store,
    upsertFacts: async (facts: Array<RelatedFact<'iam-role'>>) => {
      stored.push(...facts);
    },
  } as unknown as ScanningInventoryStore;
  const facts = new FactCache();
  const target = (region = 'us-east-1', roles: string[] = []) => {
    const refs = new References();
    roles.forEach(r => refs.roles.add(r));
    const ctx: CollectContext = {
      target: { accountId: ROLES_ACCOUNT, region },
      clients: new AccountClients(
        ROLES_ACCOUNT,
        async () => ({ accessKeyId: KEY, secretAccessKey: 'test' }),
        {
          credentialsManager: {} as any,
          maxAttempts: 1,
          concurrencyPerServiceRegion: 2,
          requestHandler: simulator,
        },
        new CallCounter(),
      ),
      store,
      seenAt: new Date().toISOString(),
      jobLookbackDays: 30,
      refs,
      facts,
      report: new TargetReport(),
      logger: mockServices.logger.mock(),
      // Bulk reads are on unless switched off, as in the plugin's default.
      ...(options.bulkReads === false ? {} : { bulkReads: {} }),
    };
    return ctx;
  };
  return { target, stored, simulator };
}
