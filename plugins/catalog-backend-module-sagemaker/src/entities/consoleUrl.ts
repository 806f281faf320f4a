import {
  fillTemplate,
  findResourceTypeDescriptor,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';

function consoleHost(partition: string, region: string): string {
  switch (partition) {
    case 'aws-cn':
      return 'console.amazonaws.cn';
    case 'aws-us-gov':
      return 'console.amazonaws-us-gov.com';
    default:
      return `${region}.console.aws.amazon.com`;
  }
}

/** The AWS console page of a SageMaker resource, or undefined when unknown. */
export function consoleUrl(resource: {
  arn: string;
  type: ResourceType;
  name: string;
  region: string;
  domainId?: string;
}): string | undefined {
  // The descriptor's console page, e.g. `notebook-instances/{name}`.
  const page = findResourceTypeDescriptor(resource.type)?.catalog?.consolePage;
  const fragment =
    page &&
    fillTemplate(page, {
      name: encodeURIComponent(resource.name),
      domainId: resource.domainId,
    });
  if (!fragment) {
    return undefined;
  }
  const partition = resource.arn.split(':')[1] || 'aws';
  const region = encodeURIComponent(resource.region);
  return `https://${consoleHost(
    partition,
    resource.region,
  )}/sagemaker/home?region=${region}#/${fragment}`;
}
