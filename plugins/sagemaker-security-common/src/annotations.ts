/**
 * Upstream AWS annotation holding the resource's ARN (also used by Roadie's and AWS's own plugins).
 *
 * @public
 */
export const ANNOTATION_AWS_ARN = 'amazonaws.com/arn';

/**
 * Upstream AWS annotation holding the resource's AWS account ID.
 *
 * @public
 */
export const ANNOTATION_AWS_ACCOUNT_ID = 'amazonaws.com/account-id';

/**
 * Upstream AWS annotation holding the resource's AWS region.
 *
 * @public
 */
export const ANNOTATION_AWS_REGION = 'amazonaws.com/region';

/**
 * On a Component: select SageMaker resources by tags, e.g. `ml-service=fraud-scoring,env=prod`.
 * An alternative to `dependsOn` relations.
 *
 * @public
 */
export const ANNOTATION_SAGEMAKER_TAG_SELECTOR =
  'sagemaker.mlsec.io/tag-selector';

/**
 * Label on generated Resource entities naming their SageMaker resource type.
 *
 * @public
 */
export const LABEL_SAGEMAKER_RESOURCE_TYPE = 'sagemaker.mlsec.io/resource-type';

/**
 * `spec.type` prefix of generated Resource entities, e.g. `sagemaker-endpoint`.
 *
 * @public
 */
export const SAGEMAKER_ENTITY_TYPE_PREFIX = 'sagemaker-';

/**
 * Parses a tag selector annotation value (`k=v,k2=v2`) into pairs; throws on bad syntax.
 *
 * @public
 */
export function parseTagSelector(
  value: string,
): Array<{ key: string; value: string }> {
  const pairs = value
    .split(',')
    .map(part => part.trim())
    .filter(part => part.length > 0);
  if (pairs.length === 0) {
    throw new Error(
      `Tag selector "${value}" is empty; expected key=value[,key=value]`,
    );
  }
  return pairs.map(pair => {
    const index = pair.indexOf('=');
    if (index <= 0) {
      throw new Error(`Tag selector part "${pair}" must be key=value`);
    }
    return {
      key: pair.slice(0, index).trim(),
      value: pair.slice(index + 1).trim(),
    };
  });
}

/**
 * Default key of the tag naming a resource's ML service Component; configurable in app-config.
 *
 * @public
 */
export const DEFAULT_COMPONENT_TAG_KEY = 'ml-service';

/**
 * Default keys of the tags naming a resource's owning Group, first resolvable one wins;
 * configurable in app-config.
 *
 * @public
 */
export const DEFAULT_OWNER_TAG_KEYS = ['owner', 'team'];

/**
 * Default key of the tag naming a resource's System; configurable in app-config.
 *
 * @public
 */
export const DEFAULT_SYSTEM_TAG_KEY = 'system';
