/**
 * The estate's notebooks, models, registry, endpoint
 * configurations, endpoints and pipelines, good and bad, built through the SDK.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateFeatureGroupCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreateNotebookInstanceCommand,
  CreateNotebookInstanceLifecycleConfigCommand,
  CreatePipelineCommand,
  Tag,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { EstateClients } from './clients';
import type { Network } from './network';
import type { Keys, Roles } from './security';

/** The tags that link a resource to its ML service and owner. */
export const OWNED: Tag[] = [
  { Key: 'ml-service', Value: 'fraud-scoring' },
  { Key: 'owner', Value: 'group:default/fraud-ml' },
];
/** A team tag but no ML service. */
const TEAM_ONLY: Tag[] = [{ Key: 'team', Value: 'group:default/fraud-ml' }];

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1';
const base64 = (text: string) => Buffer.from(text).toString('base64');

export interface Estate {
  keys: Keys;
  roles: Roles;
  network: Network;
}

export async function createNotebooks(c: EstateClients, e: Estate) {
  const { sagemaker } = c;
  await sagemaker.send(
    new CreateNotebookInstanceLifecycleConfigCommand({
      NotebookInstanceLifecycleConfigName: 'lcc-clean',
      OnStart: [{ Content: base64('#!/bin/bash\npip install pandas\n') }],
    }),
  );
  await sagemaker.send(
    new CreateNotebookInstanceLifecycleConfigCommand({
      NotebookInstanceLifecycleConfigName: 'lcc-secret',
      OnCreate: [
        {
          Content: base64(
            '#!/bin/bash\nexport HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\ncurl -fsSL https://get.example.com/setup.sh | bash\n',
          ),
        },
      ],
    }),
  );
  // In the private subnet, no internet, no root, the good key, scoped role.
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: 'nb-secure',
      InstanceType: 'ml.t3.medium',
      RoleArn: e.roles.scoped,
      SubnetId: e.network.privateSubnet,
      SecurityGroupIds: [e.network.lockedGroup],
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      KmsKeyId: e.keys.good,
      LifecycleConfigName: 'lcc-clean',
      Tags: OWNED,
    }),
  );
  // No VPC (so direct internet access), root, no key, wildcard role.
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: 'nb-open',
      InstanceType: 'ml.t3.medium',
      RoleArn: e.roles.wildcard,
      DirectInternetAccess: 'Enabled',
      RootAccess: 'Enabled',
      LifecycleConfigName: 'lcc-secret',
    }),
  );
  // Public subnet and open group; key by alias (resolved to a key that
  // does not rotate); RootAccess and DirectInternetAccess left to defaults.
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: 'nb-public',
      InstanceType: 'ml.t3.medium',
      RoleArn: e.roles.fullAccess,
      SubnetId: e.network.publicSubnet,
      SecurityGroupIds: [e.network.openGroup],
      KmsKeyId: 'alias/ml-no-rotation',
      Tags: TEAM_ONLY,
    }),
  );
}

/** Returns the ARN of the approved model package. */
export async function createRegistry(c: EstateClients): Promise<string> {
  await c.sagemaker.send(
    new CreateModelPackageGroupCommand({
      ModelPackageGroupName: 'mpg-fraud',
      Tags: OWNED,
    }),
  );
  await c.sagemaker.send(
    new CreateModelPackageGroupCommand({
      ModelPackageGroupName: 'mpg-untagged',
    }),
  );
  const inference = {
    Containers: [{ Image: IMAGE }],
    SupportedContentTypes: ['text/csv'],
    SupportedResponseMIMETypes: ['text/csv'],
  };
  // mpg-fraud/1: registered directly as Approved (no approval step).
  const created = await c.sagemaker.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: 'mpg-fraud',
      ModelApprovalStatus: 'Approved',
      InferenceSpecification: inference,
    }),
  );
  // mpg-fraud/2: registered pending, then approved in a separate step.
  const reviewed = await c.sagemaker.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: 'mpg-fraud',
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: inference,
    }),
  );
  await c.sagemaker.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: reviewed.ModelPackageArn,
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'Reviewed by model risk',
    }),
  );
  return created.ModelPackageArn!;
}

