/**
 * Cases for Studio custom images (issue 16): SageMaker images and app image
 * configurations under the tag rule (Security Hub SageMaker.6/.7), the POSIX
 * identity an app image configuration runs an image with, and the
 * execution-role checks that reach an image's role through its descriptor
 * link. Spread into the cases of each pillar.
 */
import {
  ACCOUNT,
  collectionError,
  REGION,
  resource,
  role,
  ROLE_ARN,
} from '../testing/fixtures';
import { CheckCase } from '../testing/checkCases';

type Overrides = Parameters<typeof resource>[2];

/** An app image configuration as DescribeAppImageConfig returns it (JupyterLab, AWS's default identity). */
export const appImageConfig = (
  description: Record<string, unknown> = {},
  overrides: Overrides = {},
) =>
  resource(
    'app-image-config',
    {
      AppImageConfigName: 'team-jupyterlab',
      AppImageConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:app-image-config/team-jupyterlab`,
      JupyterLabAppImageConfig: {
        FileSystemConfig: {
          MountPath: '/home/sagemaker-user',
          DefaultUid: 1000,
          DefaultGid: 100,
        },
      },
      ...description,
    },
    { name: 'team-jupyterlab', ...overrides },
  );

/** A SageMaker image as DescribeImage returns it. */
export const image = (
  description: Record<string, unknown> = {},
  overrides: Overrides = {},
) =>
  resource(
    'image',
    {
      ImageName: 'team-notebook',
      ImageArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:image/team-notebook`,
      ImageStatus: 'CREATED',
      RoleArn: ROLE_ARN,
      ...description,
    },
    { name: 'team-notebook', ...overrides },
  );

const TAGS = 'resource-ownership-tags';
const POSIX = 'studio-posix-user-not-root';
const ENV = 'app-image-config-environment-no-secrets';
const LIST_TAGS = 'sagemaker:ListTags';
const tagsNotRead = {
  tags: {},
  errors: [collectionError(LIST_TAGS, { field: 'tags' })],
};

export const customImageResilienceCases: CheckCase[] = [
  {
    check: TAGS,
    name: 'app image configuration with service and owner (SageMaker.6)',
    resource: appImageConfig(),
    expect: 'pass',
  },
  {
    check: TAGS,
    name: 'untagged app image configuration (SageMaker.6)',
    resource: appImageConfig({}, { tags: {} }),
    expect: 'fail',
    message: /team-jupyterlab lacks the ml-service, owner or team tag/,
  },
  {
    check: TAGS,
    name: 'app image configuration with a team but no ML service',
    resource: appImageConfig({}, { tags: { team: 'ml-platform' } }),
    expect: 'fail',
    message: /lacks the ml-service tag/,
  },
  {
    check: TAGS,
    name: 'app image configuration whose tags could not be read',
    resource: appImageConfig({}, tagsNotRead),
    expect: 'unknown',
    missing: [LIST_TAGS],
  },
  {
    check: TAGS,
    name: 'image with service and owner (SageMaker.7)',
    resource: image(),
    expect: 'pass',
  },
  {
    check: TAGS,
    name: 'untagged image (SageMaker.7)',
    resource: image({}, { tags: {} }),
    expect: 'fail',
    message: /team-notebook lacks the ml-service, owner or team tag/,
  },
  {
    check: TAGS,
    name: 'image with an ML service but no owner',
    resource: image({}, { tags: { 'ml-service': 'fraud-scoring' } }),
    expect: 'fail',
    message: /lacks the owner or team tag/,
  },
  {
    check: TAGS,
    name: 'image whose tags could not be read',
    resource: image({}, tagsNotRead),
    expect: 'unknown',
    missing: [LIST_TAGS],
  },
];

