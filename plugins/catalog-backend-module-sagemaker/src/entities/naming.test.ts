import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import {
  arnSuffix,
  assignEntityNames,
  baseEntityName,
  sanitizeName,
} from './naming';
import { labelsFromTags } from './labels';
import { consoleUrl } from './consoleUrl';

describe('entity names', () => {
  it.each([
    ['Fraud_Scorer.Prod', 'fraud_scorer.prod'],
    ['--weird//name!!', 'weird-name'],
    ['a'.repeat(80), 'a'.repeat(63)],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
  ])('sanitises %s', (input, expected) => {
    const name = sanitizeName(input);
    expect(name).toBe(expected);
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
  });

  it('prefixes the type abbreviation', () => {
    expect(baseEntityName('model-package-group', 'fraud-models')).toBe(
      'model-group-fraud-models',
    );
    expect(baseEntityName('monitoring-schedule', 'fraud-monitor')).toBe(
      'monitor-fraud-monitor',
    );
  });

  it('suffixes names that collide after truncation, and only those', () => {
    const long = 'x'.repeat(70);
    const names = assignEntityNames([
      { arn: 'arn:1', type: 'endpoint', name: `${long}-one` },
      { arn: 'arn:2', type: 'endpoint', name: `${long}-two` },
      { arn: 'arn:3', type: 'endpoint', name: 'solo' },
    ]);
    expect(names.get('arn:3')).toBe('endpoint-solo');
    for (const arn of ['arn:1', 'arn:2']) {
      const name = names.get(arn)!;
      expect(name).toMatch(new RegExp(`-${arnSuffix(arn)}$`));
      expect(name).toHaveLength(63);
      expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
    }
    expect(names.get('arn:1')).not.toBe(names.get('arn:2'));
  });
});

describe('labelsFromTags', () => {
  it('sanitises keys and values to label rules and skips aws: tags', () => {
    const labels = labelsFromTags(
      {
        'cost center': 'R&D / ML',
        'aws:cloudformation:stack-name': 'stack',
        Owner: 'x'.repeat(70),
        '!!!': 'dropped',
      },
      'endpoint',
    );
    expect(labels).toEqual({
      'cost-center': 'R-D-ML',
      Owner: 'x'.repeat(63),
      'sagemaker.mlsec.io/resource-type': 'endpoint',
    });
    for (const [key, value] of Object.entries(labels)) {
      expect(KubernetesValidatorFunctions.isValidLabelKey(key)).toBe(true);
      expect(KubernetesValidatorFunctions.isValidLabelValue(value)).toBe(true);
    }
  });
});

describe('consoleUrl', () => {
  it.each([
    ['endpoint-config', 'cfg', 'endpointConfig/cfg'],
    ['model-package-group', 'grp', 'model-packages/grp'],
    ['feature-group', 'fg', 'feature-groups/fg/details'],
  ] as const)('links %s to its console page', (type, name, fragment) => {
    expect(
      consoleUrl({
        arn: `arn:aws:sagemaker:eu-west-1:1:${type}/${name}`,
        type,
        name,
        region: 'eu-west-1',
      }),
    ).toBe(
      `https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/${fragment}`,
    );
  });

  it('uses the partition console and omits domains without an ID', () => {
    expect(
      consoleUrl({
        arn: 'arn:aws-cn:sagemaker:cn-north-1:1:endpoint/e',
        type: 'endpoint',
        name: 'e',
        region: 'cn-north-1',
      }),
    ).toBe(
      'https://console.amazonaws.cn/sagemaker/home?region=cn-north-1#/endpoints/e',
    );
    expect(
      consoleUrl({
        arn: 'arn:aws:x',
        type: 'domain',
        name: 'd',
        region: 'us-east-1',
      }),
    ).toBeUndefined();
  });
});
