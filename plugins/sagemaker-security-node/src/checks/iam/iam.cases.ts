import {
  ACCOUNT,
  bucket,
  collectionError,
  domain,
  endpointConfig,
  fact,
  featureGroup,
  lifecycleConfig,
  model,
  modelPackageGroup,
  notebook,
  pipeline,
  processingJob,
  role,
  ROLE_ARN,
  roleWithStatements,
  trainingJob,
  transformJob,
  tuningJob,
  userProfile,
  resource,
  REGION,
} from '../../testing/fixtures';
import { domainSettingsIamCases } from '../domainSettings.cases';
import { CheckCase } from '../../testing/checkCases';
import { mlflowIamCases } from './mlflow.cases';
import { registryAndScriptCases } from './registryAndScripts.cases';
import { studioIamCases } from './studio.cases';
import { studioProfileCases } from './studioProfiles.cases';
import { studioScriptCases } from './studioScripts.cases';
import { jobTypesIamCases } from './jobTypes.cases';
import { inferenceComponentIamCases } from '../inferenceComponent.cases';
import { partnerAppIamCases } from '../partnerApp.cases';
import { customImageIamCases } from '../customImages.cases';

/** A HyperPod cluster (ARN ending in its generated ID), its instance group running as ROLE_ARN. */
const cluster = (description: Record<string, unknown> = {}) =>
  resource(
    'hyperpod-cluster',
    {
      ClusterName: 'llm',
      ClusterArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:cluster/p1q2r3s4t5u6`,
      InstanceGroups: [
        {
          InstanceGroupName: 'workers',
          ExecutionRole: ROLE_ARN,
          LifeCycleConfig: { SourceS3Uri: 's3://sagemaker-lifecycle/scripts/' },
        },
      ],
      ...description,
    },
    {
      name: 'llm',
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:cluster/p1q2r3s4t5u6`,
    },
  );

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const FAKE_ACCESS_KEY = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const SCOPED_S3 = {
  Effect: 'Allow',
  Action: ['s3:GetObject', 's3:PutObject'],
  Resource: 'arn:aws:s3:::ml-data/*',
};

