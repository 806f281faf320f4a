import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { defaultChecks } from '../checks';
import { SecurityCheck } from '../types';
import {
  CheckRegistry,
  sagemakerSecurityChecksExtensionPoint,
} from './extensionPoint';

const extraCheck: SecurityCheck = {
  ...defaultChecks[0],
  id: 'company-notebook-naming',
  title: 'Notebook names follow the company convention',
  evaluate: ({ resource }) =>
    resource.name.startsWith('ml-')
      ? { status: 'pass', message: 'named' }
      : { status: 'fail', message: `${resource.name} does not start with ml-` },
};

/** A stand-in for the backend plugin: registers the extension point, exposes the result. */
function testPlugin(received: { checks?: SecurityCheck[] }) {
  return createBackendPlugin({
    pluginId: 'sagemaker-security',
    register(env) {
      const registry = new CheckRegistry(defaultChecks);
      env.registerExtensionPoint(
        sagemakerSecurityChecksExtensionPoint,
        registry,
      );
      env.registerInit({
        deps: {},
        async init() {
          received.checks = registry.getChecks();
        },
      });
    },
  });
}

function moduleAdding(...checks: SecurityCheck[]) {
  return createBackendModule({
    pluginId: 'sagemaker-security',
    moduleId: `extra-checks-${checks.map(check => check.id).join('-')}`,
    register(env) {
      env.registerInit({
        deps: { catalogue: sagemakerSecurityChecksExtensionPoint },
        async init({ catalogue }) {
          catalogue.addChecks(...checks);
        },
      });
    },
  });
}

describe('sagemakerSecurityChecksExtensionPoint', () => {
  it('has the documented id', () => {
    expect(sagemakerSecurityChecksExtensionPoint.id).toBe(
      'sagemaker-security.checks',
    );
  });

  it('lets a backend module add checks to the catalogue', async () => {
    const received: { checks?: SecurityCheck[] } = {};
    const backend = await startTestBackend({
      features: [testPlugin(received), moduleAdding(extraCheck)],
    });
    expect(received.checks?.map(check => check.id)).toEqual([
      ...defaultChecks.map(check => check.id),
      'company-notebook-naming',
    ]);
    await backend.stop();
  });

  it('fails start-up with a clear error for a duplicate id', async () => {
    await expect(
      startTestBackend({
        features: [
          testPlugin({}),
          moduleAdding({ ...extraCheck, id: 'notebook-in-vpc' }),
        ],
      }),
    ).rejects.toThrow(/id "notebook-in-vpc" is already registered/);
  });
});

describe('CheckRegistry validation', () => {
  it.each([
    [{ id: 'Not Kebab' }, /id must be kebab-case/],
    [{ pillar: 'cost' }, /unknown pillar "cost"/],
    [{ severity: 'urgent' }, /unknown severity "urgent"/],
    [
      { resourceTypes: ['notebook-instance', 'lambda'] },
      /unknown resource type\(s\) lambda/,
    ],
    [{ resourceTypes: [] }, /resourceTypes must list at least one/],
    [{ evaluate: undefined }, /evaluate must be a function/],
  ])('rejects %j', (change, message) => {
    const registry = new CheckRegistry();
    expect(() =>
      registry.addChecks({
        ...extraCheck,
        ...(change as object),
      } as SecurityCheck),
    ).toThrow(message);
    expect(registry.getChecks()).toEqual([]);
  });

  it('rejects two new checks with the same id in one call', () => {
    expect(() => new CheckRegistry().addChecks(extraCheck, extraCheck)).toThrow(
      /already registered/,
    );
  });
});
