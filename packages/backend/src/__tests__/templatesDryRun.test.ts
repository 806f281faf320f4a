/**
 * Issue 7: a dry run of each scaffolder template succeeds through the
 * scaffolder's dry-run API, with the SageMaker security validation step
 * running on the rendered CloudFormation.
 */
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import sagemakerSecurityScaffolderModule from '@mlsec/plugin-scaffolder-backend-module-sagemaker-security';
import {
  decodeBase64,
  DryRunFile,
  readDirectoryContents,
  readYamlDocuments,
  repoPath,
} from './__testUtils__/repoFiles';

const GUEST = 'user:development/guest';

/** Values a user would enter in each template's form. */
const SAMPLE_VALUES: Record<string, Record<string, string>> = {
  'secure-sagemaker-endpoint': {
    serviceName: 'payments-anomaly',
    owner: 'group:default/fraud-ml',
    system: 'fraud-detection',
    endpointName: 'payments-anomaly-prod',
    modelName: 'payments-anomaly-xgb-v1',
    instanceType: 'ml.m5.large',
    region: 'eu-west-1',
    accountId: '111122223333',
  },
  'secure-sagemaker-notebook': {
    serviceName: 'churn-lab',
    owner: 'group:default/data-science',
    system: 'customer-analytics',
    notebookName: 'churn-lab-notebook',
    instanceType: 'ml.t3.large',
    region: 'us-east-1',
    accountId: '444455556666',
  },
  'secure-ml-project-foundation': {
    serviceName: 'credit-lab',
    owner: 'group:default/credit-ml',
    system: 'credit-decisioning',
    domainName: 'credit-lab-studio',
    vpcId: 'vpc-0123456789abcdef0',
    authMode: 'SSO',
    region: 'eu-west-1',
    accountId: '111122223333',
  },
};

interface DryRunLogEntry {
  body: { message: string; stepId?: string; status?: string };
}

interface DryRunResponse {
  log: DryRunLogEntry[];
  steps: Array<{ id: string; action: string }>;
  directoryContents: DryRunFile[];
  output: { text?: Array<{ title: string; content: string }> };
}

async function loadTemplate(name: string) {
  const folder = repoPath(
    'plugins/catalog-backend-module-sagemaker/templates',
    name,
  );
  const [template] = await readYamlDocuments(
    path.join(folder, 'template.yaml'),
  );
  return { template, directoryContents: await readDirectoryContents(folder) };
}

function stepLog(body: DryRunResponse, stepId: string) {
  return body.log.filter(entry => entry.body.stepId === stepId);
}

function stepStatuses(body: DryRunResponse) {
  const statuses: Record<string, string> = {};
  for (const { body: entry } of body.log) {
    if (entry.stepId && entry.status) statuses[entry.stepId] = entry.status;
  }
  return statuses;
}

function renderedFile(body: DryRunResponse, file: string) {
  const found = body.directoryContents.find(f => f.path === file);
  if (!found) throw new Error(`The dry run rendered no ${file}`);
  return decodeBase64(found.base64Content);
}

describe('scaffolder dry run of the SageMaker templates', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    const org = await readYamlDocuments(repoPath('examples', 'org.yaml'));
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        sagemakerSecurityScaffolderModule,
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
        }),
        catalogServiceMock.factory({ entities: org }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    }));
  }, 30_000);

  const dryRun = (body: object) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(GUEST))
      .send(body);

  it.each(Object.keys(SAMPLE_VALUES))(
    '%s renders, validates clean and completes every step',
    async name => {
      const values = SAMPLE_VALUES[name];
      const { template, directoryContents } = await loadTemplate(name);

      const response = await dryRun({
        template,
        values,
        secrets: {},
        directoryContents,
      });

      expect(response.status).toBe(200);
      const body: DryRunResponse = response.body;
      expect(body.steps.map(s => s.action)).toContain(
        'sagemaker-security:validate',
      );
      // Every step ran to completion (none skipped as dry-run unsupported).
      expect(stepStatuses(body)).toEqual(
        Object.fromEntries(body.steps.map(s => [s.id, 'completed'])),
      );

      const validateStep = body.steps.find(
        s => s.action === 'sagemaker-security:validate',
      )!;
      const validateLog = stepLog(body, validateStep.id).map(
        e => e.body.message,
      );
      expect(validateLog).toContainEqual(
        expect.stringMatching(
          /Validated \d+ SageMaker resource\(s\) in 1 template\(s\): \d+ pass, 0 fail/,
        ),
      );
      expect(validateLog.filter(m => m.includes('[FAIL]'))).toEqual([]);

      // The workspace holds the skeleton rendered with the form's values.
      const catalogInfo = renderedFile(body, 'catalog-info.yaml');
      expect(catalogInfo).toContain(`name: ${values.serviceName}`);
      expect(catalogInfo).toContain(`owner: ${values.owner}`);
      expect(catalogInfo).toContain(
        `sagemaker.mlsec.io/tag-selector: ml-service=${values.serviceName}`,
      );
      const infrastructure = body.directoryContents.filter(f =>
        f.path.startsWith('infrastructure/'),
      );
      expect(infrastructure).toHaveLength(1);
      const cloudFormation = decodeBase64(infrastructure[0].base64Content);
      expect(cloudFormation).not.toContain('${{');
      for (const value of Object.values(values).filter(
        v => !['region', 'accountId'].includes(v),
      )) {
        expect(cloudFormation + catalogInfo).toContain(value);
      }
      // The output text carries the validation summary.
      expect(body.output.text?.[0].content).toMatch(/\d+ pass,\s+0 fail/);
    },
  );

  it('fails the validate step on an insecure change, naming the check', async () => {
    const { template, directoryContents } = await loadTemplate(
      'secure-sagemaker-notebook',
    );
    const notebookFile = 'skeleton/infrastructure/notebook.yaml';
    const insecure = directoryContents.map(file => {
      if (file.path !== notebookFile) return file;
      const text = decodeBase64(file.base64Content);
      expect(text).toContain('DirectInternetAccess: Disabled');
      return {
        path: file.path,
        base64Content: Buffer.from(
          text.replace(
            'DirectInternetAccess: Disabled',
            'DirectInternetAccess: Enabled',
          ),
        ).toString('base64'),
      };
    });

    const response = await dryRun({
      template,
      values: SAMPLE_VALUES['secure-sagemaker-notebook'],
      secrets: {},
      directoryContents: insecure,
    });

    // The dry-run API answers a failed step with the step's error.
    expect(response.status).toBe(500);
    expect(response.body.error.message).toMatch(
      /^SageMaker security validation failed: 1 finding\(s\) at or above "high" severity fail: notebook-direct-internet-access\./,
    );
    expect(response.body.error.message).toContain(
      'infrastructure/notebook.yaml#Notebook',
    );
  });
});
