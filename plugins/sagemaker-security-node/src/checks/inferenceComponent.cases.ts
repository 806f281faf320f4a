/**
 * Cases of the inference component checks (issue 16), spread into the cases
 * of each pillar: the component joined to its endpoint, endpoint
 * configuration and model, and its own container.
 */
import {
  ACCOUNT,
  bucket,
  collectionError,
  endpoint,
  endpointConfig,
  model,
  REGION,
  resource,
  undescribable,
} from '../testing/fixtures';
import { CheckCase } from '../testing/checkCases';

const DESCRIBE = 'sagemaker:DescribeInferenceComponent';
const OWN_IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/llm-serving:1.4`;

/** An inference component as DescribeInferenceComponent returns it. */
export const inferenceComponent = (
  description: Record<string, unknown> = {},
  errors: ReturnType<typeof collectionError>[] = [],
  name = 'fraud-llm-ic',
) =>
  resource(
    'inference-component',
    {
      InferenceComponentName: name,
      EndpointName: 'test-endpoint',
      VariantName: 'AllTraffic',
      InferenceComponentStatus: 'InService',
      Specification: {
        ModelName: 'test-model',
        ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024 },
      },
      RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 },
      ...description,
    },
    { name, errors },
  );

/** A component running a container of its own (no SageMaker model). */
const withContainer = (image: string | undefined, extra = {}) =>
  inferenceComponent({
    Specification: {
      Container: {
        ...(image !== undefined && {
          DeployedImage: { SpecifiedImage: image, ResolvedImage: image },
        }),
        ArtifactUrl: 's3://ml-artifacts/llm/model.tar.gz',
        Environment: { MAX_BATCH: '8' },
        ...extra,
      },
      ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024 },
    },
  });

const isolatedModel = model({ EnableNetworkIsolation: true });
const openModel = model({ EnableNetworkIsolation: false });
const vpcModel = model({
  VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
});
const icConfig = (extra: Record<string, unknown> = {}) =>
  endpointConfig({
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        InstanceType: 'ml.m5.4xlarge',
        InitialInstanceCount: 2,
      },
    ],
    ...extra,
  });
const isolatedConfig = icConfig({ EnableNetworkIsolation: true });
const vpcConfig = icConfig({
  VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
});

const ISOLATION = 'inference-component-network-isolation';
const VPC = 'inference-component-in-vpc';
const IMAGE = 'inference-component-container-image-own-registry';

export const inferenceComponentNetworkCases: CheckCase[] = [
  // inference-component-network-isolation
  {
    check: ISOLATION,
    name: "the component's model is isolated",
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig(), isolatedModel],
    expect: 'pass',
    message: /model test-model/,
  },
  {
    check: ISOLATION,
    name: 'the endpoint configuration isolates every container',
    resource: withContainer(OWN_IMAGE),
    resources: [endpoint(), isolatedConfig],
    expect: 'pass',
    message: /endpoint configuration/,
  },
  {
    check: ISOLATION,
    name: 'neither the model nor the endpoint configuration isolates',
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig(), openModel],
    expect: 'fail',
  },
  {
    check: ISOLATION,
    name: 'own container on a configuration without isolation',
    resource: withContainer(OWN_IMAGE),
    resources: [endpoint(), icConfig()],
    expect: 'fail',
    message: /own container/,
  },
  {
    check: ISOLATION,
    name: 'Specifications[] (one per instance type): one model not isolated',
    resource: inferenceComponent({
      Specification: undefined,
      Specifications: [
        { InstanceType: 'ml.g5.2xlarge', ModelName: 'test-model' },
        { InstanceType: 'ml.g6.2xlarge', ModelName: 'other-model' },
      ],
    }),
    resources: [
      endpoint(),
      icConfig(),
      isolatedModel,
      model({ EnableNetworkIsolation: false }, { name: 'other-model' }),
    ],
    expect: 'fail',
    message: /other-model/,
  },
  {
    check: ISOLATION,
    name: "an adapter follows its base component's model",
    resource: inferenceComponent(
      {
        Specification: {
          BaseInferenceComponentName: 'fraud-llm-ic',
          Container: undefined,
        },
      },
      [],
      'fraud-llm-adapter',
    ),
    resources: [endpoint(), icConfig(), isolatedModel, inferenceComponent()],
    expect: 'pass',
  },
  {
    check: ISOLATION,
    name: 'the model was not collected (its listing failed)',
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig()],
    expect: 'unknown',
    missing: ['sagemaker:DescribeModel'],
  },
  {
    check: ISOLATION,
    name: 'the model could not be described',
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig(), undescribable('model')],
    expect: 'unknown',
    missing: ['sagemaker:DescribeModel'],
  },
  {
    check: ISOLATION,
    name: 'model not isolated, endpoint configuration unreadable',
    resource: inferenceComponent(),
    resources: [endpoint(), undescribable('endpoint-config'), openModel],
    expect: 'unknown',
    missing: ['sagemaker:DescribeEndpointConfig'],
  },
  {
    check: ISOLATION,
    name: 'model isolated, endpoint configuration unreadable (the model decides)',
    resource: inferenceComponent(),
    resources: [endpoint(), undescribable('endpoint-config'), isolatedModel],
    expect: 'pass',
  },
  {
    check: ISOLATION,
    name: 'pre-deploy: endpoint and model not in the template',
    resource: inferenceComponent(),
    mode: 'iac',
    expect: 'not_applicable',
  },
  {
    check: ISOLATION,
    name: 'describe denied',
    resource: inferenceComponent({}, [collectionError(DESCRIBE)]),
    expect: 'unknown',
    missing: [DESCRIBE],
  },

  // inference-component-in-vpc
  {
    check: VPC,
    name: "the component's model is in a VPC",
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig(), vpcModel],
    expect: 'pass',
  },
  {
    check: VPC,
    name: 'the endpoint configuration places the endpoint in a VPC',
    resource: withContainer(OWN_IMAGE),
    resources: [endpoint(), vpcConfig],
    expect: 'pass',
  },
  {
    check: VPC,
    name: 'neither in a VPC',
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig(), openModel],
    expect: 'fail',
  },
  {
    check: VPC,
    name: 'the endpoint was not collected',
    resource: withContainer(OWN_IMAGE),
    resources: [],
    expect: 'unknown',
    missing: ['sagemaker:DescribeEndpoint'],
  },
  {
    check: VPC,
    name: 'pre-deploy: endpoint not in the template',
    resource: withContainer(OWN_IMAGE),
    mode: 'iac',
    expect: 'not_applicable',
  },
  {
    check: VPC,
    name: 'describe denied',
    resource: inferenceComponent({}, [collectionError(DESCRIBE)]),
    expect: 'unknown',
    missing: [DESCRIBE],
  },

  // inference-component-container-image-own-registry
  {
    check: IMAGE,
    name: "own container from the account's private ECR",
    resource: withContainer(OWN_IMAGE),
    expect: 'pass',
  },
  {
    check: IMAGE,
    name: "own container from another account's ECR (AWS deep learning container)",
    resource: withContainer(
      '763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4',
    ),
    expect: 'warn',
    message: /763104351884/,
  },
  {
    check: IMAGE,
    name: 'own container from Docker Hub',
    resource: withContainer('docker.io/vllm/vllm-openai:latest'),
    expect: 'fail',
  },
  {
    check: IMAGE,
    name: 'own container from public ECR',
    resource: withContainer('public.ecr.aws/llm/serving:1'),
    expect: 'fail',
  },
  {
    check: IMAGE,
    name: 'pre-deploy: the image as CloudFormation declares it (Image)',
    resource: withContainer(undefined, { Image: OWN_IMAGE }),
    mode: 'iac',
    expect: 'pass',
  },
  {
    check: IMAGE,
    name: 'own container without an image',
    resource: withContainer(undefined),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
  {
    check: IMAGE,
    name: 'runs a SageMaker model',
    resource: inferenceComponent(),
    expect: 'not_applicable',
  },
  {
    check: IMAGE,
    name: 'describe denied',
    resource: inferenceComponent({}, [collectionError(DESCRIBE)]),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
];

const KEY = 'inference-component-endpoint-config-kms-key';
export const inferenceComponentEncryptionCases: CheckCase[] = [
  {
    check: KEY,
    name: "the endpoint's configuration names a KMS key",
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig({ KmsKeyId: 'alias/ml-hosting' })],
    expect: 'pass',
    message: /test-endpoint-config/,
  },
  {
    check: KEY,
    name: "the endpoint's configuration names no KMS key",
    resource: inferenceComponent(),
    resources: [endpoint(), icConfig()],
    expect: 'fail',
  },
  {
    check: KEY,
    name: 'instance type with local NVMe storage',
    resource: inferenceComponent(),
    resources: [
      endpoint(),
      endpointConfig({
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: 'ml.g5.2xlarge',
            InitialInstanceCount: 1,
          },
        ],
      }),
    ],
    expect: 'not_applicable',
  },
  {
    check: KEY,
    name: 'the endpoint configuration could not be described',
    resource: inferenceComponent(),
    resources: [endpoint(), undescribable('endpoint-config')],
    expect: 'unknown',
    missing: ['sagemaker:DescribeEndpointConfig'],
  },
  {
    check: KEY,
    name: 'the endpoint was not collected',
    resource: inferenceComponent(),
    expect: 'unknown',
    missing: ['sagemaker:DescribeEndpoint'],
  },
  {
    check: KEY,
    name: 'describe denied',
    resource: inferenceComponent({}, [collectionError(DESCRIBE)]),
    expect: 'unknown',
    missing: [DESCRIBE],
  },
];

export const inferenceComponentIamCases: CheckCase[] = [
  // The component's own container environment and artifacts, through the descriptor.
  {
    check: 'model-environment-no-secrets',
    name: "an inference component's own container with an AWS secret key",
    resource: withContainer(OWN_IMAGE, {
      Environment: {
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    }),
    expect: 'fail',
  },
  {
    check: 'model-environment-no-secrets',
    name: "an inference component's own container without secrets",
    resource: withContainer(OWN_IMAGE),
    expect: 'pass',
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'inference component artifacts in a bucket without a public access block',
    resource: withContainer(OWN_IMAGE),
    facts: [bucket('ml-artifacts', { publicAccessBlock: null })],
    expect: 'fail',
  },
];
