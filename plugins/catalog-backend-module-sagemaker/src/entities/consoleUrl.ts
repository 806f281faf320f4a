import { ResourceType } from '@mlsec/plugin-sagemaker-security-common';

/** Console page fragment per type (`#/...`), as the SageMaker console routes them. */
const FRAGMENTS: Partial<
  Record<ResourceType, (name: string, domainId?: string) => string | undefined>
> = {
  'notebook-instance': name => `notebook-instances/${name}`,
  endpoint: name => `endpoints/${name}`,
  'endpoint-config': name => `endpointConfig/${name}`,
  model: name => `models/${name}`,
  domain: (_name, domainId) => domainId && `studio/${domainId}`,
  // The console has no stable per-profile page; the domain page lists them.
  'user-profile': (_name, domainId) => domainId && `studio/${domainId}`,
  'model-package-group': name => `model-packages/${name}`,
  pipeline: name => `pipelines/${name}`,
  'feature-group': name => `feature-groups/${name}/details`,
  'monitoring-schedule': name => `monitoring-schedules/${name}`,
};

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
  const fragment = FRAGMENTS[resource.type]?.(
    encodeURIComponent(resource.name),
    resource.domainId,
  );
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
