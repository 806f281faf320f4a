import {
  CheckOutcome,
  Evidence,
} from '@mlsec/plugin-sagemaker-security-common';
import { KMS_KEY_RESOURCE_TYPES } from '../../kms';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  isAllow,
  isPrincipalEveryone,
  hasConditionKey,
  statementsOf,
} from '../../policy';
import {
  defineCheck,
  describePath,
  DOCS,
  factFieldUnknown,
  fail,
  notApplicable,
  pass,
  SEED,
} from '../support';
import { ConfiguredKey, eachConfiguredKey, KeyJudge } from './configuredKeys';

type ResolvedOrAwsManaged = Parameters<KeyJudge>[0];

function keyEvidence(
  configured: ConfiguredKey,
  observed: unknown,
  expected: unknown,
  keyArn?: string,
): Evidence[] {
  return [
    {
      path: describePath({ type: configured.resourceType }, configured.path),
      observed: configured.reference,
    },
    {
      path: 'kms:DescribeKey.KeyMetadata',
      observed,
      expected,
      relatedArn: keyArn,
    },
  ];
}

function judgeCustomerManaged(
  key: ResolvedOrAwsManaged,
  configured: ConfiguredKey,
): CheckOutcome {
  if (key.kind === 'aws-managed-alias') {
    return fail(
      `${configured.path} uses ${key.alias}, an AWS-managed key.`,
      keyEvidence(configured, 'AWS', 'CUSTOMER'),
    );
  }
  const manager = key.fact.keyManager;
  const evidence = keyEvidence(configured, manager, 'CUSTOMER', key.keyArn);
  if (manager === undefined) {
    return factFieldUnknown(
      key,
      'keyManager',
      'kms:DescribeKey',
      `Key manager of ${key.keyArn}`,
    );
  }
  return manager === 'CUSTOMER'
    ? pass(
        `${configured.path} uses customer-managed key ${key.keyArn}.`,
        evidence,
      )
    : fail(`${configured.path} uses AWS-managed key ${key.keyArn}.`, evidence);
}

