import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  defaultChecks,
  REMEDIATION_TEMPLATES,
} from '@mlsec/plugin-sagemaker-security-node';
import { createValidateAction } from './actions/validate';
import { loadTemplates } from './cloudformation/loadTemplates';
import { mapToInventory } from './cloudformation/mapResources';
import { evaluateInventory } from './evaluate/runChecks';
import {
  renderSkeleton,
  SAMPLE_VALUES,
  TEMPLATES_DIR,
} from './testing/renderSkeleton';

const TEMPLATE_NAMES = Object.keys(REMEDIATION_TEMPLATES);

async function readYaml(file: string) {
  return parse(await fs.readFile(file, 'utf8'));
}

async function templateEntity(name: string) {
  return readYaml(path.join(TEMPLATES_DIR, name, 'template.yaml'));
}

function parametersOf(entity: any): Record<string, any> {
  return Object.assign(
    {},
    ...[entity.spec.parameters]
      .flat()
      .map((page: any) => page.properties ?? {}),
  );
}

describe('scaffolder templates', () => {
  it('are all listed in the catalog location', async () => {
    const location = await readYaml(
      path.join(TEMPLATES_DIR, 'all-templates.yaml'),
    );
    expect(location.kind).toBe('Location');
    expect([...location.spec.targets].sort()).toEqual(
      TEMPLATE_NAMES.map(name => `./${name}/template.yaml`).sort(),
    );
  });

  it.each(TEMPLATE_NAMES)(
    '%s declares its fixed parameters as plain strings',
    async name => {
      const entity = await templateEntity(name);
      expect(entity).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name, namespace: 'default' },
        spec: { type: 'ml-service', owner: 'group:default/ml-platform' },
      });
      const parameters = parametersOf(entity);
      for (const parameter of REMEDIATION_TEMPLATES[
        name as keyof typeof REMEDIATION_TEMPLATES
      ]) {
        expect(parameters[parameter]).toMatchObject({ type: 'string' });
        // Pickers ignore values prefilled through ?formData=.
        expect(parameters[parameter]['ui:field']).toBeUndefined();
      }
      // Added parameters must not block a prefilled form: they have defaults.
      const required = [entity.spec.parameters]
        .flat()
        .flatMap((page: any) => page.required ?? []);
      for (const parameter of required) {
        expect([
          ...REMEDIATION_TEMPLATES[name as keyof typeof REMEDIATION_TEMPLATES],
        ]).toContain(parameter);
      }
    },
  );

  it.each(TEMPLATE_NAMES)(
    '%s renders the skeleton, validates it, then logs, without external services',
    async name => {
      const entity = await templateEntity(name);
      const steps = entity.spec.steps;
      expect(steps.map((s: any) => s.action)).toEqual([
        'fetch:template',
        'sagemaker-security:validate',
        'debug:log',
      ]);
      expect(steps[0].input.url).toBe('./skeleton');
      expect(steps[1].input).toMatchObject({ path: '.', failOn: 'high' });
      // Every value the skeleton uses is passed to fetch:template.
      const skeleton = path.join(TEMPLATES_DIR, name, 'skeleton');
      const used = new Set<string>();
      for (const file of await listFiles(skeleton)) {
        const text = await fs.readFile(file, 'utf8');
        for (const match of text.matchAll(
          /\$\{\{\s*values\.([A-Za-z0-9_]+)/g,
        )) {
          used.add(match[1]);
        }
      }
      expect(Object.keys(steps[0].input.values).sort()).toEqual(
        [...used].sort(),
      );
      const parameters = parametersOf(entity);
      for (const value of Object.values<string>(steps[0].input.values)) {
        const parameter = /\$\{\{\s*parameters\.([A-Za-z0-9_]+)\s*\}\}/.exec(
          value,
        )?.[1];
        expect(parameters).toHaveProperty([parameter!]);
      }
      expect(entity.spec.output.links.length).toBeGreaterThan(0);
    },
  );

  it.each(TEMPLATE_NAMES)(
    '%s skeleton links the catalog entity to its resources',
    async name => {
      const workspace = await renderSkeleton(name);
      const values = SAMPLE_VALUES[name];
      const entity = await readYaml(path.join(workspace, 'catalog-info.yaml'));
      expect(entity).toMatchObject({
        kind: 'Component',
        metadata: {
          name: values.serviceName,
          annotations: {
            'sagemaker.mlsec.io/tag-selector': `ml-service=${values.serviceName}`,
          },
        },
        spec: {
          type: 'ml-service',
          owner: values.owner,
          system: values.system,
        },
      });
      await expect(
        fs.readFile(path.join(workspace, 'README.md'), 'utf8'),
      ).resolves.toContain(values.serviceName);
    },
  );

  it('remediation links of the checks point at existing templates and parameters', async () => {
    const linked = defaultChecks.filter(check => check.remediation.template);
    expect(linked.length).toBeGreaterThan(0);
    for (const check of linked) {
      const { name, prefill } = check.remediation.template!;
      const entity = await templateEntity(name).catch(() => undefined);
      expect({ check: check.id, template: entity?.metadata.name }).toEqual({
        check: check.id,
        template: name,
      });
      const parameters = parametersOf(entity);
      for (const parameter of Object.keys(prefill)) {
        expect({
          check: check.id,
          parameter,
          exists: parameter in parameters,
        }).toEqual({
          check: check.id,
          parameter,
          exists: true,
        });
      }
    }
  });
});

