import { ConfigReader } from '@backstage/config';
import { readProviderConfig } from './config';

describe('readProviderConfig', () => {
  it('defaults: every 30 minutes, unknown owner, shared tag keys', () => {
    expect(readProviderConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      },
      scanPollSchedule: { frequency: { minutes: 1 }, timeout: { minutes: 10 } },
      refreshAfterScan: true,
      defaultOwner: 'group:default/unknown',
      pageSize: 200,
      linking: {
        ownerTagKeys: ['owner', 'team'],
        systemTagKey: 'system',
        componentTagKey: 'ml-service',
      },
      templates: { enabled: true, owner: undefined },
    });
  });

  it('reads the templates keys', () => {
    const config = readProviderConfig(
      new ConfigReader({
        catalog: {
          providers: {
            sagemakerSecurity: {
              templates: { enabled: false, owner: 'platform' },
            },
          },
        },
      }),
    );
    expect(config.templates).toEqual({
      enabled: false,
      owner: 'group:default/platform',
    });
  });

  it('reads the provider and linking keys', () => {
    const config = readProviderConfig(
      new ConfigReader({
        catalog: {
          providers: {
            sagemakerSecurity: {
              schedule: { frequency: { hours: 2 }, timeout: { minutes: 3 } },
              defaultOwner: 'ml-platform',
              pageSize: 50,
            },
          },
        },
        sagemakerSecurity: {
          linking: {
            ownerTagKeys: ['cost-center'],
            systemTagKey: 'app',
            componentTagKey: 'service',
          },
        },
      }),
    );
    expect(config.schedule).toEqual({
      frequency: { hours: 2 },
      timeout: { minutes: 3 },
      initialDelay: { seconds: 15 },
    });
    expect(config.defaultOwner).toBe('group:default/ml-platform');
    expect(config.pageSize).toBe(50);
    expect(config.linking).toEqual({
      ownerTagKeys: ['cost-center'],
      systemTagKey: 'app',
      componentTagKey: 'service',
    });
  });

  it.each([
    [
      {
        catalog: {
          providers: {
            sagemakerSecurity: { templates: { owner: 'component:x' } },
          },
        },
      },
      'catalog.providers.sagemakerSecurity.templates.owner',
    ],
    [
      {
        catalog: {
          providers: { sagemakerSecurity: { defaultOwner: 'component:x' } },
        },
      },
      'catalog.providers.sagemakerSecurity.defaultOwner',
    ],
    [
      { catalog: { providers: { sagemakerSecurity: { pageSize: 0 } } } },
      'catalog.providers.sagemakerSecurity.pageSize',
    ],
    [
      {
        catalog: {
          providers: {
            sagemakerSecurity: { schedule: { frequency: 'often' } },
          },
        },
      },
      'catalog.providers.sagemakerSecurity.schedule',
    ],
    [
      { sagemakerSecurity: { linking: { componentTagKey: ' ' } } },
      'sagemakerSecurity.linking.componentTagKey',
    ],
  ])('names the bad key %#', (data, key) => {
    expect(() => readProviderConfig(new ConfigReader(data))).toThrow(key);
  });
});
