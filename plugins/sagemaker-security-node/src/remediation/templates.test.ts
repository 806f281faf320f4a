import { endpoint, endpointConfig, notebook } from '../testing/fixtures';
import {
  ENDPOINT_CONFIG_TEMPLATE,
  NOTEBOOK_TEMPLATE,
  remediationTemplateUrl,
  renderPrefill,
  resolvePrefillPath,
} from './templates';

describe('renderPrefill', () => {
  it('fills template parameters from the failing resource', () => {
    const target = notebook(
      { InstanceType: 'ml.t3.large' },
      { name: 'fraud-nb' },
    );
    expect(renderPrefill(NOTEBOOK_TEMPLATE, target)).toEqual({
      serviceName: 'fraud-scoring',
      owner: 'team-ml',
      notebookName: 'fraud-nb',
      instanceType: 'ml.t3.large',
      region: 'eu-west-1',
      accountId: '111122223333',
    });
  });

  it('reads list elements in description paths and leaves out what is absent', () => {
    const values = renderPrefill(
      ENDPOINT_CONFIG_TEMPLATE,
      endpointConfig({}, { tags: {} }),
    );
    expect(values).toEqual({
      modelName: 'test-model',
      instanceType: 'ml.m5.large',
      region: 'eu-west-1',
      accountId: '111122223333',
    });
  });

  it('resolves only known path roots', () => {
    const target = endpoint();
    expect(resolvePrefillPath(target, 'arn')).toBe(target.arn);
    expect(resolvePrefillPath(target, 'errors')).toBeUndefined();
    expect(resolvePrefillPath(target, 'name.extra')).toBeUndefined();
  });

  it('builds the scaffolder link with URL-encoded form data', () => {
    const url = remediationTemplateUrl(
      NOTEBOOK_TEMPLATE,
      notebook({}, { name: 'a&b' }),
    );
    expect(
      url.startsWith(
        '/create/templates/default/secure-sagemaker-notebook?formData=',
      ),
    ).toBe(true);
    const formData = JSON.parse(decodeURIComponent(url.split('formData=')[1]));
    expect(formData.notebookName).toBe('a&b');
  });
});