export const iamCases: CheckCase[] = [
  // notebook-root-access-disabled
  {
    check: 'notebook-root-access-disabled',
    name: 'Disabled',
    resource: notebook({ RootAccess: 'Disabled' }),
    expect: 'pass',
  },
  {
    check: 'notebook-root-access-disabled',
    name: 'Enabled',
    resource: notebook({ RootAccess: 'Enabled' }),
    expect: 'fail',
  },
  {
    check: 'notebook-root-access-disabled',
    name: 'absent means Enabled',
    resource: notebook(),
    expect: 'fail',
    message: /absent, so Enabled/,
  },
  {
    check: 'notebook-root-access-disabled',
    name: 'field unreadable',
    resource: notebook(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeNotebookInstance', {
            field: 'RootAccess',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // domain-sso-authentication
  {
    check: 'domain-sso-authentication',
    name: 'SSO linked to Identity Center',
    resource: domain({
      AuthMode: 'SSO',
      SingleSignOnApplicationArn: 'arn:aws:sso::1:application/x',
    }),
    expect: 'pass',
  },
  {
    check: 'domain-sso-authentication',
    name: 'SSO without application',
    resource: domain({ AuthMode: 'SSO' }),
    expect: 'fail',
  },
  {
    check: 'domain-sso-authentication',
    name: 'IAM mode',
    resource: domain({ AuthMode: 'IAM' }),
    expect: 'warn',
  },
  {
    check: 'domain-sso-authentication',
    name: 'auth mode unreadable',
    resource: domain(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeDomain', { field: 'AuthMode' }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // domain-docker-access-disabled
  {
    check: 'domain-docker-access-disabled',
    name: 'absent means disabled',
    resource: domain(),
    expect: 'pass',
  },
  {
    check: 'domain-docker-access-disabled',
    name: 'enabled',
    resource: domain({
      DomainSettings: { DockerSettings: { EnableDockerAccess: 'ENABLED' } },
    }),
    expect: 'fail',
  },
  {
    check: 'domain-docker-access-disabled',
    name: 'settings unreadable',
    resource: domain(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeDomain', {
            field: 'DomainSettings',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // endpoint-config-ssm-access-disabled
  {
    check: 'endpoint-config-ssm-access-disabled',
    name: 'no SSM access',
    resource: endpointConfig(),
    expect: 'pass',
  },
  {
    check: 'endpoint-config-ssm-access-disabled',
    name: 'SSM access on a variant',
    resource: endpointConfig({
      ProductionVariants: [
        {
          VariantName: 'v1',
          InstanceType: 'ml.m5.large',
          EnableSSMAccess: true,
        },
      ],
    }),
    expect: 'fail',
  },
  {
    check: 'endpoint-config-ssm-access-disabled',
    name: 'variants unreadable',
    resource: endpointConfig(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeEndpointConfig', {
            field: 'ProductionVariants',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // training-job-remote-debug-disabled
  {
    check: 'training-job-remote-debug-disabled',
    name: 'not set',
    resource: trainingJob(),
    expect: 'pass',
  },
  {
    check: 'training-job-remote-debug-disabled',
    name: 'enabled',
    resource: trainingJob({ RemoteDebugConfig: { EnableRemoteDebug: true } }),
    expect: 'fail',
  },
  {
    check: 'training-job-remote-debug-disabled',
    name: 'enabled on a running job',
    resource: trainingJob({
      TrainingJobStatus: 'InProgress',
      RemoteDebugConfig: { EnableRemoteDebug: true },
    }),
    expect: 'fail',
  },
  {
    check: 'training-job-remote-debug-disabled',
    name: 'ended job (its Search record has no RemoteDebugConfig)',
    resource: trainingJob({ TrainingJobStatus: 'Completed' }),
    expect: 'not_applicable',
  },
  {
    check: 'training-job-remote-debug-disabled',
    name: 'enabled on a stopped job',
    resource: trainingJob(
      {
        RemoteDebugConfig: { EnableRemoteDebug: true },
      },
      { status: 'Stopped' },
    ),
    expect: 'not_applicable',
  },
  {
    check: 'training-job-remote-debug-disabled',
    name: 'describe failed',
    resource: trainingJob(
      {},
      { errors: [collectionError('sagemaker:DescribeTrainingJob')] },
    ),
    expect: 'unknown',
  },

  // execution-role-no-full-access-policies
  {
    check: 'execution-role-no-full-access-policies',
    name: 'scoped policies only',
    resource: notebook(),
    facts: [role()],
    expect: 'pass',
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: 'AmazonSageMakerFullAccess on a notebook role',
    resource: notebook(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
            policyName: 'AmazonSageMakerFullAccess',
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /AmazonSageMakerFullAccess/,
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: 'AdministratorAccess on a pipeline role',
    resource: pipeline(),
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
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: 'attached policies denied',
    resource: notebook(),
    facts: [
      role(
        { attachedPolicies: undefined },
        { errors: [collectionError('iam:ListAttachedRolePolicies')] },
      ),
    ],
    expect: 'unknown',
    missing: ['iam:ListAttachedRolePolicies'],
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: 'role not collected',
    resource: notebook(),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: 'no execution role',
    resource: notebook({ RoleArn: undefined }),
    expect: 'not_applicable',
  },

  // execution-role-no-wildcard-actions
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'named actions',
    resource: model(),
    facts: [roleWithStatements([SCOPED_S3])],
    expect: 'pass',
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'sagemaker:*',
    resource: model(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'Allow with NotAction',
    resource: model(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'wildcard in a Deny is fine',
    resource: model(),
    facts: [
      roleWithStatements([
        SCOPED_S3,
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'managed policy document unreadable',
    resource: model(),
    facts: [
      role(
        {
          attachedPolicies: [
            {
              policyArn: `arn:aws:iam::${ACCOUNT}:policy/custom`,
              policyName: 'custom',
            },
          ],
        },
        {
          errors: [
            collectionError('iam:GetPolicyVersion', {
              target: `arn:aws:iam::${ACCOUNT}:policy/custom`,
            }),
          ],
        },
      ),
    ],
    expect: 'unknown',
    missing: ['iam:GetPolicyVersion'],
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'wildcard proven even though another policy is unreadable',
    resource: model(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: `arn:aws:iam::${ACCOUNT}:policy/custom`,
            policyName: 'custom',
          },
        ],
        inlinePolicies: [
          {
            policyName: 'all',
            document: {
              Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
            },
          },
        ],
      }),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-no-wildcard-actions',
    name: 'no role',
    resource: model({ ExecutionRoleArn: undefined }),
    expect: 'not_applicable',
  },

  // execution-role-s3-access-scoped
  {
    check: 'execution-role-s3-access-scoped',
    name: 'one bucket',
    resource: trainingJob(),
    facts: [roleWithStatements([SCOPED_S3])],
    expect: 'pass',
  },
  {
    check: 'execution-role-s3-access-scoped',
    name: 'GetObject on *',
    resource: trainingJob(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-s3-access-scoped',
    name: 's3:* on arn:aws:s3:::*/*',
    resource: trainingJob(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*/*' },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-s3-access-scoped',
    name: 'broad allow cut back by a Deny with NotResource',
    resource: trainingJob(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::ml-data', 'arn:aws:s3:::ml-data/*'],
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-s3-access-scoped',
    name: 'inline policies unreadable',
    resource: trainingJob(),
    facts: [
      role(
        { inlinePolicies: undefined },
        { errors: [collectionError('iam:ListRolePolicies')] },
      ),
    ],
    expect: 'unknown',
    missing: ['iam:ListRolePolicies'],
  },
  {
    check: 'execution-role-s3-access-scoped',
    name: 'no role',
    resource: trainingJob({ RoleArn: undefined }),
    expect: 'not_applicable',
  },

  // execution-role-passrole-scoped
  {
    check: 'execution-role-passrole-scoped',
    name: 'PassRole on * with iam:PassedToService',
    resource: notebook(),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: {
            StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
          },
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-passrole-scoped',
    name: 'PassRole on a named role',
    resource: notebook(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE_ARN },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-passrole-scoped',
    name: 'PassRole on *',
    resource: notebook(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-passrole-scoped',
    name: 'iam:Pass* on role/*',
    resource: notebook(),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: 'IAM:Pass*',
          Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
        },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-passrole-scoped',
    name: 'PassRole on * explicitly denied',
    resource: notebook(),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-passrole-scoped',
    name: 'role fact denied',
    resource: notebook(),
    facts: [
      fact('iam-role', ROLE_ARN, undefined, {
        errors: [collectionError('iam:GetRole')],
      }),
    ],
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 'execution-role-passrole-scoped',
    name: 'no role',
    resource: notebook({ RoleArn: '' }),
    expect: 'not_applicable',
  },

  // execution-role-privilege-escalation
  {
    check: 'execution-role-privilege-escalation',
    name: 'create training jobs with a scoped PassRole',
    resource: notebook(),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: 'sagemaker:CreateTrainingJob',
          Resource: '*',
        },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE_ARN },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-privilege-escalation',
    name: 'PassRole on * + CreateNotebookInstance',
    resource: notebook(),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: ['sagemaker:CreateNotebookInstance', 'iam:PassRole'],
          Resource: '*',
        },
      ]),
    ],
    expect: 'fail',
    message: /CreateNotebookInstance/,
  },
  {
    check: 'execution-role-privilege-escalation',
    name: 'lifecycle config + update notebook',
    resource: userProfile({ UserSettings: { ExecutionRole: ROLE_ARN } }),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: [
            'sagemaker:CreateNotebookInstanceLifecycleConfig',
            'sagemaker:UpdateNotebookInstance',
          ],
          Resource: '*',
        },
      ]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-privilege-escalation',
    name: 'policies unreadable',
    resource: notebook(),
    facts: [role({ attachedPolicies: undefined, inlinePolicies: undefined })],
    expect: 'unknown',
  },
  {
    check: 'execution-role-privilege-escalation',
    name: 'no role',
    resource: domain(),
    expect: 'not_applicable',
  },

  // execution-role-kms-not-full-access
  {
    check: 'execution-role-kms-not-full-access',
    name: 'Decrypt on one key',
    resource: featureGroup({ RoleArn: ROLE_ARN }),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: 'arn:aws:kms:eu-west-1:1:key/k',
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-kms-not-full-access',
    name: 'kms:* on *',
    resource: featureGroup({ RoleArn: ROLE_ARN }),
    facts: [
      roleWithStatements([{ Effect: 'Allow', Action: 'KMS:*', Resource: '*' }]),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-kms-not-full-access',
    name: 'policies unreadable',
    resource: featureGroup({ RoleArn: ROLE_ARN }),
    facts: [
      role(
        { inlinePolicies: [{ policyName: 'p' }] },
        { errors: [collectionError('iam:GetRolePolicy')] },
      ),
    ],
    expect: 'unknown',
    missing: ['iam:GetRolePolicy'],
  },
  {
    check: 'execution-role-kms-not-full-access',
    name: 'no role',
    resource: featureGroup(),
    expect: 'not_applicable',
  },

  // execution-role-presigned-url-conditions
  {
    check: 'execution-role-presigned-url-conditions',
    name: 'presigned URL needs MFA',
    resource: domain({ DefaultUserSettings: { ExecutionRole: ROLE_ARN } }),
    facts: [
      roleWithStatements([
        {
          Effect: 'Allow',
          Action: 'sagemaker:CreatePresignedDomainUrl',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'execution-role-presigned-url-conditions',
    name: 'presigned URL via sagemaker:*',
    resource: domain({ DefaultUserSettings: { ExecutionRole: ROLE_ARN } }),
    facts: [
      roleWithStatements([
        { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
      ]),
    ],
    expect: 'warn',
  },
  {
    check: 'execution-role-presigned-url-conditions',
    name: 'role not collected',
    resource: domain({ DefaultUserSettings: { ExecutionRole: ROLE_ARN } }),
    expect: 'unknown',
  },
  {
    check: 'execution-role-presigned-url-conditions',
    name: 'no role',
    resource: domain(),
    expect: 'not_applicable',
  },

  // execution-role-trust-confused-deputy
  {
    check: 'execution-role-trust-confused-deputy',
    name: 'aws:SourceAccount',
    resource: processingJob(),
    facts: [role()],
    expect: 'pass',
  },
  {
    check: 'execution-role-trust-confused-deputy',
    name: 'no source condition',
    resource: processingJob(),
    facts: [
      role({
        assumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['sagemaker.amazonaws.com'] },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      }),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-trust-confused-deputy',
    name: 'role trusts another service only',
    resource: processingJob(),
    facts: [
      role({
        assumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      }),
    ],
    expect: 'not_applicable',
  },
  {
    check: 'execution-role-trust-confused-deputy',
    name: 'trust policy unreadable',
    resource: processingJob(),
    facts: [
      role(
        { assumeRolePolicyDocument: undefined },
        {
          errors: [
            collectionError('iam:GetRole', {
              field: 'assumeRolePolicyDocument',
            }),
          ],
        },
      ),
    ],
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },

  // execution-role-trust-not-public
  {
    check: 'execution-role-trust-not-public',
    name: 'service only',
    resource: tuningJob(),
    facts: [role()],
    expect: 'pass',
  },
  {
    check: 'execution-role-trust-not-public',
    name: 'Principal AWS *',
    resource: tuningJob(),
    facts: [
      role({
        assumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      }),
    ],
    expect: 'fail',
  },
  {
    check: 'execution-role-trust-not-public',
    name: 'another account',
    resource: tuningJob(),
    facts: [
      role({
        assumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:root' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      }),
    ],
    expect: 'warn',
  },
  {
    check: 'execution-role-trust-not-public',
    name: 'role not collected',
    resource: tuningJob(),
    expect: 'unknown',
  },
  {
    check: 'execution-role-trust-not-public',
    name: 'iac: role outside the template',
    resource: tuningJob(),
    mode: 'iac',
    expect: 'not_applicable',
  },

  // execution-role-permissions-boundary
  {
    check: 'execution-role-permissions-boundary',
    name: 'boundary set',
    resource: model(),
    facts: [role()],
    expect: 'pass',
  },
  {
    check: 'execution-role-permissions-boundary',
    name: 'no boundary',
    resource: model(),
    facts: [role({ permissionsBoundaryArn: null })],
    expect: 'fail',
  },
  {
    check: 'execution-role-permissions-boundary',
    name: 'boundary unreadable',
    resource: model(),
    facts: [role({ permissionsBoundaryArn: undefined })],
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 'execution-role-permissions-boundary',
    name: 'no role',
    resource: model({ ExecutionRoleArn: undefined }),
    expect: 'not_applicable',
  },

  // model-package-group-policy-not-public
  {
    check: 'model-package-group-policy-not-public',
    name: 'no policy',
    resource: modelPackageGroup({ ResourcePolicy: null }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-not-public',
    name: 'named account',
    resource: modelPackageGroup({
      ResourcePolicy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999988887777:root' },
            Action: 'sagemaker:DescribeModelPackage',
          },
        ],
      }),
    }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-not-public',
    name: 'Principal * (URL-encoded JSON)',
    resource: modelPackageGroup({
      ResourcePolicy: encodeURIComponent(
        JSON.stringify({
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 'sagemaker:*' },
          ],
        }),
      ),
    }),
    expect: 'fail',
  },
  {
    check: 'model-package-group-policy-not-public',
    name: 'policy not collected',
    resource: modelPackageGroup(),
    expect: 'unknown',
  },
  {
    check: 'model-package-group-policy-not-public',
    name: 'GetModelPackageGroupPolicy denied',
    resource: modelPackageGroup(
      {},
      { errors: [collectionError('sagemaker:GetModelPackageGroupPolicy')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:GetModelPackageGroupPolicy'],
  },

  // s3-buckets-public-access-blocked
  {
    check: 's3-buckets-public-access-blocked',
    name: 'all four settings',
    resource: model({
      PrimaryContainer: { ModelDataUrl: 's3://artifacts/model.tar.gz' },
    }),
    facts: [bucket('artifacts')],
    expect: 'pass',
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'no block configured',
    resource: model({
      PrimaryContainer: { ModelDataUrl: 's3://artifacts/model.tar.gz' },
    }),
    facts: [bucket('artifacts', { publicAccessBlock: null })],
    expect: 'fail',
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'one setting off',
    resource: model({
      PrimaryContainer: { ModelDataUrl: 's3://artifacts/model.tar.gz' },
    }),
    facts: [
      bucket('artifacts', {
        publicAccessBlock: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: false,
          restrictPublicBuckets: true,
        },
      }),
    ],
    expect: 'fail',
    message: /blockPublicPolicy/,
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'block unreadable',
    resource: model({
      PrimaryContainer: { ModelDataUrl: 's3://artifacts/model.tar.gz' },
    }),
    facts: [
      bucket('artifacts', { publicAccessBlock: undefined }, [
        collectionError('s3:GetBucketPublicAccessBlock'),
      ]),
    ],
    expect: 'unknown',
    missing: ['s3:GetBucketPublicAccessBlock'],
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'no S3 location',
    resource: model(),
    expect: 'not_applicable',
  },

  // notebook-lifecycle-no-secrets
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'clean script',
    resource: lifecycleConfig({
      OnStart: [
        { Content: b64('#!/bin/bash\npip install -r requirements.txt\n') },
      ],
    }),
    expect: 'pass',
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'access key in OnCreate',
    resource: lifecycleConfig({
      OnCreate: [
        { Content: b64(`export AWS_ACCESS_KEY_ID=${FAKE_ACCESS_KEY}\n`) },
      ],
    }),
    expect: 'fail',
    message: /OnCreate\.0\.Content line 1 \(AWS access key ID\)/,
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'notebook whose config holds a password',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    resources: [
      lifecycleConfig(
        { OnStart: [{ Content: b64('DB_PASSWORD="hunter2hunter2"\n') }] },
        { name: 'setup' },
      ),
    ],
    expect: 'fail',
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'password read from Secrets Manager',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    resources: [
      lifecycleConfig(
        {
          OnStart: [
            {
              Content: b64(
                'DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db)\n',
              ),
            },
          ],
        },
        { name: 'setup' },
      ),
    ],
    expect: 'pass',
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'no lifecycle config',
    resource: notebook(),
    expect: 'not_applicable',
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'config not collected',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeNotebookInstanceLifecycleConfig'],
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'config describe denied',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    resources: [
      lifecycleConfig(
        {},
        {
          name: 'setup',
          errors: [
            collectionError(
              'sagemaker:DescribeNotebookInstanceLifecycleConfig',
            ),
          ],
        },
      ),
    ],
    expect: 'unknown',
    missing: ['sagemaker:DescribeNotebookInstanceLifecycleConfig'],
  },

  // model-environment-no-secrets
  {
    check: 'model-environment-no-secrets',
    name: 'harmless variables',
    resource: model({
      PrimaryContainer: {
        Environment: {
          TOKENIZERS_PARALLELISM: 'false',
          SAGEMAKER_PROGRAM: 'inference.py',
          HF_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:hf',
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'model-environment-no-secrets',
    name: 'API key literal in a second container',
    resource: model({
      Containers: [
        { Environment: {} },
        {
          Environment: {
            OPENAI_API_KEY: 'not-a-reference-but-a-literal-value',
          },
        },
      ],
    }),
    expect: 'fail',
    message: /Containers\.1\.Environment\.OPENAI_API_KEY/,
  },
  {
    check: 'model-environment-no-secrets',
    name: 'containers unreadable',
    resource: model(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeModel', {
            field: 'PrimaryContainer',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // job-environment-no-secrets
  {
    check: 'job-environment-no-secrets',
    name: 'clean hyperparameters',
    resource: trainingJob({
      HyperParameters: { epochs: '10', learning_rate: '0.01' },
    }),
    expect: 'pass',
  },
  {
    check: 'job-environment-no-secrets',
    name: 'token in hyperparameters',
    resource: trainingJob({
      HyperParameters: { hub_token: 'hf_abcdefghijklmnopqrstuvwxyz0123456789' },
    }),
    expect: 'fail',
  },
  {
    check: 'job-environment-no-secrets',
    name: 'password in processing environment',
    resource: processingJob({
      Environment: { DbPassword: 'correct-horse-battery' },
    }),
    expect: 'fail',
  },
  {
    check: 'job-environment-no-secrets',
    name: 'describe failed',
    resource: transformJob(
      {},
      { errors: [collectionError('sagemaker:DescribeTransformJob')] },
    ),
    expect: 'unknown',
  },

  // The role and bucket checks reach a HyperPod cluster through its descriptor links.
  {
    check: 'execution-role-no-full-access-policies',
    name: "AmazonSageMakerFullAccess on a HyperPod instance group's role",
    resource: cluster(),
    facts: [
      role({
        attachedPolicies: [
          {
            policyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
            policyName: 'AmazonSageMakerFullAccess',
          },
        ],
      }),
    ],
    expect: 'fail',
    message: /AmazonSageMakerFullAccess/,
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "HyperPod instance group's role not collected",
    resource: cluster(),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'HyperPod lifecycle script bucket without a public access block',
    resource: cluster(),
    facts: [bucket('sagemaker-lifecycle', { publicAccessBlock: null })],
    expect: 'fail',
  },
  {
    check: 's3-buckets-public-access-blocked',
    name: 'HyperPod lifecycle script bucket blocked',
    resource: cluster(),
    facts: [bucket('sagemaker-lifecycle')],
    expect: 'pass',
  },
  ...domainSettingsIamCases,
  ...mlflowIamCases,
  ...registryAndScriptCases,
  ...studioIamCases,
  ...studioProfileCases,
  ...studioScriptCases,
  ...jobTypesIamCases,
  ...partnerAppIamCases,
  ...inferenceComponentIamCases,
  ...customImageIamCases,
];