describe('template skeletons pass the SageMaker security checks', () => {
  const action = createValidateAction({
    checks: [...defaultChecks],
    defaultFailOn: 'low',
  });

  /**
   * Warnings the skeletons accept, documented in their README: the endpoint
   * serves an image the user passes at deploy, not a registry package.
   */
  const ACCEPTED_WARNINGS: Record<string, string[]> = {
    'secure-sagemaker-endpoint': ['endpoint-models-approved-packages'],
  };

  /** What each template promises (issue 7), as the checks that must pass. */
  const MUST_PASS: Record<string, string[]> = {
    'secure-sagemaker-endpoint': [
      'model-network-isolation',
      'endpoint-config-volume-kms-key',
      'endpoint-config-data-capture-kms-key',
      'kms-keys-customer-managed',
      'kms-keys-rotation-enabled',
      'endpoint-data-capture-enabled',
      'monitoring-schedule-network-isolation',
      'execution-role-permissions-boundary',
      'execution-role-trust-confused-deputy',
      's3-buckets-sse-kms',
      's3-buckets-secure-transport',
      'security-groups-no-public-ingress',
      'resource-ownership-tags',
    ],
    'secure-sagemaker-notebook': [
      'notebook-direct-internet-access',
      'notebook-root-access-disabled',
      'notebook-imdsv2-required',
      'notebook-volume-kms-key',
      'kms-keys-customer-managed',
      'execution-role-no-wildcard-actions',
      'execution-role-no-full-access-policies',
      'execution-role-permissions-boundary',
      'execution-role-trust-confused-deputy',
      'security-groups-no-public-ingress',
      'resource-ownership-tags',
    ],
    'secure-ml-project-foundation': [
      'domain-vpc-only',
      'domain-storage-kms-key',
      'kms-keys-customer-managed',
      'vpc-endpoints-sagemaker',
      'vpc-endpoint-s3',
      'vpc-endpoint-kms',
      'vpc-endpoints-ecr',
      'vpc-endpoints-sts-logs',
      'execution-role-permissions-boundary',
      'execution-role-trust-confused-deputy',
      'execution-role-no-wildcard-actions',
      'security-groups-no-public-ingress',
      'resource-ownership-tags',
    ],
  };

  it.each(TEMPLATE_NAMES)('%s has no failing check', async name => {
    const workspace = await renderSkeleton(name);
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { path: '.', failOn: 'low', region: SAMPLE_VALUES[name].region },
      logger: mockServices.logger.mock(),
    });
    await action.handler(ctx as any);
    const output = ctx.output as jest.Mock;
    const findings = output.mock.calls.find(([key]) => key === 'findings')[1];
    const summary = output.mock.calls.find(([key]) => key === 'summary')[1];
    expect(
      findings
        .filter(
          (f: any) =>
            f.status === 'fail' ||
            (f.status === 'warn' &&
              !(ACCEPTED_WARNINGS[name] ?? []).includes(f.checkId)),
        )
        .map((f: any) => `${f.checkId} on ${f.resourceName}: ${f.message}`),
    ).toEqual([]);
    expect(summary.fail).toBe(0);
    expect(summary.pass).toBeGreaterThanOrEqual(MUST_PASS[name].length);
  });

  it.each(TEMPLATE_NAMES)(
    '%s passes the checks of what it promises',
    async name => {
      const workspace = await renderSkeleton(name);
      const { templates } = await loadTemplates(workspace);
      const inventory = mapToInventory(templates, {
        accountId: '000000000000',
        region: SAMPLE_VALUES[name].region,
        partition: 'aws',
      });
      const findings = evaluateInventory(inventory, [...defaultChecks]);
      for (const checkId of MUST_PASS[name]) {
        const results = findings.filter(f => f.checkId === checkId);
        expect({ checkId, evaluated: results.length > 0 }).toEqual({
          checkId,
          evaluated: true,
        });
        // Passes on the resources it concerns (others: not applicable).
        const statuses = new Set(results.map(f => f.status));
        statuses.delete('not_applicable');
        expect({ checkId, statuses: [...statuses] }).toEqual({
          checkId,
          statuses: ['pass'],
        });
      }
    },
  );
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    }),
  );
  return nested.flat();
}