export const kmsKeysCustomerManaged = defineCheck(
  {
    id: 'kms-keys-customer-managed',
    pillar: 'encryption',
    title: 'Every KMS key the resource uses is customer-managed',
    severity: 'medium',
    resourceTypes: KMS_KEY_RESOURCE_TYPES,
    rationale:
      'AWS-managed keys (alias/aws/...) cannot have their key policy restricted, rotation schedule chosen or use revoked; customer-managed keys give that control and a separate audit trail.',
    references: {
      securityHub: ['SageMaker.21'],
      powerpipe: ['sagemaker_notebook_instance_encrypted_with_kms_cmk'],
      seed: {
        pillar: SEED.dataProtection,
        phases: ['data-preparation', 'training', 'deployment'],
      },
    },
    remediation: {
      text: 'Create a customer-managed key with a scoped key policy and reference it (by key ARN) in the resource definition.',
      docsUrl: DOCS.keyManagement,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachConfiguredKey(judgeCustomerManaged),
);

function judgeRotation(
  key: ResolvedOrAwsManaged,
  configured: ConfiguredKey,
): CheckOutcome {
  if (key.kind === 'aws-managed-alias') {
    return pass(
      `${configured.path} uses ${key.alias}; AWS rotates AWS-managed keys.`,
    );
  }
  const { fact } = key;
  if (fact.keyManager === 'AWS') {
    return pass(`${key.keyArn} is AWS-managed; AWS rotates it.`);
  }
  if (
    (fact.keySpec !== undefined && fact.keySpec !== 'SYMMETRIC_DEFAULT') ||
    (fact.origin !== undefined && fact.origin !== 'AWS_KMS')
  ) {
    return notApplicable(
      `${key.keyArn} (${fact.keySpec ?? ''} ${
        fact.origin ?? ''
      }) does not support automatic rotation.`,
    );
  }
  const evidence = keyEvidence(
    configured,
    fact.rotationEnabled,
    true,
    key.keyArn,
  );
  evidence[1].path = 'kms:GetKeyRotationStatus.KeyRotationEnabled';
  if (fact.rotationEnabled === undefined) {
    return factFieldUnknown(
      key,
      'rotationEnabled',
      'kms:GetKeyRotationStatus',
      `Rotation status of ${key.keyArn}`,
    );
  }
  return fact.rotationEnabled
    ? pass(`${key.keyArn} rotates automatically.`, evidence)
    : fail(`${key.keyArn} does not rotate automatically.`, evidence);
}

export const kmsKeysRotationEnabled = defineCheck(
  {
    id: 'kms-keys-rotation-enabled',
    pillar: 'encryption',
    title:
      'Customer-managed KMS keys used by the resource rotate automatically',
    severity: 'medium',
    resourceTypes: KMS_KEY_RESOURCE_TYPES,
    rationale:
      'Automatic rotation limits how much data one key version protects; AWS-managed keys rotate on their own.',
    references: {
      prowler: ['kms_cmk_rotation_enabled'],
      configRules: ['cmk-backing-key-rotation-enabled'],
      seed: {
        pillar: SEED.dataProtection,
        phases: ['data-preparation', 'training', 'deployment'],
      },
    },
    remediation: {
      text: 'Enable automatic key rotation (EnableKeyRotation) on the customer-managed key.',
      docsUrl: DOCS.kmsRotation,
    },
  },
  eachConfiguredKey(judgeRotation),
);

function judgeEnabled(
  key: ResolvedOrAwsManaged,
  configured: ConfiguredKey,
): CheckOutcome {
  if (key.kind === 'aws-managed-alias') {
    return pass(`${configured.path} uses ${key.alias}; AWS keeps it enabled.`);
  }
  const state = key.fact.keyState;
  const evidence = keyEvidence(configured, state, 'Enabled', key.keyArn);
  if (state === undefined) {
    return factFieldUnknown(
      key,
      'keyState',
      'kms:DescribeKey',
      `State of ${key.keyArn}`,
    );
  }
  return state === 'Enabled'
    ? pass(`${key.keyArn} is enabled.`, evidence)
    : fail(`${key.keyArn} is ${state}.`, evidence);
}

export const kmsKeysEnabled = defineCheck(
  {
    id: 'kms-keys-enabled',
    pillar: 'encryption',
    title: 'KMS keys used by the resource are enabled and not pending deletion',
    severity: 'high',
    resourceTypes: KMS_KEY_RESOURCE_TYPES,
    rationale:
      'A disabled key or one pending deletion makes encrypted volumes, artifacts and captured data unreadable; a key scheduled for deletion is destroyed for good.',
    references: {
      prowler: ['kms_cmk_are_used', 'kms_cmk_not_deleted_unintentionally'],
      seed: { pillar: SEED.dataProtection, phases: ['training', 'deployment'] },
    },
    remediation: {
      text: 'Cancel the key deletion (CancelKeyDeletion) or enable the key, or move the resource to an enabled key.',
      docsUrl: DOCS.kmsKeyState,
    },
  },
  eachConfiguredKey(judgeEnabled),
);

/** Conditions that keep a `Principal: *` grant inside an account or organisation. */
const SCOPING_KEYS = [
  'kms:CallerAccount',
  'aws:PrincipalAccount',
  'aws:PrincipalOrgID',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:PrincipalArn',
];

function judgeKeyPolicy(
  key: ResolvedOrAwsManaged,
  configured: ConfiguredKey,
): CheckOutcome {
  if (key.kind === 'aws-managed-alias') {
    return pass(
      `${configured.path} uses ${key.alias}; its key policy is AWS's.`,
    );
  }
  const policy = key.fact.keyPolicy;
  if (policy === undefined) {
    return factFieldUnknown(
      key,
      'keyPolicy',
      'kms:GetKeyPolicy',
      `Key policy of ${key.keyArn}`,
    );
  }
  const open = statementsOf(policy).filter(
    statement =>
      isAllow(statement) &&
      isPrincipalEveryone(statement.Principal) &&
      !hasConditionKey(statement, ...SCOPING_KEYS),
  );
  const evidence: Evidence[] = [
    {
      path: 'kms:GetKeyPolicy.Policy',
      observed: open.map(statement => statement.Sid ?? '(no Sid)'),
      expected: 'no Allow to Principal "*" without an account condition',
      relatedArn: key.keyArn,
    },
  ];
  return open.length > 0
    ? fail(
        `Key policy of ${key.keyArn} allows everyone (${open.length} statement(s)).`,
        evidence,
      )
    : pass(`Key policy of ${key.keyArn} does not allow everyone.`, evidence);
}

export const kmsKeyPoliciesNotPublic = defineCheck(
  {
    id: 'kms-key-policies-not-public',
    pillar: 'encryption',
    title: 'KMS key policies do not grant access to everyone',
    severity: 'critical',
    resourceTypes: KMS_KEY_RESOURCE_TYPES,
    rationale:
      'A key policy that allows Principal "*" without an account or organisation condition lets any AWS account use the key to decrypt your data.',
    references: {
      prowler: ['kms_key_not_publicly_accessible'],
      seed: {
        pillar: SEED.dataProtection,
        phases: ['data-preparation', 'training', 'deployment'],
      },
    },
    remediation: {
      text: 'Replace Principal "*" with the account root or named roles, or add a kms:CallerAccount / aws:PrincipalOrgID condition.',
      docsUrl: DOCS.kmsKeyPolicy,
    },
  },
  eachConfiguredKey(judgeKeyPolicy),
);
