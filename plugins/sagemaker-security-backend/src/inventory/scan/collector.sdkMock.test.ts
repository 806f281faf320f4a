import { GetRoleCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import {
  DescribeHyperParameterTuningJobCommand,
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  ListTrainingJobsCommand,
} from '@aws-sdk/client-sagemaker';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  FactKind,
  GLOBAL_REGION,
  RESOURCE_TYPES,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ACCOUNT,
  CMK_ARN,
  fullEstate,
  REGION,
  ROLE_ARN,
} from '../__testUtils__/fullEstate';
import { databaseOf } from '../__testUtils__/harness';
import {
  answerFromEstate,
  mockAllClients,
  regionOf,
  resetAllClients,
  staticCredentials,
} from '../__testUtils__/sdkMock';
import { awsError } from '../simulator/awsErrors';
import type { Estate } from '../simulator/estate';
import { createInventory } from './createInventory';

// Stubs `send` of every instance of the eight SDK clients the collector builds.
const mocks = mockAllClients();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Every fact kind; `satisfies` fails to compile when a kind is added. */
const FACT_KINDS = Object.keys({
  'iam-role': 1,
  'kms-key': 1,
  'kms-aliases': 1,
  's3-bucket': 1,
  'security-group': 1,
  subnet: 1,
  'vpc-endpoints': 1,
  cloudtrail: 1,
  'cloudwatch-alarms': 1,
  'log-groups': 1,
} satisfies Record<FactKind, 1>);

