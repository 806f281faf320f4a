/**
 * Checks a backend module adds through `sagemakerSecurityChecksExtensionPoint`
 * also run in the scaffolder's pre-deploy validation (issue 15, item 5): the
 * SageMaker security plugin publishes its final check list into the
 * root-scoped `sagemakerSecurityChecksServiceRef`, which the scaffolder
 * module's `sagemaker-security:validate` reads at each run.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  defaultChecks,
  sagemakerSecurityChecksExtensionPoint,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import scaffolderModuleSageMakerSecurity from '@mlsec/plugin-scaffolder-backend-module-sagemaker-security';
import { sqliteMemory } from '../inventory/__testUtils__/harness';
import { startPluginBackend } from './reliability/__testUtils__/pluginBackend';

jest.setTimeout(120_000);

/** An organisation's own rule: notebook names start with their team's prefix. */
const teamPrefix: SecurityCheck = {
  ...defaultChecks.find(check => check.id === 'notebook-root-access-disabled')!,
  id: 'org-notebook-team-prefix',
  title: 'Notebook names start with the team prefix',
  severity: 'high',
  resourceTypes: ['notebook-instance'],
  requiresLiveData: false,
  evaluate: ({ resource }) =>
    resource.name.startsWith('team-')
      ? { status: 'pass', message: `${resource.name} has a team prefix.` }
      : {
          status: 'fail',
          message: `${resource.name} does not start with "team-".`,
          evidence: [
            {
              path: 'NotebookInstanceName',
              observed: resource.name,
              expected: 'team-*',
            },
          ],
        },
};

const orgChecks = createBackendModule({
  pluginId: 'sagemaker-security',
  moduleId: 'org-checks',
  register(reg) {
    reg.registerInit({
      deps: { catalogue: sagemakerSecurityChecksExtensionPoint },
      async init({ catalogue }) {
        catalogue.addChecks(teamPrefix);
      },
    });
  },
});

const NOTEBOOK = `
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      NotebookInstanceName: scratch-notebook
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::000000000000:role/notebook
      RootAccess: Disabled
      DirectInternetAccess: Disabled
`;

type Action = TemplateAction<any, any, any>;

async function validateWith(
  features: Parameters<typeof startPluginBackend>[0]['features'],
) {
  const actions: Action[] = [];
  await startPluginBackend({
    config: { sagemakerSecurity: { waivers: { maxDays: 30 } } },
    knex: sqliteMemory(),
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...added: Action[]) => actions.push(...added) },
      ],
    ],
    features,
  });
  const validate = actions.find(a => a.id === 'sagemaker-security:validate');
  expect(validate).toBeDefined();

  const workspace = createMockDirectory();
  workspace.setContent({ 'infra/notebook.yaml': NOTEBOOK });
  const ctx = createMockActionContext({
    workspacePath: workspace.path,
    input: { failOn: 'never' } as any,
    logger: mockServices.logger.mock(),
  });
  await validate!.handler(ctx as any);
  const output = ctx.output as jest.Mock;
  return output.mock.calls.find(([key]) => key === 'findings')?.[1] as Array<{
    checkId: string;
    status: string;
    message: string;
    resourceName: string;
  }>;
}

describe('pre-deploy validation with checks from the extension point', () => {
  it('runs a check a module added to the SageMaker security plugin', async () => {
    const findings = await validateWith([
      orgChecks,
      scaffolderModuleSageMakerSecurity,
    ]);
    expect(findings).toContainEqual(
      expect.objectContaining({
        checkId: 'org-notebook-team-prefix',
        status: 'fail',
        resourceName: 'scratch-notebook',
        message: 'scratch-notebook does not start with "team-".',
      }),
    );
  });

  it('runs only the catalogue without the module', async () => {
    const findings = await validateWith([scaffolderModuleSageMakerSecurity]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map(f => f.checkId)).not.toContain(
      'org-notebook-team-prefix',
    );
  });
});
