/**
 * The SageMaker resources of the estate: each goes to the next account and
 * region in turn, and there picks the next role, key, bucket, security group
 * and subnet in turn, so every related resource is used. Descriptions are
 * the Describe* answers AWS gives (dates as ISO strings).
 */
import type { EstateSageMakerResource } from '../../src/inventory/simulator/estate';
import type { EstateSize } from '../options';
import { DAY_MS, iso, SERVICE_TAG, serviceName, Target } from './shared';

export function addSageMakerResources(
  targets: Target[],
  size: EstateSize,
  now: number,
): void {
  // Each resource goes to the next target in turn; within a target it picks
  // the next role, key, bucket, group and subnet in turn, so each is used.
  const services = Math.max(1, size.services);
  let serviceCursor = 0;
  const add = (
    type: string,
    count: number,
    build: (t: Target, n: number, i: number) => Record<string, unknown>,
  ) => {
    for (let i = 0; i < count; i++) {
      const t = targets[i % targets.length];
      const n = t.seen[type] ?? 0;
      t.seen[type] = n + 1;
      const resource: EstateSageMakerResource = {
        description: build(t, n, i),
        tags: {
          [SERVICE_TAG]: serviceName(serviceCursor++ % services),
          'cost-center': `cc-${i % 20}`,
        },
      };
      const list = ((t.regionData.sagemaker as Record<string, unknown[]>)[
        type
      ] ??= []);
      list.push(resource);
    }
  };
  const arn = (t: Target, resource: string) =>
    `arn:aws:sagemaker:${t.region}:${t.accountId}:${resource}`;
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  const vpcConfig = (t: Target, n: number) => ({
    SecurityGroupIds: [pick(t.securityGroups, n)],
    Subnets: [pick(t.subnets, n)],
  });
  const created = (i: number, days: number) =>
    iso(now - (DAY_MS * days * ((i * 7919) % 1000)) / 1000 - 60_000);

  add('notebook-instance', size.notebooks, (t, n, i) => ({
    NotebookInstanceName: `nb-${i}`,
    NotebookInstanceArn: arn(t, `notebook-instance/nb-${i}`),
    NotebookInstanceStatus: 'InService',
    InstanceType: 'ml.t3.medium',
    CreationTime: created(i, 300),
    LastModifiedTime: created(i, 30),
    RoleArn: pick(t.roles, n),
    ...(n % 10 !== 0 ? { KmsKeyId: pick(t.keys, n) } : {}),
    SubnetId: pick(t.subnets, n),
    SecurityGroups: [pick(t.securityGroups, n)],
    DirectInternetAccess: n % 5 === 0 ? 'Enabled' : 'Disabled',
    RootAccess: n % 3 === 0 ? 'Enabled' : 'Disabled',
    VolumeSizeInGB: 20,
    PlatformIdentifier: 'notebook-al2-v2',
    InstanceMetadataServiceConfiguration: {
      MinimumInstanceMetadataServiceVersion: n % 4 === 0 ? '1' : '2',
    },
  }));
  add('model', size.models, (t, n, i) => ({
    ModelName: `model-${i}`,
    ModelArn: arn(t, `model/model-${i}`),
    CreationTime: created(i, 200),
    ExecutionRoleArn: pick(t.roles, n),
    EnableNetworkIsolation: n % 4 !== 0,
    PrimaryContainer: {
      Image: `${t.accountId}.dkr.ecr.${t.region}.amazonaws.com/model:${n % 50}`,
      ModelDataUrl: `s3://${pick(t.buckets, n)}/models/model-${i}/model.tar.gz`,
      Environment: { LOG_LEVEL: 'info' },
    },
    ...(n % 10 < 7 ? { VpcConfig: vpcConfig(t, n) } : {}),
  }));
  add('endpoint-config', size.endpoints, (t, n, i) => ({
    EndpointConfigName: `epc-${i}`,
    EndpointConfigArn: arn(t, `endpoint-config/epc-${i}`),
    CreationTime: created(i, 100),
    ...(n % 5 !== 0 ? { KmsKeyId: pick(t.keys, n) } : {}),
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: `model-${(i * 2) % Math.max(1, size.models)}`,
        InitialInstanceCount: n % 3 === 0 ? 1 : 2,
        InstanceType: 'ml.m5.large',
      },
    ],
    ...(n % 2 === 0
      ? {
          DataCaptureConfig: {
            EnableCapture: true,
            InitialSamplingPercentage: 20,
            DestinationS3Uri: `s3://${pick(t.buckets, n + 1)}/capture/epc-${i}`,
            KmsKeyId: pick(t.keys, n + 1),
          },
        }
      : {}),
  }));
  add('endpoint', size.endpoints, (t, _n, i) => ({
    EndpointName: `ep-${i}`,
    EndpointArn: arn(t, `endpoint/ep-${i}`),
    EndpointConfigName: `epc-${i}`,
    EndpointStatus: 'InService',
    CreationTime: created(i, 100),
    LastModifiedTime: created(i, 10),
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
      },
    ],
  }));
  const algorithm = {
    TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/xgboost:1.7-1',
    TrainingInputMode: 'File',
  };
  const stopping = { MaxRuntimeInSeconds: 86_400 };
  add('training-job', size.trainingJobs, (t, n, i) => {
    // 1% still running (described again by every scan), 1% failed.
    const status = { 7: 'InProgress', 13: 'Failed' }[i % 100] ?? 'Completed';
    const start = Date.parse(created(i, 25));
    return {
      TrainingJobName: `train-${i}`,
      TrainingJobArn: arn(t, `training-job/train-${i}`),
      TrainingJobStatus: status,
      SecondaryStatus: status === 'InProgress' ? 'Training' : status,
      CreationTime: iso(start),
      TrainingStartTime: iso(start + 60_000),
      ...(status !== 'InProgress'
        ? { TrainingEndTime: iso(start + 3_600_000) }
        : {}),
      LastModifiedTime: iso(start + 3_600_000),
      RoleArn: pick(t.roles, n),
      AlgorithmSpecification: algorithm,
      HyperParameters: { max_depth: String(3 + (n % 5)), eta: '0.2' },
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://${pick(t.buckets, n)}/datasets/d-${n % 97}/`,
            },
          },
        },
      ],
      OutputDataConfig: {
        S3OutputPath: `s3://${pick(t.buckets, n + 1)}/output/`,
        ...(n % 7 !== 0 ? { KmsKeyId: pick(t.keys, n) } : {}),
      },
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 1 + (n % 2),
        VolumeSizeInGB: 30,
        ...(n % 5 !== 0 ? { VolumeKmsKeyId: pick(t.keys, n + 1) } : {}),
      },
      ...(n % 10 < 7 ? { VpcConfig: vpcConfig(t, n) } : {}),
      StoppingCondition: stopping,
      EnableNetworkIsolation: n % 3 !== 0,
      EnableInterContainerTrafficEncryption: n % 4 !== 0,
      EnableManagedSpotTraining: false,
    };
  });
}