export async function createModels(
  c: EstateClients,
  e: Estate,
  packageArn: string,
) {
  const model = (input: ConstructorParameters<typeof CreateModelCommand>[0]) =>
    c.sagemaker.send(new CreateModelCommand(input));
  await model({
    ModelName: 'model-secure',
    ExecutionRoleArn: e.roles.scoped,
    EnableNetworkIsolation: true,
    VpcConfig: {
      Subnets: [e.network.privateSubnet],
      SecurityGroupIds: [e.network.lockedGroup],
    },
    PrimaryContainer: {
      Image: IMAGE,
      ImageConfig: { RepositoryAccessMode: 'Vpc' },
      ModelDataUrl: 's3://ml-secure/models/fraud.tar.gz',
      Environment: { MODEL_SERVER_WORKERS: '2' },
    },
    Tags: OWNED,
  });
  await model({
    ModelName: 'model-leaky',
    ExecutionRoleArn: e.roles.wildcard,
    PrimaryContainer: {
      Image: IMAGE,
      ModelDataUrl: 's3://ml-plain/models/fraud.tar.gz',
      Environment: { DB_PASSWORD: 'correct-horse-battery-staple' },
    },
  });
  await model({
    ModelName: 'model-multi',
    ExecutionRoleArn: e.roles.publicTrust,
    VpcConfig: {
      Subnets: [e.network.publicSubnet],
      SecurityGroupIds: [e.network.openGroup],
    },
    Containers: [
      {
        Image: IMAGE,
        ImageConfig: { RepositoryAccessMode: 'Vpc' },
        ModelDataUrl: 's3://ml-sse-s3/models/a.tar.gz',
      },
      { Image: IMAGE, ModelDataUrl: 's3://ml-sse-s3/models/b.tar.gz' },
    ],
    Tags: OWNED,
  });
  await model({
    ModelName: 'model-registered',
    ExecutionRoleArn: e.roles.scoped,
    PrimaryContainer: { ModelPackageName: packageArn },
    Tags: OWNED,
  });
}

export async function createEndpoints(c: EstateClients, e: Estate) {
  const config = (
    input: ConstructorParameters<typeof CreateEndpointConfigCommand>[0],
  ) => c.sagemaker.send(new CreateEndpointConfigCommand(input));
  await config({
    EndpointConfigName: 'ec-secure',
    KmsKeyId: e.keys.good,
    ProductionVariants: [
      {
        VariantName: 'primary',
        ModelName: 'model-registered',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
      },
    ],
    DataCaptureConfig: {
      EnableCapture: true,
      InitialSamplingPercentage: 100,
      DestinationS3Uri: 's3://ml-secure/capture',
      KmsKeyId: e.keys.good,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    },
    Tags: OWNED,
  });
  await config({
    EndpointConfigName: 'ec-weak',
    ProductionVariants: [
      {
        VariantName: 'primary',
        ModelName: 'model-leaky',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        EnableSSMAccess: true,
      },
    ],
    // Capture configured but disabled: its bucket is not used.
    DataCaptureConfig: {
      EnableCapture: false,
      InitialSamplingPercentage: 100,
      DestinationS3Uri: 's3://ml-capture-off/capture',
      CaptureOptions: [{ CaptureMode: 'Input' }],
    },
  });
  await config({
    EndpointConfigName: 'ec-async',
    KmsKeyId: e.keys.public,
    ProductionVariants: [
      {
        VariantName: 'primary',
        ModelName: 'model-multi',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
      },
    ],
    AsyncInferenceConfig: {
      OutputConfig: { S3OutputPath: 's3://ml-sse-s3/async-out' },
    },
    Tags: OWNED,
  });
  await config({
    EndpointConfigName: 'ec-serverless',
    ProductionVariants: [
      {
        VariantName: 'primary',
        ModelName: 'model-secure',
        ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
      },
    ],
    Tags: TEAM_ONLY,
  });
  for (const [name, configName, tags] of [
    ['ep-secure', 'ec-secure', OWNED],
    ['ep-weak', 'ec-weak', undefined],
    ['ep-serverless', 'ec-serverless', OWNED],
  ] as const) {
    await c.sagemaker.send(
      new CreateEndpointCommand({
        EndpointName: name,
        EndpointConfigName: configName,
        ...(tags ? { Tags: [...tags] } : {}),
      }),
    );
  }
}

export async function createPipelinesAndFeatures(c: EstateClients, e: Estate) {
  const definition = JSON.stringify({
    Version: '2020-12-01',
    Steps: [{ Name: 'noop', Type: 'Fail', Arguments: { ErrorMessage: 'x' } }],
  });
  await c.sagemaker.send(
    new CreatePipelineCommand({
      PipelineName: 'pipe-scoped',
      PipelineDefinition: definition,
      RoleArn: e.roles.scoped,
      Tags: OWNED,
    }),
  );
  await c.sagemaker.send(
    new CreatePipelineCommand({
      PipelineName: 'pipe-cross-account',
      PipelineDefinition: definition,
      RoleArn: e.roles.crossAccount,
    }),
  );
  // moto cannot list feature groups (HTTP 500): this one is never collected.
  await c.sagemaker.send(
    new CreateFeatureGroupCommand({
      FeatureGroupName: 'fg-unlisted',
      RecordIdentifierFeatureName: 'id',
      EventTimeFeatureName: 'ts',
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'String' },
        { FeatureName: 'ts', FeatureType: 'String' },
      ],
      OfflineStoreConfig: {
        S3StorageConfig: { S3Uri: 's3://ml-secure/features' },
      },
      RoleArn: e.roles.scoped,
      Tags: OWNED,
    }),
  );
}
