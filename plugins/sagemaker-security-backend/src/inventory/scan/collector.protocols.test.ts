/**
 * The collector against AWS answers in each service's own protocol: the
 * simulator is the SDK clients' HTTP transport, so every answer below goes
 * through the SDK's serializers, deserializers, error classes and retry
 * strategy, as against AWS. Runs on SQLite and PostgreSQL.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  FactKind,
  GLOBAL_REGION,
  RESOURCE_TYPES,
} from '@mlsec/plugin-sagemaker-security-common';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { CheckEngine } from '../../checks/CheckEngine';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { DatabaseHistoryStore } from '../../history/DatabaseHistoryStore';
import {
  ACCOUNT,
  CMK_ARN,
  fullEstate,
  REGION,
  ROLE_ARN,
} from '../__testUtils__/fullEstate';
import { createHarness, PER_RESOURCE_READS } from '../__testUtils__/harness';
import { awsError } from '../simulator/awsErrors';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

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
  guardduty: 1,
} satisfies Record<FactKind, 1>);

const arn = (resource: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${resource}`;

describe('inventory collector, every answer in its protocol', () => {
  it.each(databases.eachSupportedId())(
    'stores every resource type and every kind of related fact, %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      // The List path's answers (Search and GetResources: bulkReads.test.ts).
      const h = await createHarness(fullEstate(), {
        db,
        config: PER_RESOURCE_READS,
      });

      const result = await h.scan();

      expect(result.status).toBe('succeeded');
      expect(result.targets[0]).toMatchObject({
        status: 'succeeded',
        errorCount: 0,
      });
      const { items } = await h.store.listResources({ limit: 1000 });
      expect(new Set(items.map(i => i.type))).toEqual(new Set(RESOURCE_TYPES));
      expect(RESOURCE_TYPES).toHaveLength(33);
      const kinds = await db('inventory_facts').distinct('kind');
      expect(new Set(kinds.map(k => k.kind))).toEqual(new Set(FACT_KINDS));
      const withErrors = await db('inventory_facts')
        .select('kind', 'key', 'errors')
        .whereNot('errors', '[]');
      expect(withErrors).toEqual([]);
      // Every answer fitted the SDK model: nothing of the estate was dropped
      // but what AWS does not send (a pipeline summary has no status).
      expect([...h.simulator.unmodelled]).toEqual([
        'sagemaker:ListPipelines $.PipelineSummaries[].PipelineStatus',
      ]);
      // Credentials: the real credentials manager assumed the role through
      // the simulator's STS, once per SDK client (each resolves its own).
      expect(h.simulator.callCounts['sts:AssumeRole']).toBeGreaterThan(0);
      const facts = await h.store.loadFacts([ACCOUNT]);
      expect(
        facts.get('kms-key', ACCOUNT, REGION, CMK_ARN)?.data,
      ).toMatchObject({ rotationEnabled: false, aliases: ['alias/ml-data'] });
      await db.destroy();
    },
  );

  it('passes pagination tokens through as AWS sent them', async () => {
    const estate = fullEstate();
    const h = await createHarness(estate, { simulator: { pageSize: 50 } });
    const tokens: Array<string | undefined> = [];
    // AWS's tokens are opaque: answer with one the simulator never made.
    let all: object[] = [];
    h.simulator.intercept(async (call, answer) => {
      if (call.operation !== 'ListNotebookInstances') return answer();
      tokens.push(call.input.NextToken);
      if (call.input.NextToken === 'page/2==') {
        return { NotebookInstances: all.slice(2) };
      }
      all = ((await answer()) as { NotebookInstances: object[] })
        .NotebookInstances;
      return { NotebookInstances: all.slice(0, 2), NextToken: 'page/2==' };
    });

    expect((await h.scan()).status).toBe('succeeded');

    expect(tokens).toEqual([undefined, 'page/2==']);
    expect(h.simulator.callCounts['sagemaker:DescribeNotebookInstance']).toBe(
      3,
    );
    const { items } = await h.store.listResources({
      types: ['notebook-instance'],
    });
    expect(items.map(i => i.name).sort()).toEqual(['nb-1', 'nb-2', 'nb-3']);
  });

  // Issue 12, acceptance: AccessDenied in each protocol, classified as access
  // denied with the IAM action, through the SDK's own deserializers.
  it.each([
    ['S3 REST-XML', 's3:GetBucketPolicy', 'AccessDenied'],
    ['IAM Query', 'iam:GetRole', 'AccessDenied'],
    ['SageMaker JSON', 'sagemaker:DescribeModel', 'AccessDeniedException'],
    ['GuardDuty REST-JSON', 'guardduty:ListDetectors', 'AccessDeniedException'],
  ])(
    '%s: AccessDenied is recorded as access_denied naming %s',
    async (_protocol, action, code) => {
      const estate = fullEstate();
      estate.accounts[0].faults = [{ action, error: 'AccessDenied' }];
      const h = await createHarness(estate);

      const scan = await h.scan();

      expect(scan.status).toBe('partial');
      expect(scan.targets[0].errors).toContainEqual(
        expect.objectContaining({
          kind: 'access_denied',
          action,
          code,
          message: expect.stringContaining(action),
        }),
      );
      // Denied calls are not retried.
      expect(h.simulator.callCounts[action]).toBe(scan.callCounts?.[action]);
    },
  );

  it('records a denial whose message does not name the action, naming it', async () => {
    const h = await createHarness(fullEstate());
    h.simulator.intercept(async (call, answer) => {
      if (call.action === 'iam:GetRolePolicy') {
        throw awsError('AccessDenied', 'Access denied', 403);
      }
      return answer();
    });

    expect((await h.scan()).status).toBe('partial');

    const role = (await h.store.loadFacts([ACCOUNT])).get(
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

  // Issue 12, acceptance: a bucket without a policy (S3 answers 404
  // NoSuchBucketPolicy) fails the secure-transport check, never unknown.
  it('NoSuchBucketPolicy: the bucket has no policy, its secure-transport check fails', async () => {
    const estate = fullEstate();
    const [model] = estate.accounts[0].regions[0].sagemaker.model!;
    (model.description.PrimaryContainer as any).ModelDataUrl =
      's3://ml-capture/fraud/model.tar.gz';
    const h = await createHarness(estate);
    const answers: number[] = [];
    h.simulator.onCall(call => {
      if (call.action === 's3:GetBucketPolicy') answers.push(1);
    });

    expect((await h.scan()).status).toBe('succeeded');

    expect(answers.length).toBeGreaterThan(0);
    const bucket = (await h.store.loadFacts([ACCOUNT])).get(
      's3-bucket',
      ACCOUNT,
      GLOBAL_REGION,
      'ml-capture',
    );
    expect(bucket?.errors).toEqual([]);
    expect(bucket?.data?.policy).toBeNull();

    const results = new DatabaseResultStore(h.db);
    await new CheckEngine({
      inventory: h.store,
      checks: defaultChecks,
      results,
      history: new DatabaseHistoryStore(h.db),
      logger: mockServices.logger.mock(),
    }).evaluateNow();
    const result = (
      await results.listResults({ arns: [arn('model/fraud-v1')] })
    ).find(r => r.checkId === 's3-buckets-secure-transport');
    expect(result).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('ml-capture'),
    });
  });

  // A 200 whose body the SDK cannot parse, in each protocol: an error of the
  // call (invalid_response), never an empty or partial value.
  it.each([
    ['SageMaker JSON 1.1', 'sagemaker:ListModels'],
    ['CloudWatch JSON 1.0', 'cloudwatch:DescribeAlarms'],
    ['IAM Query', 'iam:ListAttachedRolePolicies'],
    ['EC2 Query', 'ec2:DescribeSubnets'],
    ['S3 REST-XML', 's3:GetEncryptionConfiguration'],
    ['GuardDuty REST-JSON 1', 'guardduty:GetDetector'],
  ])(
    '%s: a malformed answer to %s is recorded as invalid_response',
    async (_protocol, action) => {
      const estate = fullEstate();
      estate.accounts[0].faults = [{ action, error: 'MalformedResponse' }];
      const h = await createHarness(estate);

      const scan = await h.scan();

      expect(scan.status).toBe('partial');
      expect(h.simulator.callCounts[action]).toBeGreaterThan(0);
      const errors = [
        ...scan.targets[0].errors,
        ...(await h.db('inventory_facts').select('errors')).flatMap(row =>
          JSON.parse(row.errors),
        ),
      ];
      expect(errors).toContainEqual(
        expect.objectContaining({ kind: 'invalid_response', action }),
      );
    },
  );

  it('records throttling that persists past the retries as throttled, never as a value', async () => {
    const estate = fullEstate();
    estate.accounts[0].faults = [
      { action: 'kms:GetKeyRotationStatus', error: 'Throttling' },
      {
        action: 's3:GetBucketPolicy',
        target: 'ml-artifacts',
        error: 'Throttling',
      },
      { action: 'ec2:DescribeSubnets', error: 'Throttling' },
    ];
    const h = await createHarness(estate, {
      config: { aws: { maxAttempts: 3 } },
    });

    const result = await h.scan();

    expect(result.status).toBe('partial');
    // Each throttled call was tried three times by the SDK's retry strategy.
    expect(h.simulator.callCounts['kms:GetKeyRotationStatus']).toBe(3);
    const errors = result.targets[0].errors;
    for (const [action, code] of [
      ['kms:GetKeyRotationStatus', 'ThrottlingException'],
      ['s3:GetBucketPolicy', 'SlowDown'],
      ['ec2:DescribeSubnets', 'RequestLimitExceeded'],
    ]) {
      expect(errors).toContainEqual(
        expect.objectContaining({ kind: 'throttled', action, code }),
      );
    }
    const key = (await h.store.loadFacts([ACCOUNT])).get(
      'kms-key',
      ACCOUNT,
      REGION,
      CMK_ARN,
    );
    expect(key?.data?.rotationEnabled).toBeUndefined();
  });
});
