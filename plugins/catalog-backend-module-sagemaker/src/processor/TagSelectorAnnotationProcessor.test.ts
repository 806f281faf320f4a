import { TagSelectorAnnotationProcessor } from './TagSelectorAnnotationProcessor';
import { component } from '../testing/fakes';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

describe('TagSelectorAnnotationProcessor', () => {
  const processor = new TagSelectorAnnotationProcessor();

  it('reports a malformed selector on the Component', async () => {
    const emit = jest.fn();
    const entity = component('fraud-service', 'ml-service');
    await expect(
      processor.preProcessEntity(entity, location, emit),
    ).resolves.toBe(entity);
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining(
            'component:default/fraud-service has an invalid sagemaker.mlsec.io/tag-selector annotation',
          ),
        }),
      }),
    );
  });

  it('accepts a valid selector and ignores entities without one', async () => {
    const emit = jest.fn();
    await processor.preProcessEntity(
      component('a', 'ml-service=fraud,env=prod'),
      location,
      emit,
    );
    await processor.preProcessEntity(component('b'), location, emit);
    expect(emit).not.toHaveBeenCalled();
  });
});
