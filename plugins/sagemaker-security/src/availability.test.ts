import type { Entity } from '@backstage/catalog-model';
import { isSageMakerSecurityAvailable, isTeamEntity } from './availability';

function component(
  type: string,
  extra: Partial<Entity> & { annotations?: Record<string, string> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations: extra.annotations },
    spec: { type, ...(extra.spec ?? {}) },
    relations: extra.relations,
  };
}

function resource(type: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'r', annotations },
    spec: { type },
  };
}

describe('isSageMakerSecurityAvailable', () => {
  it('accepts ML service components with a tag selector', () => {
    const annotations = {
      'sagemaker.mlsec.io/tag-selector': 'ml-service=svc',
    };
    expect(
      isSageMakerSecurityAvailable(component('ml-service', { annotations })),
    ).toBe(true);
    expect(
      isSageMakerSecurityAvailable(component('service', { annotations })),
    ).toBe(true);
  });

  it('accepts services that depend on a Resource', () => {
    const relations = [
      { type: 'dependsOn', targetRef: 'resource:default/fraud-endpoint' },
    ];
    expect(
      isSageMakerSecurityAvailable(component('service', { relations })),
    ).toBe(true);
    expect(
      isSageMakerSecurityAvailable(
        component('ml-service', {
          spec: { dependsOn: ['resource:fraud-endpoint'] },
        }),
      ),
    ).toBe(true);
  });

  it('rejects services linked to nothing or only to components', () => {
    expect(isSageMakerSecurityAvailable(component('service'))).toBe(false);
    expect(
      isSageMakerSecurityAvailable(
        component('service', {
          relations: [{ type: 'dependsOn', targetRef: 'component:default/db' }],
        }),
      ),
    ).toBe(false);
    expect(
      isSageMakerSecurityAvailable(
        component('service', {
          relations: [{ type: 'ownedBy', targetRef: 'resource:default/x' }],
        }),
      ),
    ).toBe(false);
  });

  it('rejects other component types even when annotated', () => {
    expect(
      isSageMakerSecurityAvailable(
        component('website', {
          annotations: { 'sagemaker.mlsec.io/tag-selector': 'ml-service=svc' },
        }),
      ),
    ).toBe(false);
  });

  it('accepts SageMaker resources by type or ARN annotation', () => {
    expect(isSageMakerSecurityAvailable(resource('sagemaker-endpoint'))).toBe(
      true,
    );
    expect(
      isSageMakerSecurityAvailable(
        resource('database', {
          'amazonaws.com/arn': 'arn:aws:sagemaker:eu-west-1:1:model/m',
        }),
      ),
    ).toBe(true);
    expect(isSageMakerSecurityAvailable(resource('s3-bucket'))).toBe(false);
  });

  it('rejects other kinds', () => {
    expect(
      isSageMakerSecurityAvailable({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team' },
      }),
    ).toBe(false);
  });
});

describe('isTeamEntity', () => {
  it('is true for groups only', () => {
    expect(
      isTeamEntity({
        apiVersion: 'v1',
        kind: 'Group',
        metadata: { name: 'g' },
      }),
    ).toBe(true);
    expect(isTeamEntity(resource('sagemaker-endpoint'))).toBe(false);
  });
});
