import {
  decodeBase64Script,
  findSecretsInScript,
  findSecretsInVariables,
  isSensitiveName,
} from './detectSecrets';

const FAKE_KEY = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');

describe('secret detection', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['apiKey', true],
    ['OPENAI_API_KEY', true],
    ['aws_secret_access_key', true],
    ['HF_TOKEN', true],
    ['TOKENIZERS_PARALLELISM', false],
    ['SAGEMAKER_PROGRAM', false],
    ['KEY_NAME', false],
    ['PASSTHROUGH', false],
  ])('%s is sensitive: %s', (name, expected) => {
    expect(isSensitiveName(name)).toBe(expected);
  });

  it('finds credential shapes whatever the variable name, and never returns the value', () => {
    const findings = findSecretsInVariables(
      { SOMETHING: `id=${FAKE_KEY}` },
      'Environment',
    );
    expect(findings).toEqual([
      { location: 'Environment.SOMETHING', kind: 'AWS access key ID' },
    ]);
    expect(JSON.stringify(findings)).not.toContain(FAKE_KEY);
  });

  it('ignores references to secret stores and non-literal values', () => {
    expect(
      findSecretsInVariables(
        {
          DB_PASSWORD_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:db',
          API_TOKEN: '{{resolve:secretsmanager:token}}',
          SECRET_NAME: '/prod/db/password',
          AUTH_TOKEN: '${TOKEN}',
          PASSWORD: 'true',
        },
        'Environment',
      ),
    ).toEqual([]);
  });

  it('finds assignments and key material in scripts', () => {
    const script =
      '#!/bin/bash\nexport GITHUB_TOKEN="ghp_abcdefghijklmnopqrstuvwxyz0123456789"\nPASS=$(cat /x)\n-----BEGIN RSA PRIVATE KEY-----\n';
    const kinds = findSecretsInScript(script, 'OnStart.0').map(
      finding => finding.kind,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'GitHub token',
        'private key',
        'credential-named variable with a literal value',
      ]),
    );
  });

  it('decodes base64 lifecycle scripts and rejects non-base64 text', () => {
    expect(decodeBase64Script(Buffer.from('echo hi').toString('base64'))).toBe(
      'echo hi',
    );
    expect(decodeBase64Script('echo $HOME')).toBeUndefined();
  });
});
