import {
  RemediationTemplate,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { getPath } from '../checks/support/paths';

/**
 * The scaffolder templates that fix failing checks, and their parameters.
 * Checks may only name these templates and parameters (asserted by tests).
 *
 * @public
 */
export const REMEDIATION_TEMPLATES = {
  'secure-sagemaker-endpoint': [
    'serviceName',
    'owner',
    'endpointName',
    'modelName',
    'instanceType',
    'region',
    'accountId',
  ],
  'secure-sagemaker-notebook': [
    'serviceName',
    'owner',
    'notebookName',
    'instanceType',
    'region',
    'accountId',
  ],
  'secure-ml-project-foundation': [
    'serviceName',
    'owner',
    'domainName',
    'vpcId',
    'region',
    'accountId',
  ],
} as const satisfies Record<string, readonly string[]>;

/** @public */
export type RemediationTemplateName = keyof typeof REMEDIATION_TEMPLATES;

const COMMON_PREFILL = {
  serviceName: 'tags.ml-service',
  owner: 'tags.owner',
  region: 'region',
  accountId: 'accountId',
};

export const NOTEBOOK_TEMPLATE: RemediationTemplate = {
  name: 'secure-sagemaker-notebook',
  prefill: {
    ...COMMON_PREFILL,
    notebookName: 'name',
    instanceType: 'description.InstanceType',
  },
};

export const ENDPOINT_TEMPLATE: RemediationTemplate = {
  name: 'secure-sagemaker-endpoint',
  prefill: {
    ...COMMON_PREFILL,
    endpointName: 'name',
  },
};

export const ENDPOINT_CONFIG_TEMPLATE: RemediationTemplate = {
  name: 'secure-sagemaker-endpoint',
  prefill: {
    ...COMMON_PREFILL,
    modelName: 'description.ProductionVariants.0.ModelName',
    instanceType: 'description.ProductionVariants.0.InstanceType',
  },
};

export const MODEL_TEMPLATE: RemediationTemplate = {
  name: 'secure-sagemaker-endpoint',
  prefill: { ...COMMON_PREFILL, modelName: 'name' },
};

export const DOMAIN_TEMPLATE: RemediationTemplate = {
  name: 'secure-ml-project-foundation',
  prefill: {
    ...COMMON_PREFILL,
    domainName: 'name',
    vpcId: 'description.VpcId',
  },
};

/** The foundation (VPC, endpoints, roles, keys) for checks spanning many resource types. */
export const FOUNDATION_TEMPLATE: RemediationTemplate = {
  name: 'secure-ml-project-foundation',
  prefill: { ...COMMON_PREFILL },
};

/**
 * Resolves one prefill path (`name`, `tags.<key>`, `description.<A>.<B>`...) on a resource.
 *
 * @public
 */
export function resolvePrefillPath(
  resource: SageMakerResource,
  path: string,
): string | undefined {
  const [head, ...rest] = path.split('.');
  let value: unknown;
  switch (head) {
    case 'name':
    case 'arn':
    case 'accountId':
    case 'region':
      value = rest.length === 0 ? resource[head] : undefined;
      break;
    case 'tags':
      value = resource.tags?.[rest.join('.')];
      break;
    case 'description':
      value = getPath(resource.description, rest.join('.'));
      break;
    default:
      value = undefined;
  }
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/**
 * Parameter values for a template, from the failing resource; unresolved paths are left out.
 *
 * @public
 */
export function renderPrefill(
  template: RemediationTemplate,
  resource: SageMakerResource,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [parameter, path] of Object.entries(template.prefill)) {
    const value = resolvePrefillPath(resource, path);
    if (value !== undefined) {
      values[parameter] = value;
    }
  }
  return values;
}

/**
 * The scaffolder link: `/create/templates/default/<name>?formData=<json>`.
 *
 * @public
 */
export function remediationTemplateUrl(
  template: RemediationTemplate,
  resource: SageMakerResource,
): string {
  const formData = encodeURIComponent(
    JSON.stringify(renderPrefill(template, resource)),
  );
  return `/create/templates/default/${encodeURIComponent(
    template.name,
  )}?formData=${formData}`;
}
