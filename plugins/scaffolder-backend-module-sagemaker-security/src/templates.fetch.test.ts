import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  defaultChecks,
  REMEDIATION_TEMPLATES,
} from '@mlsec/plugin-sagemaker-security-node';
import { createValidateAction } from './actions/validate';
import { SAMPLE_VALUES, TEMPLATES_DIR } from './testing/renderSkeleton';

/**
 * The scaffolder's own fetch:template (nunjucks) renders each skeleton from
 * disk, as in a task, then the validate step runs on the result.
 */
describe('templates rendered by fetch:template', () => {
  const fetchTemplate = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    // Only used for remote URLs; the skeletons are read from disk.
    integrations: {} as any,
  });
  const validate = createValidateAction({
    checks: [...defaultChecks],
    defaultFailOn: 'high',
  });

  it.each(Object.keys(REMEDIATION_TEMPLATES))('%s', async name => {
    const workspace = await fs.mkdtemp(path.join(os.tmpdir(), `${name}-`));
    const templateInfo = {
      entityRef: `template:default/${name}`,
      baseUrl: `file://${path.join(TEMPLATES_DIR, name, 'template.yaml')}`,
    };
    await fetchTemplate.handler({
      ...createMockActionContext({
        workspacePath: workspace,
        templateInfo,
        input: { url: './skeleton', values: SAMPLE_VALUES[name] } as any,
        logger: mockServices.logger.mock(),
      }),
      // As in a task: the fetched template is staged outside the workspace.
      createTemporaryDirectory: () =>
        fs.mkdtemp(path.join(os.tmpdir(), 'fetch-')),
    } as any);
    const rendered = await fs.readFile(
      path.join(workspace, 'catalog-info.yaml'),
      'utf8',
    );
    expect(rendered).toContain(
      `sagemaker.mlsec.io/tag-selector: ml-service=${SAMPLE_VALUES[name].serviceName}`,
    );
    expect(rendered).not.toContain('${{');

    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { path: '.', failOn: 'high', region: SAMPLE_VALUES[name].region },
      logger: mockServices.logger.mock(),
    });
    await validate.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.objectContaining({ files: 1, fail: 0, blocking: 0 }),
    );
  });
});
