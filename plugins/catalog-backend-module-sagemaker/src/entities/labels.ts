import { LABEL_SAGEMAKER_RESOURCE_TYPE } from '@mlsec/plugin-sagemaker-security-common';
import { ResourceType } from '@mlsec/plugin-sagemaker-security-common';

const MAX_LENGTH = 63;

/** Label keys and values: `[a-zA-Z0-9]` at both ends, `-_.` inside, 63 chars. */
function sanitizeLabelPart(value: string): string {
  const trim = (text: string) =>
    text.replace(/^[^a-zA-Z0-9]+/, '').replace(/[^a-zA-Z0-9]+$/, '');
  return trim(
    trim(value.replace(/[^a-zA-Z0-9-_.]+/g, '-')).slice(0, MAX_LENGTH),
  );
}

/**
 * Tags as labels, sanitised to the catalog's label rules. AWS-reserved
 * `aws:*` tags (CloudFormation stack IDs and the like) are left out; the
 * resource type label is ours and wins over a tag of the same key.
 */
export function labelsFromTags(
  tags: Record<string, string>,
  type: ResourceType,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of Object.keys(tags).sort()) {
    if (key.toLocaleLowerCase('en-US').startsWith('aws:')) {
      continue;
    }
    const labelKey = sanitizeLabelPart(key);
    if (labelKey && !(labelKey in labels)) {
      labels[labelKey] = sanitizeLabelPart(tags[key]);
    }
  }
  labels[LABEL_SAGEMAKER_RESOURCE_TYPE] = type;
  return labels;
}
