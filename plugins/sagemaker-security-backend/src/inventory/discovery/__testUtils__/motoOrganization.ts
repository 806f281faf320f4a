/**
 * An organisation in moto, built through the SDK: a root, nested OUs,
 * accounts placed in them and one closed (SUSPENDED) account; and the
 * account discovery of the plugin pointed at moto (or a front of it).
 */
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { readInventoryConfig } from '../../../config/inventoryConfig';
import { credentialRoutesFromConfig } from '../../aws/credentialRoutes';
import { createAccountDiscovery } from '../createDiscovery';

/** moto's own account: the organisation's management account. */
export const MANAGEMENT = '123456789012';
export const MAIN_KEY = 'mlsec-main-access-key';
export const MAIN_SECRET = 'mlsec-main-secret-key-do-not-show';
export const ORG_READER = `arn:aws:iam::${MANAGEMENT}:role/OrgReader`;

export interface MotoOrganization {
  rootId: string;
  ous: { ml: string; mlProd: string; mlProdEu: string; sandbox: string };
  /** Active accounts by where they are. */
  accounts: {
    inRoot: string;
    ml: string;
    mlProd: string;
    mlProdEu: string;
    sandbox: string;
  };
  /** Closed in ml-prod: SUSPENDED. */
  suspended: string;
}

/**
 * root ─┬─ ml ── ml-prod ── ml-prod-eu
 *       └─ sandbox
 * One active account in each (and one in the root besides the management
 * account), one suspended in ml-prod.
 */
export async function createMotoOrganization(
  url: string,
): Promise<MotoOrganization> {
  const client = new OrganizationsClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
  });
  try {
    await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const { Roots } = await client.send(new ListRootsCommand({}));
    const rootId = Roots![0].Id!;
    const ou = async (ParentId: string, Name: string) =>
      (
        await client.send(
          new CreateOrganizationalUnitCommand({ ParentId, Name }),
        )
      ).OrganizationalUnit!.Id!;
    const ml = await ou(rootId, 'ml');
    const mlProd = await ou(ml, 'ml-prod');
    const mlProdEu = await ou(mlProd, 'ml-prod-eu');
    const sandbox = await ou(rootId, 'sandbox');
    const account = async (name: string, parent?: string) => {
      const { CreateAccountStatus } = await client.send(
        new CreateAccountCommand({
          AccountName: name,
          Email: `${name}@example.com`,
        }),
      );
      const id = CreateAccountStatus!.AccountId!;
      if (parent) {
        await client.send(
          new MoveAccountCommand({
            AccountId: id,
            SourceParentId: rootId,
            DestinationParentId: parent,
          }),
        );
      }
      return id;
    };
    const accounts = {
      inRoot: await account('shared'),
      ml: await account('ml-dev', ml),
      mlProd: await account('ml-prod', mlProd),
      mlProdEu: await account('ml-prod-eu', mlProdEu),
      sandbox: await account('sandbox', sandbox),
    };
    const suspended = await account('ml-retired', mlProd);
    await client.send(new CloseAccountCommand({ AccountId: suspended }));
    return {
      rootId,
      ous: { ml, mlProd, mlProdEu, sandbox },
      accounts,
      suspended,
    };
  } finally {
    client.destroy();
  }
}

/** The main account's static keys: they assume the roles (through moto's STS). */
export const AWS_SECTION = {
  mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: MAIN_SECRET },
};

/**
 * The plugin's account discovery from config, as createInventory builds it,
 * with the Organizations and STS endpoints at `url`.
 */
export function discoveryAt(
  url: string,
  organizations: Record<string, unknown>,
  sagemakerSecurity: Record<string, unknown> = {},
) {
  const root = new ConfigReader({
    aws: AWS_SECTION,
    sagemakerSecurity: {
      regions: ['us-east-1'],
      aws: { maxAttempts: 2, endpoints: { organizations: url, sts: url } },
      discovery: {
        organizations: {
          roleArn: ORG_READER,
          memberRoleName: 'SageMakerSecurityScanner',
          ...organizations,
        },
      },
      ...sagemakerSecurity,
    },
  });
  const config = readInventoryConfig(root);
  const logger = mockServices.logger.mock();
  const discovery = createAccountDiscovery({
    root,
    config,
    base: {
      manager: DefaultAwsCredentialsManager.fromConfig(root),
      routes: credentialRoutesFromConfig(root),
    },
    logger,
    clientOptions: { retryTuning: { baseDelayMs: 1, minFillRate: 1000 } },
  })!;
  return { ...discovery, logger };
}