const arn = (resource: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${resource}`;

/** The real inventory (config, store, scan service, collector); AWS mocked. */
async function createScanner(regions: string[] = [REGION]) {
  const db = await databases.init('SQLITE_3');
  const inventory = await createInventory({
    config: new ConfigReader({
      sagemakerSecurity: {
        scanOnStartup: false,
        accounts: [{ accountId: ACCOUNT, regions }],
      },
    }),
    logger: mockServices.logger.mock(),
    database: databaseOf(db),
    awsCredentialsManager: staticCredentials,
  });
  const scan = async () => {
    const run = await inventory.scans.triggerScan({ trigger: 'manual' });
    return (await inventory.scans.waitForScan(run.id))!;
  };
  return { db, store: inventory.store, scan };
}

function withModelsSharingOneRole(estate: Estate, count: number): Estate {
  estate.accounts[0].regions[0].sagemaker.model = Array.from(
    { length: count },
    (_, i) => ({
      description: {
        ModelName: `m-${i}`,
        ModelArn: arn(`model/m-${i}`),
        CreationTime: new Date().toISOString(),
        ExecutionRoleArn: ROLE_ARN,
        PrimaryContainer: { ModelDataUrl: 's3://ml-artifacts/x' },
      },
    }),
  );
  return estate;
}

afterEach(() => resetAllClients(mocks));

describe('inventory collector (aws-sdk-client-mock)', () => {
  it('stores every resource type and every kind of related fact', async () => {
    answerFromEstate(mocks, fullEstate(), { pageSize: 2 });
    const { db, store, scan } = await createScanner();

    const result = await scan();

    expect(result.status).toBe('succeeded');
    expect(result.targets[0]).toMatchObject({
      status: 'succeeded',
      errorCount: 0,
    });
    const { items } = await store.listResources({ limit: 1000 });
    expect(new Set(items.map(i => i.type))).toEqual(new Set(RESOURCE_TYPES));
    expect(RESOURCE_TYPES).toHaveLength(22);

    const kinds = await db('inventory_facts').distinct('kind');
    expect(new Set(kinds.map(k => k.kind))).toEqual(new Set(FACT_KINDS));
    const withErrors = await db('inventory_facts')
      .select('kind', 'key', 'errors')
      .whereNot('errors', '[]');
    expect(withErrors).toEqual([]);

    const facts = await store.loadFacts([ACCOUNT]);
    expect(
      facts.get('iam-role', ACCOUNT, GLOBAL_REGION, ROLE_ARN)?.data,
    ).toMatchObject({
      roleName: 'SageMakerExecution',
      inlinePolicies: [{ policyName: 's3' }],
    });
    expect(facts.get('kms-key', ACCOUNT, REGION, CMK_ARN)?.data).toMatchObject({
      rotationEnabled: false,
      aliases: ['alias/ml-data'],
    });
  });

  it('follows NextToken over two pages of a listing', async () => {
    const estate = fullEstate();
    answerFromEstate(mocks, estate);
    const summaries = estate.accounts[0].regions[0].sagemaker[
      'notebook-instance'
    ]!.map(({ description: d }) => ({
      NotebookInstanceName: d.NotebookInstanceName,
      NotebookInstanceArn: d.NotebookInstanceArn,
      NotebookInstanceStatus: d.NotebookInstanceStatus,
      CreationTime: d.CreationTime,
    }));
    expect(summaries).toHaveLength(3);
    // Tokens as sent: the SDK paginator reuses its input object across pages.
    const tokens: Array<string | undefined> = [];
    mocks.sagemaker.on(ListNotebookInstancesCommand).callsFake(input => {
      tokens.push(input.NextToken);
      return input.NextToken === 'page-2'
        ? { NotebookInstances: summaries.slice(2) }
        : { NotebookInstances: summaries.slice(0, 2), NextToken: 'page-2' };
    });
    const { store, scan } = await createScanner();

    expect((await scan()).status).toBe('succeeded');

    expect(
      mocks.sagemaker.commandCalls(ListNotebookInstancesCommand),
    ).toHaveLength(2);
    expect(tokens).toEqual([undefined, 'page-2']);
    expect(
      mocks.sagemaker.commandCalls(DescribeNotebookInstanceCommand),
    ).toHaveLength(3);
    const { items } = await store.listResources({
      types: ['notebook-instance'],
    });
    expect(items.map(i => i.name).sort()).toEqual(['nb-1', 'nb-2', 'nb-3']);
  });

  it('records AccessDenied on the fact, naming the IAM action', async () => {
    answerFromEstate(mocks, fullEstate());
    // IAM's own error code; the message does not name the action.
    mocks.iam
      .on(GetRolePolicyCommand)
      .rejects(awsError('AccessDenied', 'Access denied', 403));
    const { store, scan } = await createScanner();

    const result = await scan();

    expect(result.status).toBe('partial');
    const role = (await store.loadFacts([ACCOUNT])).get(
      'iam-role',
      ACCOUNT,
      GLOBAL_REGION,
      ROLE_ARN,
    );
    expect(role?.errors).toEqual([
      expect.objectContaining({
        kind: 'access_denied',
        action: 'iam:GetRolePolicy',
        code: 'AccessDenied',
        message: expect.stringContaining('iam:GetRolePolicy'),
      }),
    ]);
    // Fail closed: the unread inline policy has no document, the rest is read.
    expect(role?.data?.inlinePolicies?.[0].document).toBeUndefined();
    expect(role?.data?.attachedPolicies?.[0].document).toBeDefined();
  });

  it('keeps one region when another fails entirely', async () => {
    const failing = 'eu-west-1';
    answerFromEstate(mocks, fullEstate(), {
      // IAM and S3 are account-wide (S3 also follows a bucket's region).
      fault: (service, region) =>
        region === failing && service !== 'iam' && service !== 's3'
          ? awsError(
              'UnrecognizedClientException',
              'The security token included in the request is invalid.',
              400,
            )
          : undefined,
    });
    const { store, scan } = await createScanner([REGION, failing]);

    const result = await scan();

    expect(result.status).toBe('partial');
    const byRegion = Object.fromEntries(result.targets.map(t => [t.region, t]));
    expect(byRegion[REGION]).toMatchObject({
      status: 'succeeded',
      errorCount: 0,
    });
    expect(byRegion[failing]).toMatchObject({
      status: 'failed',
      errors: [
        expect.objectContaining({
          kind: 'region_disabled',
          code: 'UnrecognizedClientException',
        }),
      ],
    });
    const { items } = await store.listResources({ limit: 1000 });
    expect(new Set(items.map(i => i.type))).toEqual(new Set(RESOURCE_TYPES));
    expect(items.every(i => i.region === REGION)).toBe(true);
    // The failed region cost one SageMaker call, not one per resource type.
    const regions = await Promise.all(
      mocks.sagemaker.calls().map(c => regionOf(() => c.thisValue)),
    );
    expect(regions.filter(r => r === failing)).toHaveLength(1);
  });

  it('reads a role shared by 50 models once', async () => {
    answerFromEstate(mocks, withModelsSharingOneRole(fullEstate(), 50), {
      pageSize: 10,
    });
    const { scan } = await createScanner();

    expect((await scan()).status).toBe('succeeded');

    expect(mocks.sagemaker.commandCalls(ListModelsCommand)).toHaveLength(5);
    expect(mocks.sagemaker.commandCalls(DescribeModelCommand)).toHaveLength(50);
    expect(mocks.iam.commandCalls(GetRoleCommand)).toHaveLength(1);
    expect(mocks.iam.commandCalls(GetRoleCommand)[0].args[0].input).toEqual({
      RoleName: 'SageMakerExecution',
    });
  });

  it('rescans without describing a completed job again', async () => {
    answerFromEstate(mocks, fullEstate());
    const { store, scan } = await createScanner();
    await scan();
    expect(
      mocks.sagemaker
        .commandCalls(DescribeTrainingJobCommand)
        .map(c => c.args[0].input.TrainingJobName)
        .sort(),
    ).toEqual(['train-done', 'train-running']);
    for (const mock of Object.values(mocks)) mock.resetHistory();

    const second = await scan();

    expect(second.status).toBe('succeeded');
    expect(mocks.sagemaker.commandCalls(ListTrainingJobsCommand)).toHaveLength(
      1,
    );
    // Only the InProgress job can still change.
    expect(
      mocks.sagemaker
        .commandCalls(DescribeTrainingJobCommand)
        .map(c => c.args[0].input.TrainingJobName),
    ).toEqual(['train-running']);
    const sm = mocks.sagemaker;
    expect(sm.commandCalls(DescribeProcessingJobCommand)).toHaveLength(0);
    expect(sm.commandCalls(DescribeTransformJobCommand)).toHaveLength(0);
    expect(
      sm.commandCalls(DescribeHyperParameterTuningJobCommand),
    ).toHaveLength(0);
    const job = await store.getResource(arn('training-job/train-done'));
    expect(job?.deletedAt).toBeUndefined();
    expect(job?.lastSeenAt).toBe(second.targets[0].startedAt);
    expect(job?.description.TrainingJobStatus).toBe('Completed');
  });

  // aws-sdk-client-mock replaces `send`, so the SDK's retry loop never runs
  // here: recovery by retries is tested inside it, through the simulator, in
  // collector.test.ts ('recovers from throttling through the SDK retry
  // strategy'). What this file can show: throttling that persists fails closed.
  it('records throttling that persists as throttled, never as a value', async () => {
    answerFromEstate(mocks, fullEstate());
    mocks.kms.on(GetKeyRotationStatusCommand).rejects(
      awsError('ThrottlingException', 'Rate exceeded', 400, {
        throttling: true,
      }),
    );
    const { store, scan } = await createScanner();

    const result = await scan();

    expect(result.status).toBe('partial');
    const key = (await store.loadFacts([ACCOUNT])).get(
      'kms-key',
      ACCOUNT,
      REGION,
      CMK_ARN,
    );
    expect(key?.data?.rotationEnabled).toBeUndefined();
    expect(key?.errors).toEqual([
      expect.objectContaining({
        kind: 'throttled',
        action: 'kms:GetKeyRotationStatus',
        field: 'rotationEnabled',
        code: 'ThrottlingException',
      }),
    ]);
  });
});
