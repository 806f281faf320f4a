import {
  FactKind,
  GLOBAL_REGION,
  RESOURCE_TYPES,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ACCOUNT,
  CMK_ARN,
  CMK_ID,
  FULL_ACCESS,
  fullEstate,
  REGION,
  ROLE_ARN,
} from '../__testUtils__/fullEstate';
import { createHarness, PER_RESOURCE_READS } from '../__testUtils__/harness';

describe('inventory collector (simulated AWS)', () => {
  it('collects every resource type, paging through small pages', async () => {
    const h = await createHarness(fullEstate(), { simulator: { pageSize: 2 } });
    const scan = await h.scan();

    expect(scan.status).toBe('succeeded');
    expect(scan.targets[0]).toMatchObject({
      status: 'succeeded',
      errorCount: 0,
    });
    const { items } = await h.store.listResources({ limit: 1000 });
    expect(new Set(items.map(i => i.type))).toEqual(new Set(RESOURCE_TYPES));
    // 3 notebooks on pages of 2: the SDK paginator followed NextToken.
    expect(items.filter(i => i.type === 'notebook-instance')).toHaveLength(3);
    expect(h.simulator.callCounts['sagemaker:ListNotebookInstances']).toBe(2);

    const notebook = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/nb-1`,
    );
    expect(notebook).toMatchObject({
      type: 'notebook-instance',
      name: 'nb-1',
      status: 'InService',
      tags: { 'ml-service': 'fraud-model' },
      errors: [],
    });
    expect(notebook!.description.DirectInternetAccess).toBe('Disabled');
    expect(notebook!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    const group = items.find(
      i => i.name === 'fraud-models' && i.type === 'model-package-group',
    );
    expect(
      JSON.parse(String(group!.description.ResourcePolicy)).Statement[0]
        .Principal,
    ).toBe('*');
    expect(
      items.find(i => i.name === 'no-policy')!.description.ResourcePolicy,
    ).toBeNull();
    expect(items.find(i => i.type === 'model-package')!.name).toBe(
      'fraud-models/1',
    );
    const lifecycle = items.find(
      i => i.type === 'notebook-instance-lifecycle-config',
    );
    expect(lifecycle!.description.OnStart).toHaveLength(1);
  });

  it('collects every kind of related fact, decoded and resolved', async () => {
    const h = await createHarness(fullEstate());
    await h.scan();
    const facts = await h.store.loadFacts([ACCOUNT]);
    const get = <K extends FactKind>(kind: K, key: string, region = REGION) =>
      facts.get(kind, ACCOUNT, region, key);

    const role = get('iam-role', ROLE_ARN, GLOBAL_REGION);
    expect(role?.errors).toEqual([]);
    expect(role?.data).toMatchObject({
      roleName: 'SageMakerExecution',
      permissionsBoundaryArn: null,
      assumeRolePolicyDocument: {
        Statement: [{ Principal: { Service: 'sagemaker.amazonaws.com' } }],
      },
      attachedPolicies: [
        {
          policyArn: FULL_ACCESS,
          document: { Statement: [{ Action: 'sagemaker:*' }] },
        },
      ],
      inlinePolicies: [
        { policyName: 's3', document: { Statement: [{ Action: 's3:*' }] } },
      ],
    });

    // Referenced by alias name, alias ARN, key ID and key ARN: one fact.
    const key = get('kms-key', CMK_ARN);
    expect(key?.data).toMatchObject({
      keyId: CMK_ID,
      keyManager: 'CUSTOMER',
      rotationEnabled: false,
      aliases: ['alias/ml-data'],
      keyPolicy: { Statement: [{ Principal: { AWS: '*' } }] },
    });
    expect(get('kms-aliases', '-')?.data?.aliases['alias/ml-data']).toBe(
      CMK_ID,
    );
    const awsKey = [...['alias/aws/sagemaker']].map(() =>
      get(
        'kms-key',
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/aaaa1111-2222-3333-4444-555566667777`,
      ),
    )[0];
    expect(awsKey?.data).toMatchObject({
      keyManager: 'AWS',
      rotationEnabled: true,
    });

    expect(get('s3-bucket', 'ml-artifacts', GLOBAL_REGION)?.data).toMatchObject(
      {
        region: 'eu-west-1',
        encryption: {
          sseAlgorithm: 'aws:kms',
          kmsMasterKeyId: CMK_ARN,
          bucketKeyEnabled: true,
        },
        policy: { Statement: [{ Effect: 'Deny' }] },
        publicAccessBlock: { blockPublicAcls: true },
      },
    );
    expect(get('s3-bucket', 'ml-capture', GLOBAL_REGION)?.data).toMatchObject({
      encryption: null,
      policy: null,
      publicAccessBlock: null,
    });
    expect(get('s3-bucket', 'ml-pipeline', GLOBAL_REGION)).toBeDefined(); // from PipelineDefinition

    expect(
      get('security-group', 'sg-0123456789abcdef0')?.data?.ingress[0],
    ).toMatchObject({
      ipProtocol: 'tcp',
      fromPort: 443,
      ipv4Ranges: ['0.0.0.0/0'],
    });
    expect(
      get('subnet', 'subnet-0aaaaaaaaaaaaaaa2')?.data?.routesToInternetGateway,
    ).toBe(true);
    expect(
      get('subnet', 'subnet-0aaaaaaaaaaaaaaa1')?.data?.routesToInternetGateway,
    ).toBe(false);
    expect(
      get('vpc-endpoints', 'vpc-0bbbbbbbbbbbbbbb1')?.data?.endpoints[0],
    ).toMatchObject({
      serviceName: 'com.amazonaws.us-east-1.sagemaker.api',
      policyDocument: { Statement: [{ Action: '*' }] },
    });
    expect(get('cloudtrail', '-')?.data?.trails[0]).toMatchObject({
      isLogging: true,
      isMultiRegionTrail: true,
      includeManagementEvents: true,
      s3DataEventArns: ['arn:aws:s3:::ml-artifacts/'],
    });
    const alarms = get('cloudwatch-alarms', '-')?.data?.alarms;
    expect(alarms?.map(a => a.alarmName)).toEqual(['fraud-5xx']);
    expect(alarms?.[0].dimensions).toEqual({
      EndpointName: 'fraud',
      VariantName: 'AllTraffic',
    });
    expect(
      get('log-groups', '-')?.data?.logGroups.map(g => g.logGroupName),
    ).toEqual([
      '/aws/sagemaker/Endpoints/fraud',
      '/aws/sagemaker/TrainingJobs',
    ]);
  });

  it('recovers from throttling through the SDK retry strategy', async () => {
    const estate = fullEstate();
    estate.accounts[0].faults = [
      {
        action: 'sagemaker:DescribeNotebookInstance',
        target: 'nb-2',
        error: 'Throttling',
        times: 2,
      },
      { action: 'iam:GetRole', error: 'InternalError', times: 1 },
    ];
    const h = await createHarness(estate);
    const scan = await h.scan();

    expect(scan.status).toBe('succeeded');
    // 3 notebooks, 2 throttled attempts of nb-2 retried by the SDK.
    expect(h.simulator.callCounts['sagemaker:DescribeNotebookInstance']).toBe(
      5,
    );
    expect(scan.callCounts?.['sagemaker:DescribeNotebookInstance']).toBe(3);
    expect(h.simulator.callCounts['iam:GetRole']).toBe(2);
    const nb2 = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/nb-2`,
    );
    expect(nb2?.errors).toEqual([]);
  });

  it('records throttling past the retries, access denied and bad documents as errors', async () => {
    const estate = fullEstate();
    estate.accounts[0].faults = [
      { action: 'kms:GetKeyRotationStatus', error: 'Throttling' },
      { action: 'iam:GetRolePolicy', error: 'AccessDenied' },
      { action: 'iam:GetPolicyVersion', error: 'MalformedResponse' },
      { action: 'sagemaker:ListModels', error: 'AccessDenied' },
      {
        action: 'sagemaker:DescribeEndpoint',
        target: 'fraud',
        error: 'AccessDenied',
      },
    ];
    const h = await createHarness(estate, {
      config: { ...PER_RESOURCE_READS, aws: { maxAttempts: 3 } },
    });
    const scan = await h.scan();

    expect(scan.status).toBe('partial');
    expect(h.simulator.callCounts['kms:GetKeyRotationStatus']).toBe(3);
    const facts = await h.store.loadFacts([ACCOUNT]);
    const key = facts.get('kms-key', ACCOUNT, REGION, CMK_ARN)!;
    expect(key.data?.rotationEnabled).toBeUndefined();
    expect(key.errors).toEqual([
      expect.objectContaining({
        kind: 'throttled',
        action: 'kms:GetKeyRotationStatus',
        field: 'rotationEnabled',
        code: 'ThrottlingException',
      }),
    ]);
    const role = facts.get('iam-role', ACCOUNT, GLOBAL_REGION, ROLE_ARN)!;
    expect(role.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'access_denied',
          action: 'iam:GetRolePolicy',
          code: 'AccessDenied',
        }),
        expect.objectContaining({
          kind: 'invalid_response',
          action: 'iam:GetPolicyVersion',
        }),
      ]),
    );
    expect(role.data?.inlinePolicies?.[0].document).toBeUndefined();
    expect(role.data?.attachedPolicies?.[0].document).toBeUndefined();
    expect(role.data?.assumeRolePolicyDocument).toBeDefined();

    expect(scan.targets[0].errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'access_denied',
          action: 'sagemaker:ListModels',
        }),
      ]),
    );
    const endpoint = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/fraud`,
    );
    expect(endpoint?.errors).toEqual([
      expect.objectContaining({
        kind: 'access_denied',
        action: 'sagemaker:DescribeEndpoint',
        message: expect.stringContaining('sagemaker:DescribeEndpoint'),
      }),
    ]);
  });

  it('keeps other regions and accounts going when one fails', async () => {
    const estate = fullEstate();
    estate.accounts[0].regions.push({
      region: 'eu-central-2',
      disabled: true,
      sagemaker: {},
    });
    estate.accounts.push({
      accountId: '222222222222',
      assumeRoleFails: true,
      regions: [{ region: REGION, sagemaker: {} }],
    });
    const h = await createHarness(estate);
    const scan = await h.scan();

    expect(scan.status).toBe('partial');
    const byTarget = Object.fromEntries(
      scan.targets.map(t => [`${t.accountId}/${t.region}`, t]),
    );
    expect(byTarget[`${ACCOUNT}/${REGION}`].status).toBe('succeeded');
    expect(byTarget[`${ACCOUNT}/eu-central-2`]).toMatchObject({
      status: 'failed',
      errors: [expect.objectContaining({ kind: 'region_disabled' })],
    });
    // The disabled region cost one call, not one per resource type.
    expect(byTarget[`${ACCOUNT}/eu-central-2`].errorCount).toBe(1);
    expect(byTarget[`222222222222/${REGION}`]).toMatchObject({
      status: 'failed',
      errors: [
        // Refused on the wire (STS AccessDenied): no credentials for the account.
        expect.objectContaining({
          kind: 'credentials_unavailable',
          action: 'sts:AssumeRole',
          code: 'AccessDenied',
        }),
      ],
    });
  });

  it('reads a role shared by 50 resources once', async () => {
    const estate = fullEstate();
    const models = Array.from({ length: 50 }, (_, i) => ({
      description: {
        ModelName: `m-${i}`,
        ModelArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/m-${i}`,
        CreationTime: new Date().toISOString(),
        ExecutionRoleArn: ROLE_ARN,
        PrimaryContainer: { ModelDataUrl: 's3://ml-artifacts/x' },
      },
    }));
    estate.accounts[0].regions[0].sagemaker.model = models;
    const h = await createHarness(estate, { simulator: { pageSize: 10 } });
    await h.scan();

    expect(h.simulator.callCounts['sagemaker:DescribeModel']).toBe(50);
    expect(h.simulator.callCounts['iam:GetRole']).toBe(1);
    expect(h.simulator.callCounts['iam:GetPolicy']).toBe(1);
    expect(h.simulator.callCounts['s3:GetBucketPolicy']).toBe(4);
  });

  it('rescans incrementally: completed jobs are never described again', async () => {
    const h = await createHarness(fullEstate(), { config: PER_RESOURCE_READS });
    await h.scan();
    const before = await h
      .db('inventory_resources')
      .select('arn', 'updated_at', 'content_hash');
    h.simulator.resetCallCounts();
    const second = await h.scan();

    expect(second.status).toBe('succeeded');
    expect(h.simulator.callCounts['sagemaker:ListTrainingJobs']).toBe(1);
    // Only the InProgress training job is described again.
    expect(h.simulator.callCounts['sagemaker:DescribeTrainingJob']).toBe(1);
    for (const action of [
      'DescribeProcessingJob',
      'DescribeTransformJob',
      'DescribeHyperParameterTuningJob',
    ]) {
      expect(h.simulator.callCounts[`sagemaker:${action}`]).toBeUndefined();
    }
    const after = await h
      .db('inventory_resources')
      .select('arn', 'updated_at', 'content_hash');
    expect(after).toEqual(before);
    const job = await h.store.getResource(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/train-done`,
    );
    expect(job?.deletedAt).toBeUndefined();
    expect(job?.lastSeenAt).toBe(second.targets[0].startedAt);
  });

  it('tells listeners when a scan finished', async () => {
    const h = await createHarness(fullEstate());
    const seen: string[] = [];
    h.inventory.scans.onScanFinished(scan => {
      seen.push(scan.status);
    });
    const scan = await h.scan();
    expect(seen).toEqual(['succeeded']);
    expect(await h.inventory.scans.getLatestScan()).toMatchObject({
      id: scan.id,
      status: 'succeeded',
    });
  });
});
