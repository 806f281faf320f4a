import type { RemediationTemplate } from '@mlsec/plugin-sagemaker-security-common';
import {
  buildPrefill,
  needsDescription,
  resolvePrefillPath,
  templateFormUrl,
  type PrefillSource,
} from './templateLink';

const source: PrefillSource = {
  arn: 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/fraud',
  name: 'fraud',
  accountId: '111111111111',
  region: 'eu-west-1',
  tags: { 'app.kubernetes.io/name': 'fraud', owner: 'ml-platform' },
  description: {
    DataCaptureConfig: { DestinationS3Uri: 's3://capture', KmsKeyId: null },
    ProductionVariants: [{ InstanceType: 'ml.m5.large' }],
  },
};

describe('resolvePrefillPath', () => {
  it.each([
    ['name', 'fraud'],
    ['accountId', '111111111111'],
    ['region', 'eu-west-1'],
    ['arn', source.arn],
    ['tags.owner', 'ml-platform'],
    ['tags.app.kubernetes.io/name', 'fraud'],
    ['description.DataCaptureConfig.DestinationS3Uri', 's3://capture'],
    ['description.ProductionVariants.0.InstanceType', 'ml.m5.large'],
  ])('reads %s', (path, expected) => {
    expect(resolvePrefillPath(source, path)).toEqual(expected);
  });

  it.each([
    'tags.missing',
    'description.Nope.Deeper',
    'description.DataCaptureConfig.DestinationS3Uri.tooDeep',
    'status',
    'nonsense',
  ])('gives undefined for %s', path => {
    expect(resolvePrefillPath(source, path)).toBeUndefined();
  });

  it('gives undefined for description paths when the description is unknown', () => {
    expect(
      resolvePrefillPath(
        { ...source, description: undefined },
        'description.DataCaptureConfig.DestinationS3Uri',
      ),
    ).toBeUndefined();
  });
});

describe('buildPrefill', () => {
  const template: RemediationTemplate = {
    name: 'secure-sagemaker-endpoint',
    prefill: {
      endpointName: 'name',
      owner: 'tags.owner',
      captureUri: 'description.DataCaptureConfig.DestinationS3Uri',
      kmsKeyId: 'description.DataCaptureConfig.KmsKeyId',
      costCenter: 'tags.cost-center',
    },
  };

  it('maps parameters to values and leaves out what is absent or null', () => {
    expect(buildPrefill(template, source)).toEqual({
      endpointName: 'fraud',
      owner: 'ml-platform',
      captureUri: 's3://capture',
    });
  });

  it('knows when the description is needed', () => {
    expect(needsDescription(template)).toBe(true);
    expect(
      needsDescription({ name: 't', prefill: { a: 'name', b: 'tags.x' } }),
    ).toBe(false);
  });
});

describe('templateFormUrl', () => {
  it('links to the template form with URL-encoded JSON form data', () => {
    const url = templateFormUrl('secure-sagemaker-endpoint', {
      endpointName: 'fraud & co',
      tags: ['a', 'b'],
    });
    const [path, query] = url.split('?');
    expect(path).toBe('/create/templates/default/secure-sagemaker-endpoint');
    const formData = new URLSearchParams(query).get('formData');
    expect(JSON.parse(formData!)).toEqual({
      endpointName: 'fraud & co',
      tags: ['a', 'b'],
    });
    expect(query).not.toContain('&co');
  });

  it('honours another scaffolder path and namespace', () => {
    expect(
      templateFormUrl(
        't',
        {},
        { scaffolderPath: '/scaffold/', namespace: 'ml' },
      ),
    ).toBe(`/scaffold/templates/ml/t?formData=${encodeURIComponent('{}')}`);
  });
});
