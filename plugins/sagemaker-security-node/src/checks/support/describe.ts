import {
  Evidence,
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';

/** The SageMaker API call whose response is a resource's `description` (from the registry). */
export const DESCRIBE_OPERATIONS = Object.fromEntries(
  RESOURCE_TYPE_DESCRIPTORS.map(d => [d.id, d.api.describe]),
) as Record<ResourceType, string>;

/** `describePath` strings, built once per operation and path. */
const describedPaths = new Map<string, Map<string, string>>();

/** `DescribeNotebookInstance.DirectInternetAccess` for a field of the resource. */
export function describePath(
  resource: Pick<SageMakerResource, 'type'>,
  path: string,
): string {
  const operation = DESCRIBE_OPERATIONS[resource.type];
  if (typeof operation !== 'string' || typeof path !== 'string') {
    return `${operation}.${path}`;
  }
  let paths = describedPaths.get(operation);
  if (paths === undefined) {
    paths = new Map();
    describedPaths.set(operation, paths);
  }
  let described = paths.get(path);
  if (described === undefined) {
    described = `${operation}.${path}`;
    if (paths.size >= 1000) {
      paths.clear();
    }
    paths.set(path, described);
  }
  return described;
}

export function fieldEvidence(
  resource: SageMakerResource,
  path: string,
  observed: unknown,
  expected: unknown,
): Evidence {
  return {
    path: describePath(resource, path),
    observed,
    expected,
    relatedArn: resource.arn,
  };
}
