import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The secure templates, shipped in the catalog module that registers them. */
export const TEMPLATES_DIR = resolvePackagePath(
  '@mlsec/plugin-scaffolder-backend-module-sagemaker-security',
  '../catalog-backend-module-sagemaker/templates',
);

/** Sample parameter values for each template, as a user would fill the form. */
export const SAMPLE_VALUES: Record<string, Record<string, string>> = {
  'secure-sagemaker-endpoint': {
    serviceName: 'fraud-scoring',
    owner: 'group:default/ml-platform',
    system: 'payments-ml',
    endpointName: 'fraud-scoring-prod',
    modelName: 'fraud-scoring-xgb',
    instanceType: 'ml.m5.xlarge',
    region: 'eu-west-1',
    accountId: '123456789012',
  },
  'secure-sagemaker-notebook': {
    serviceName: 'churn-research',
    owner: 'group:default/data-science',
    system: 'customer-ml',
    notebookName: 'churn-research-nb',
    instanceType: 'ml.t3.medium',
    region: 'eu-west-1',
    accountId: '123456789012',
  },
  'secure-ml-project-foundation': {
    serviceName: 'recommender',
    owner: 'group:default/ml-platform',
    system: 'recommendations',
    domainName: 'recommender-studio',
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    authMode: 'SSO',
    region: 'eu-west-1',
    accountId: '123456789012',
  },
};

/** Replaces `${{ values.x }}` as fetch:template would; an unknown name throws. */
export function renderText(text: string, values: Record<string, string>) {
  return text.replace(
    /\$\{\{\s*values\.([A-Za-z0-9_]+)\s*\}\}/g,
    (_m, name) => {
      if (!(name in values)) throw new Error(`No sample value for ${name}`);
      return values[name];
    },
  );
}

async function copyRendered(
  from: string,
  to: string,
  values: Record<string, string>,
) {
  await fs.mkdir(to, { recursive: true });
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      await copyRendered(source, target, values);
    } else {
      await fs.writeFile(
        target,
        renderText(await fs.readFile(source, 'utf8'), values),
      );
    }
  }
}

/** Renders a template's skeleton into a new temporary workspace. */
export async function renderSkeleton(
  templateName: string,
  values: Record<string, string> = SAMPLE_VALUES[templateName],
): Promise<string> {
  const workspace = await fs.mkdtemp(
    path.join(os.tmpdir(), `${templateName}-`),
  );
  await copyRendered(
    path.join(TEMPLATES_DIR, templateName, 'skeleton'),
    workspace,
    values,
  );
  return workspace;
}
