import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import type { TypeState } from '../InventoryStore';
import {
  isTransitional,
  listingReason,
  nounOf,
  planListings,
  typeOfArn,
  typesNamedBy,
} from './sagemakerListings';

const ARN = 'arn:aws:sagemaker:eu-west-1:111111111111';
const event = (eventName: string, resourceArns: string[] = []) => ({
  eventName,
  resourceArns,
});
const settled = {
  statuses: ['InService'],
  hasErrors: false,
  listingFailed: false,
};

describe('SageMaker listings of a change-driven rescan', () => {
  it('parses the noun of write operations', () => {
    expect(nounOf('CreateTrainingJob')).toBe('TrainingJob');
    expect(nounOf('UpdateEndpointWeightsAndCapacities')).toBe(
      'EndpointWeightsAndCapacities',
    );
    expect(nounOf('BatchDeleteClusterNodes')).toBe('ClusterNodes');
    expect(nounOf('PutModelPackageGroupPolicy')).toBe(
      'ModelPackageGroupPolicy',
    );
    // "Stop" must be a whole word: "Stopped..." is not a verb.
    expect(nounOf('Stoppedsomething')).toBeUndefined();
    expect(nounOf('ListTags')).toBeUndefined();
  });

  it('maps events to the scanned types they may change', () => {
    const changed = typesNamedBy([
      event('UpdateEndpointWeightsAndCapacities'),
      event('PutModelPackageGroupPolicy'),
      event('CreateAutoMLJob'),
      event('StartPipelineExecution'),
    ]);
    expect(changed.all).toBe(false);
    expect([...changed.types].sort()).toEqual([
      'automl-job',
      'endpoint',
      'model-package-group',
      'pipeline',
    ]);
    // A bare noun lists every type it starts: endpoint and endpoint config.
    expect([...typesNamedBy([event('DeleteEndpoint')]).types].sort()).toEqual([
      'endpoint',
      'endpoint-config',
    ]);
    expect(
      [...typesNamedBy([event('UpdateModelPackage')]).types].sort(),
    ).toEqual(['model-package', 'model-package-group']);
  });

  it('maps tag events by the ARN they name', () => {
    expect(typeOfArn(`${ARN}:model-package/group/3`)).toBe('model-package');
    expect(typeOfArn(`${ARN}:labeling-job/x`)).toBeUndefined();
    const changed = typesNamedBy([
      event('AddTags', [`${ARN}:notebook-instance/nb-1`]),
      event('DeleteTags', [`${ARN}:labeling-job/x`]),
    ]);
    expect([...changed.types]).toEqual(['notebook-instance']);
    expect([...changed.taggedArns]).toEqual([
      `${ARN}:notebook-instance/nb-1`,
      `${ARN}:labeling-job/x`,
    ]);
    expect(typesNamedBy([event('AddTags')])).toMatchObject({
      all: true,
      reason: 'AddTags without a resource ARN',
    });
  });

  it('lists nothing for events of types it does not scan', () => {
    const changed = typesNamedBy([
      event('CreatePresignedDomainUrl'),
      event('CreateExperiment'),
      event('CreateWorkteam'),
    ]);
    expect(changed).toEqual({
      all: false,
      types: new Set(),
      taggedArns: new Set(),
    });
  });

  it('lists every type when an event cannot be understood', () => {
    const changed = typesNamedBy([
      event('CreateEndpoint'),
      event('Frobnicate'),
    ]);
    expect(changed.all).toBe(true);
    expect(listingReason('model', changed, settled)).toBe(
      'SageMaker write event Frobnicate not understood',
    );
  });

  it('tells transitional statuses from settled ones', () => {
    for (const s of [
      'Creating',
      'Updating',
      'InProgress',
      'Pending',
      'Stopping',
      'SystemUpdating',
    ]) {
      expect(isTransitional(s)).toBe(true);
    }
    for (const s of [
      'InService',
      'Completed',
      'Failed',
      'Stopped',
      'Active',
      undefined,
    ]) {
      expect(isTransitional(s)).toBe(false);
    }
  });

  it('lists a type only with a reason', () => {
    const none = typesNamedBy([]);
    expect(listingReason('endpoint', none, settled)).toBeUndefined();
    expect(
      listingReason(
        'endpoint',
        typesNamedBy([event('CreateEndpoint')]),
        settled,
      ),
    ).toBe('a write event names it');
    expect(
      listingReason('endpoint', none, {
        ...settled,
        statuses: ['InService', 'Updating'],
      }),
    ).toBe('a stored resource is Updating');
    expect(
      listingReason('endpoint', none, { ...settled, hasErrors: true }),
    ).toBe('a stored resource was read with errors');
    expect(
      listingReason('endpoint', none, { ...settled, listingFailed: true }),
    ).toBe('its previous listing failed');
  });

  it('lists what was modified only when a moving status is the only reason, and the List can filter', () => {
    const states = new Map<ResourceType, TypeState>([
      ['endpoint', { count: 3, statuses: ['Updating'], hasErrors: false }],
      [
        'training-job',
        { count: 9, statuses: ['InProgress'], hasErrors: false },
      ],
      ['model', { count: 4, statuses: [], hasErrors: false }],
      [
        'processing-job',
        { count: 2, statuses: ['InProgress'], hasErrors: true },
      ],
    ]);
    const types: ResourceType[] = [
      'endpoint',
      'training-job',
      'model',
      'processing-job',
    ];
    const filters = (type: string) => type !== 'endpoint';
    const quiet = planListings(types, typesNamedBy([]), states, filters);
    expect(quiet).toEqual({
      // The endpoint's List could not filter here; the processing job has
      // a resource read with errors: both listed in full.
      listed: [
        { type: 'endpoint', reason: 'a stored resource is Updating' },
        {
          type: 'processing-job',
          reason: 'a stored resource was read with errors',
        },
      ],
      modified: [
        {
          type: 'training-job',
          reason: 'a stored resource is InProgress',
          stored: 9,
        },
      ],
      skipped: [{ type: 'model', stored: 4 }],
    });
    // A write event naming the type lists it in full (a creation or a
    // deletion does not move any stored resource's LastModifiedTime).
    const created = planListings(
      types,
      typesNamedBy([event('CreateTrainingJob')]),
      states,
      filters,
    );
    expect(created.listed.map(l => l.type)).toContain('training-job');
    expect(created.modified).toEqual([]);
  });
});