export const customImageIamCases: CheckCase[] = [
  // studio-posix-user-not-root on app image configurations
  {
    check: POSIX,
    name: 'app image configuration with the default identity (1000/100)',
    resource: appImageConfig(),
    expect: 'pass',
    message: /unprivileged/,
  },
  {
    check: POSIX,
    name: 'app image configuration without a file system identity (AWS defaults to 1000/100)',
    resource: appImageConfig({
      JupyterLabAppImageConfig: {
        ContainerConfig: { ContainerArguments: ['--debug'] },
      },
    }),
    expect: 'pass',
  },
  {
    check: POSIX,
    name: 'KernelGateway image run as DefaultUid 0',
    resource: appImageConfig({
      JupyterLabAppImageConfig: undefined,
      KernelGatewayImageConfig: {
        KernelSpecs: [{ Name: 'python3' }],
        FileSystemConfig: { DefaultUid: 0, DefaultGid: 100 },
      },
    }),
    expect: 'fail',
    message: /KernelGatewayImageConfig\.FileSystemConfig \(DefaultUid 0\)/,
  },
  {
    check: POSIX,
    name: 'Code Editor image run with DefaultGid 0',
    resource: appImageConfig({
      JupyterLabAppImageConfig: undefined,
      CodeEditorAppImageConfig: {
        FileSystemConfig: { DefaultUid: 1000, DefaultGid: 0 },
      },
    }),
    expect: 'fail',
    message: /CodeEditorAppImageConfig\.FileSystemConfig \(DefaultGid 0\)/,
  },
  {
    check: POSIX,
    name: 'JupyterLab image run as root user and group',
    resource: appImageConfig({
      JupyterLabAppImageConfig: {
        FileSystemConfig: { DefaultUid: 0, DefaultGid: 0 },
      },
    }),
    expect: 'fail',
    message: /DefaultUid 0, DefaultGid 0/,
  },
  {
    check: POSIX,
    name: 'app image configuration not described',
    resource: resource(
      'app-image-config',
      {},
      { errors: [collectionError('sagemaker:DescribeAppImageConfig')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeAppImageConfig'],
  },

  // app-image-config-environment-no-secrets
  {
    check: ENV,
    name: 'JupyterLab container environment without secrets',
    resource: appImageConfig({
      JupyterLabAppImageConfig: {
        ContainerConfig: {
          ContainerEnvironmentVariables: {
            PIP_INDEX_URL: 'https://pypi.internal.example/simple',
            HF_TOKEN_SECRET_ARN:
              'arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf',
          },
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: ENV,
    name: 'JupyterLab configuration without a container configuration',
    resource: appImageConfig(),
    expect: 'pass',
  },
  {
    check: ENV,
    name: 'access key in a Code Editor container environment',
    resource: appImageConfig({
      JupyterLabAppImageConfig: undefined,
      CodeEditorAppImageConfig: {
        ContainerConfig: {
          ContainerEnvironmentVariables: {
            AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          },
        },
      },
    }),
    expect: 'fail',
    message:
      /CodeEditorAppImageConfig\.ContainerConfig\.ContainerEnvironmentVariables\.AWS_ACCESS_KEY_ID/,
  },
  {
    check: ENV,
    name: 'credential-named variable with a literal value',
    resource: appImageConfig({
      JupyterLabAppImageConfig: {
        ContainerConfig: {
          ContainerEnvironmentVariables: {
            WANDB_API_KEY: 'demo0000000000000000000000000000000000ab',
          },
        },
      },
    }),
    expect: 'fail',
  },
  {
    check: ENV,
    name: 'KernelGateway configuration (no container configuration)',
    resource: appImageConfig({
      JupyterLabAppImageConfig: undefined,
      KernelGatewayImageConfig: { KernelSpecs: [{ Name: 'python3' }] },
    }),
    expect: 'not_applicable',
  },
  {
    check: ENV,
    name: 'app image configuration not described',
    resource: resource(
      'app-image-config',
      {},
      { errors: [collectionError('sagemaker:DescribeAppImageConfig')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeAppImageConfig'],
  },

  // The execution-role checks reach an image's role through its descriptor link.
  {
    check: 'execution-role-no-full-access-policies',
    name: "AdministratorAccess on an image's role",
    resource: image(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
            policyName: 'AdministratorAccess',
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /AdministratorAccess/,
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "image's role without managed full-access policies",
    resource: image(),
    facts: [role()],
    expect: 'pass',
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "image's role not collected",
    resource: image(),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: 'image without a role',
    resource: image({ RoleArn: undefined }),
    expect: 'not_applicable',
  },
];
