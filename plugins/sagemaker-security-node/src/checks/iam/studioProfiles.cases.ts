import {
  ACCOUNT,
  collectionError,
  KEY_ARN,
  kmsKey,
  role,
} from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';
import { profile } from './studio.cases';

/**
 * Cases of a user profile's own Canvas settings (issue 16): the model register
 * check extended to profiles, and the role and key checks that reach a profile
 * through its links.
 */

const OTHER_ACCOUNT = '444455556666';
const BEDROCK_ROLE = `arn:aws:iam::${ACCOUNT}:role/canvas-bedrock`;
const REGISTER = 'domain-canvas-model-register-same-account';
const DESCRIBE_PROFILE = 'sagemaker:DescribeUserProfile';

export const studioProfileCases: CheckCase[] = [
  // domain-canvas-model-register-same-account on a user profile's own settings
  {
    check: REGISTER,
    name: 'profile without Canvas settings',
    resource: profile(),
    expect: 'pass',
  },
  {
    check: REGISTER,
    name: "profile's register role in its own account",
    resource: profile({
      CanvasAppSettings: {
        ModelRegisterSettings: {
          Status: 'ENABLED',
          CrossAccountModelRegisterRoleArn: `arn:aws:iam::${ACCOUNT}:role/registry`,
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: REGISTER,
    name: "profile's register role in another account",
    resource: profile({
      CanvasAppSettings: {
        ModelRegisterSettings: {
          CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/registry`,
        },
      },
    }),
    expect: 'warn',
    message: new RegExp(`account ${OTHER_ACCOUNT}`),
  },
  {
    check: REGISTER,
    name: "profile's Canvas model registry integration disabled",
    resource: profile({
      CanvasAppSettings: {
        ModelRegisterSettings: {
          Status: 'DISABLED',
          CrossAccountModelRegisterRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/registry`,
        },
      },
    }),
    expect: 'not_applicable',
  },
  {
    check: REGISTER,
    name: 'profile settings unreadable',
    resource: profile(
      {},
      {
        errors: [collectionError(DESCRIBE_PROFILE, { field: 'UserSettings' })],
      },
    ),
    expect: 'unknown',
    missing: [DESCRIBE_PROFILE],
  },

  // The role and key checks reach a profile's Canvas settings through its links.
  {
    check: 'execution-role-no-full-access-policies',
    name: "AdministratorAccess on a profile's Canvas Bedrock role",
    resource: profile({
      CanvasAppSettings: {
        GenerativeAiSettings: { AmazonBedrockRoleArn: BEDROCK_ROLE },
      },
    }),
    facts: [
      role(
        {
          assumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'bedrock.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          attachedPolicies: [
            {
              policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
              policyName: 'AdministratorAccess',
            },
          ],
        },
        { arn: BEDROCK_ROLE },
      ),
    ],
    expect: 'fail',
    message: /canvas-bedrock/,
  },
  {
    check: 'execution-role-no-full-access-policies',
    name: "profile's Canvas Bedrock role not collected",
    resource: profile({
      CanvasAppSettings: {
        GenerativeAiSettings: { AmazonBedrockRoleArn: BEDROCK_ROLE },
      },
    }),
    expect: 'unknown',
    missing: ['iam:GetRole'],
  },
  {
    check: 'kms-keys-customer-managed',
    name: "profile's Canvas workspace under an AWS-managed key",
    resource: profile({
      CanvasAppSettings: { WorkspaceSettings: { S3KmsKeyId: KEY_ARN } },
    }),
    facts: [kmsKey({ keyManager: 'AWS' })],
    expect: 'fail',
    message: /AWS-managed/,
  },
  {
    check: 'kms-keys-customer-managed',
    name: "profile's notebook sharing under a customer-managed key",
    resource: profile({
      SharingSettings: {
        NotebookOutputOption: 'Allowed',
        S3KmsKeyId: KEY_ARN,
      },
    }),
    facts: [kmsKey()],
    expect: 'pass',
  },
];
