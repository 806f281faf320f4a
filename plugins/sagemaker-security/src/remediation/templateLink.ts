import type { RemediationTemplate } from '@mlsec/plugin-sagemaker-security-common';

/** What a prefill path can read: the failing resource, with its Describe* data when known. */
export interface PrefillSource {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  tags: Record<string, string>;
  description?: Record<string, unknown>;
}

const TOP_LEVEL_FIELDS = ['name', 'accountId', 'region', 'arn'] as const;

/**
 * Reads one prefill path (`name`, `accountId`, `region`, `arn`, `tags.<key>`,
 * `description.<Field>[.<Sub>...]`) from the resource; undefined when absent.
 */
export function resolvePrefillPath(
  source: PrefillSource,
  path: string,
): unknown {
  if ((TOP_LEVEL_FIELDS as readonly string[]).includes(path)) {
    return source[path as (typeof TOP_LEVEL_FIELDS)[number]];
  }
  if (path.startsWith('tags.')) {
    // Tag keys may contain dots (`app.kubernetes.io/name`): the rest is the key.
    return source.tags[path.slice('tags.'.length)];
  }
  if (path.startsWith('description.')) {
    let value: unknown = source.description;
    for (const segment of path.slice('description.'.length).split('.')) {
      if (value === null || typeof value !== 'object') {
        return undefined;
      }
      value = (value as Record<string, unknown>)[segment];
    }
    return value;
  }
  return undefined;
}

/** True when the template's prefill needs the resource's Describe* data. */
export function needsDescription(template: RemediationTemplate): boolean {
  return Object.values(template.prefill).some(path =>
    path.startsWith('description.'),
  );
}

/**
 * The template's form values for this resource. Values that cannot be read are
 * left out, so the template asks for them instead of receiving a wrong value.
 */
export function buildPrefill(
  template: RemediationTemplate,
  source: PrefillSource,
): Record<string, unknown> {
  const formData: Record<string, unknown> = {};
  for (const [parameter, path] of Object.entries(template.prefill)) {
    const value = resolvePrefillPath(source, path);
    if (value !== undefined && value !== null) {
      formData[parameter] = value;
    }
  }
  return formData;
}

/**
 * Link to the scaffolder's template form, prefilled through `?formData=`
 * (read by the scaffolder's `useFormDataFromQuery`).
 */
export function templateFormUrl(
  templateName: string,
  formData: Record<string, unknown>,
  options: { scaffolderPath?: string; namespace?: string } = {},
): string {
  const base = (options.scaffolderPath ?? '/create').replace(/\/$/, '');
  const namespace = encodeURIComponent(options.namespace ?? 'default');
  const query = encodeURIComponent(JSON.stringify(formData));
  return `${base}/templates/${namespace}/${encodeURIComponent(
    templateName,
  )}?formData=${query}`;
}
