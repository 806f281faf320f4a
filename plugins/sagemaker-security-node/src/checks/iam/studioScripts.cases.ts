import { collectionError, resource } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';

/** Cases of the Studio lifecycle configuration script checks (issue 16). */

type Errors = ReturnType<typeof collectionError>[];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
// Built from parts so no scanner flags this file.
const FAKE_TOKEN = ['ghp_', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'].join('');

/** A Studio lifecycle configuration as DescribeStudioLifecycleConfig returns it. */
export const studioScript = (
  lines: string[] | undefined,
  errors: Errors = [],
) =>
  resource(
    'studio-lifecycle-config',
    {
      StudioLifecycleConfigName: 'jl-setup',
      StudioLifecycleConfigAppType: 'JupyterLab',
      ...(lines === undefined
        ? {}
        : { StudioLifecycleConfigContent: b64(lines.join('\n')) }),
    },
    { name: 'jl-setup', errors },
  );

const LCC_SECRETS = 'studio-lifecycle-config-no-secrets';
const LCC_REMOTE = 'studio-lifecycle-config-no-remote-code';
const DESCRIBE_LCC = 'sagemaker:DescribeStudioLifecycleConfig';

export const studioScriptCases: CheckCase[] = [
  // studio-lifecycle-config-no-secrets
  {
    check: LCC_SECRETS,
    name: 'a script without secrets',
    resource: studioScript(['#!/bin/bash', 'pip install --upgrade pip']),
    expect: 'pass',
  },
  {
    check: LCC_SECRETS,
    name: 'a token in the script, named by kind and line only',
    resource: studioScript([
      '#!/bin/bash',
      'set -e',
      `git clone https://${FAKE_TOKEN}@github.com/acme/notebooks.git`,
    ]),
    expect: 'fail',
    message: /StudioLifecycleConfigContent line 3 \(GitHub token\)/,
  },
  {
    check: LCC_SECRETS,
    name: 'content not read',
    resource: studioScript(undefined),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },
  {
    check: LCC_SECRETS,
    name: 'describe denied',
    resource: studioScript(['#!/bin/bash'], [collectionError(DESCRIBE_LCC)]),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },

  // studio-lifecycle-config-no-remote-code
  {
    check: LCC_REMOTE,
    name: 'packages from the configured index',
    resource: studioScript(['#!/bin/bash', 'pip install pandas==2.2.2']),
    expect: 'pass',
  },
  {
    check: LCC_REMOTE,
    name: 'a download piped into a shell',
    resource: studioScript([
      '#!/bin/bash',
      'curl -fsSL https://get.example.com/setup.sh | bash',
    ]),
    expect: 'fail',
    message:
      /StudioLifecycleConfigContent line 2 \(download piped into a shell\)/,
  },
  {
    check: LCC_REMOTE,
    name: 'content not read',
    resource: studioScript(undefined),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },
  {
    check: LCC_REMOTE,
    name: 'describe denied',
    resource: studioScript(['#!/bin/bash'], [collectionError(DESCRIBE_LCC)]),
    expect: 'unknown',
    missing: [DESCRIBE_LCC],
  },
];
