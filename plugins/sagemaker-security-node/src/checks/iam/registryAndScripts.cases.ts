import {
  collectionError,
  lifecycleConfig,
  modelPackageGroup,
  notebook,
} from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';

/** Cases of the model package group policy and lifecycle script checks (issue 16). */

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const FAKE_ACCESS_KEY = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const OTHER_ESTATE_ACCOUNT = '444455556666';
const STRANGER = '999988887777';

const policy = (...statements: Array<Record<string, unknown>>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (
  principal: unknown,
  action: unknown = 'sagemaker:DescribeModelPackage',
) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: '*',
});
const group = (...statements: Array<Record<string, unknown>>) =>
  modelPackageGroup({ ResourcePolicy: policy(...statements) });
/** A resource of another account of the estate (so the estate holds it). */
const inOtherEstateAccount = modelPackageGroup(
  {},
  { name: 'other', accountId: OTHER_ESTATE_ACCOUNT },
);
const policyDenied = modelPackageGroup(
  {},
  { errors: [collectionError('sagemaker:GetModelPackageGroupPolicy')] },
);
const script = (...lines: string[]) =>
  lifecycleConfig({ OnStart: [{ Content: b64(lines.join('\n')) }] });

export const registryAndScriptCases: CheckCase[] = [
  // model-package-group-policy-not-public (more)
  {
    check: 'model-package-group-policy-not-public',
    name: 'AWS "*" limited by aws:PrincipalOrgID',
    resource: group({
      ...allow({ AWS: '*' }),
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-not-public',
    name: '{"AWS": ["*"]} without a condition',
    resource: group(allow({ AWS: ['*'] })),
    expect: 'fail',
  },

  // model-package-group-policy-no-external-accounts
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'no policy (GetModelPackageGroupPolicy: not found)',
    resource: modelPackageGroup({ ResourcePolicy: null }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'another account of the estate',
    resource: group(
      allow({ AWS: `arn:aws:iam::${OTHER_ESTATE_ACCOUNT}:root` }),
    ),
    resources: [inOtherEstateAccount],
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'an account outside the estate, named in the message',
    resource: group(
      allow({
        AWS: [`arn:aws:iam::${OTHER_ESTATE_ACCOUNT}:role/deployer`, STRANGER],
      }),
    ),
    resources: [inOtherEstateAccount],
    expect: 'warn',
    message: new RegExp(`outside the estate: ${STRANGER}\\.$`),
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'another account when the estate is one account',
    resource: group(
      allow({ AWS: `arn:aws:iam::${OTHER_ESTATE_ACCOUNT}:root` }),
    ),
    expect: 'warn',
    message: new RegExp(OTHER_ESTATE_ACCOUNT),
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'a Deny to an outside account grants nothing',
    resource: group({ ...allow(STRANGER), Effect: 'Deny' }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'GetModelPackageGroupPolicy failed',
    resource: policyDenied,
    expect: 'unknown',
    missing: ['sagemaker:GetModelPackageGroupPolicy'],
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'policy not collected',
    resource: modelPackageGroup(),
    expect: 'unknown',
    missing: ['sagemaker:GetModelPackageGroupPolicy'],
  },
  {
    check: 'model-package-group-policy-no-external-accounts',
    name: 'policy not JSON',
    resource: modelPackageGroup({ ResourcePolicy: '{not json' }),
    expect: 'unknown',
    missing: ['sagemaker:GetModelPackageGroupPolicy'],
  },

  // model-package-group-policy-no-wildcard-actions
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'no policy',
    resource: modelPackageGroup({ ResourcePolicy: null }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'named read actions',
    resource: group(
      allow(STRANGER, [
        'sagemaker:DescribeModelPackage',
        'sagemaker:ListModelPackages',
      ]),
    ),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'Action "*"',
    resource: group({ ...allow(STRANGER, '*'), Sid: 'Everything' }),
    expect: 'fail',
    message: /\(Everything\)/,
  },
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'Action "SageMaker:*" in a list (any case)',
    resource: group(
      allow(STRANGER, ['sagemaker:DescribeModelPackage', 'SageMaker:*']),
    ),
    expect: 'fail',
  },
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'Allow with NotAction',
    resource: group({
      Effect: 'Allow',
      Principal: { AWS: STRANGER },
      NotAction: 'sagemaker:DeleteModelPackage',
      Resource: '*',
    }),
    expect: 'fail',
  },
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'Deny "*" is not a grant',
    resource: group({ ...allow(STRANGER, '*'), Effect: 'Deny' }),
    expect: 'pass',
  },
  {
    check: 'model-package-group-policy-no-wildcard-actions',
    name: 'GetModelPackageGroupPolicy failed',
    resource: policyDenied,
    expect: 'unknown',
    missing: ['sagemaker:GetModelPackageGroupPolicy'],
  },

  // notebook-lifecycle-no-secrets: the line, never the value
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'access key on line 3, reported by line',
    resource: script('#!/bin/bash', 'set -e', `KEY=${FAKE_ACCESS_KEY}`),
    expect: 'fail',
    message: /OnStart\.0\.Content line 3 \(AWS access key ID\)/,
  },
  {
    check: 'notebook-lifecycle-no-secrets',
    name: 'private key block',
    resource: script(
      '#!/bin/bash',
      'cat > /home/ec2-user/.ssh/id_rsa <<EOF',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEA',
      '-----END RSA PRIVATE KEY-----',
      'EOF',
    ),
    expect: 'fail',
    message: /line 3 \(private key\)/,
  },

  // notebook-lifecycle-no-remote-code
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'pip install from PyPI and a script from S3',
    resource: script(
      '#!/bin/bash',
      'aws s3 cp s3://ml-scripts/setup.sh /tmp/setup.sh && bash /tmp/setup.sh',
      'pip install --quiet pandas==2.2.2',
      'curl -fsSL https://example.com/data.csv -o /tmp/data.csv',
    ),
    expect: 'pass',
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'curl | bash on line 2',
    resource: script(
      '#!/bin/bash',
      'curl -fsSL https://get.example.com | sudo bash',
    ),
    expect: 'fail',
    message: /OnStart\.0\.Content line 2 \(download piped into a shell\)/,
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'wget -O- | sh',
    resource: script('wget -qO- http://example.com/install.sh | sh'),
    expect: 'fail',
    message: /line 1 \(download piped into a shell\)/,
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'bash <(curl …)',
    resource: script('set -e', 'bash <(curl -s https://example.com/i.sh)'),
    expect: 'fail',
    message: /line 2 \(shell running a process substitution of a download\)/,
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'pip install from plain HTTP',
    resource: script('pip install http://mirror.example.com/pkg-1.0.tar.gz'),
    expect: 'fail',
    message: /package installed from a plain-HTTP URL/,
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'pip install from a raw GitHub file',
    resource: script(
      'pip install https://raw.githubusercontent.com/someone/pkg/main/pkg.whl',
    ),
    expect: 'fail',
    message: /package installed from a raw file URL/,
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'a commented-out curl | bash',
    resource: script('#!/bin/bash', '# curl https://get.example.com | bash'),
    expect: 'pass',
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'notebook whose config pipes a download in OnCreate',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    resources: [
      lifecycleConfig(
        {
          OnCreate: [{ Content: b64('curl https://x.example.com/a | bash\n') }],
        },
        { name: 'setup' },
      ),
    ],
    expect: 'fail',
    message: /^setup: .*OnCreate\.0\.Content line 1/,
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'notebook without lifecycle config',
    resource: notebook(),
    expect: 'not_applicable',
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'config not collected',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeNotebookInstanceLifecycleConfig'],
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'config describe denied',
    resource: lifecycleConfig(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeNotebookInstanceLifecycleConfig'),
        ],
      },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeNotebookInstanceLifecycleConfig'],
  },
  {
    check: 'notebook-lifecycle-no-remote-code',
    name: 'infrastructure code without the config',
    resource: notebook({ NotebookInstanceLifecycleConfigName: 'setup' }),
    mode: 'iac',
    expect: 'not_applicable',
  },
];
