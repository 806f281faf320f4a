import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleSageMakerSecurity } from './module';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

async function start(config: ConfigData) {
  const addActions = jest.fn();
  await startTestBackend({
    extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
    features: [
      scaffolderModuleSageMakerSecurity,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return addActions;
}

describe('scaffolderModuleSageMakerSecurity', () => {
  it('registers sagemaker-security:validate with the scaffolder', async () => {
    const addActions = await start({
      sagemakerSecurity: { validate: { failOn: 'critical' } },
    });
    expect(addActions).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'sagemaker-security:validate',
        supportsDryRun: true,
      }),
    );
  });

  it('stops start-up on a bad failOn, naming the config key', async () => {
    await expect(
      start({ sagemakerSecurity: { validate: { failOn: 'severe' } } }),
    ).rejects.toThrow(
      'Invalid config value for sagemakerSecurity.validate.failOn: "severe"; expected one of critical, high, medium, low, never',
    );
  });
});