/** An alarm for every tenth endpoint, and the SageMaker log groups of each region. */
export function addMonitoring(targets: Target[]): void {
  for (const t of targets) {
    const endpoints = (t.regionData.sagemaker.endpoint ?? []).map(e =>
      String(e.description.EndpointName),
    );
    t.regionData.alarms = endpoints
      .filter((_, k) => k % 10 === 0)
      .map(name => ({
        AlarmName: `${name}-5xx`,
        AlarmArn: `arn:aws:cloudwatch:${t.region}:${t.accountId}:alarm:${name}-5xx`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: [
          { Name: 'EndpointName', Value: name },
          { Name: 'VariantName', Value: 'AllTraffic' },
        ],
        ActionsEnabled: true,
        AlarmActions: [`arn:aws:sns:${t.region}:${t.accountId}:ml-oncall`],
        StateValue: 'OK',
      }));
    t.regionData.logGroups = [
      '/aws/sagemaker/TrainingJobs',
      '/aws/sagemaker/NotebookInstances',
      ...endpoints.map(name => `/aws/sagemaker/Endpoints/${name}`),
    ].map((logGroupName, k) => ({
      logGroupName,
      arn: `arn:aws:logs:${t.region}:${t.accountId}:log-group:${logGroupName}`,
      ...(k % 3 !== 0 ? { retentionInDays: 90 } : {}),
    }));
  }
}
