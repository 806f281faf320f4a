import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
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

  it('validates with the default checks in a backend without the SageMaker security plugin', async () => {
    const addActions = await start({});
    const [action] = addActions.mock.calls[0];
    const workspace = createMockDirectory();
    workspace.setContent({
      'infra/notebook.yaml': [
        'Resources:',
        '  Notebook:',
        '    Type: AWS::SageMaker::NotebookInstance',
        '    Properties:',
        '      NotebookInstanceName: open-notebook',
        '      InstanceType: ml.t3.medium',
        '      RoleArn: arn:aws:iam::000000000000:role/notebook',
        '      RootAccess: Enabled',
        '',
      ].join('\n'),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { failOn: 'never' } as any,
      logger: mockServices.logger.mock(),
    });
    await action.handler(ctx);
    const findings = (ctx.output as jest.Mock).mock.calls.find(
      ([key]) => key === 'findings',
    )?.[1];
    expect(findings).toContainEqual(
      expect.objectContaining({
        checkId: 'notebook-root-access-disabled',
        status: 'fail',
        resourceName: 'open-notebook',
      }),
    );
  });
});
