import {
  descriptorOfCloudFormationType,
  RelatedFact,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { SAGEMAKER_TYPES } from './identities';
import { isRecord, StackEnvironment, Unresolved } from './intrinsics';
import { describeAutoMLJob } from './mapAutoMLJob';
import { CloudFormationTemplate } from './parse';
import { mapRelatedFacts } from './relatedFacts';
import { ResolvedResource, resolveTemplate } from './resolveTemplate';
import {
  replaceUnresolved,
  unresolvedError,
  UnresolvedValue,
} from './unresolvedMarkers';

/** Where a mapped resource was declared. */
export interface ResourceSource {
  file: string;
  logicalId: string;
  cfnType: string;
}

/** The inventory a set of templates would create, in the live scan's shape. */
export interface IacInventory {
  resources: SageMakerResource[];
  facts: RelatedFact[];
  /** By resource ARN. */
  sources: Record<string, ResourceSource>;
}

/** The resource type a CloudFormation type declares, from the registry. */
function resourceTypeOf(cfnType: string): ResourceType | undefined {
  return descriptorOfCloudFormationType(cfnType)?.id;
}

type Props = Record<string, unknown>;

/**
 * Describe* field names and AWS defaults per type. CloudFormation mostly uses
 * the Describe* names already; the exceptions are renamed here, and defaults
 * AWS applies when a property is omitted are filled in, so that a check reads
 * the same field as in a live scan.
 */
const DESCRIBE: Record<
  string,
  (props: Props, ids: { name: string; arn: string; domainId?: string }) => Props
> = {
  'AWS::SageMaker::NotebookInstance': (
    { SecurityGroupIds, LifecycleConfigName, ...rest },
    { name, arn },
  ) => ({
    DirectInternetAccess: 'Enabled',
    RootAccess: 'Enabled',
    // CreateNotebookInstance defaults to IMDSv1 when not set.
    InstanceMetadataServiceConfiguration: {
      MinimumInstanceMetadataServiceVersion: '1',
    },
    ...rest,
    NotebookInstanceName: name,
    NotebookInstanceArn: arn,
    ...(SecurityGroupIds !== undefined && { SecurityGroups: SecurityGroupIds }),
    ...(LifecycleConfigName !== undefined && {
      NotebookInstanceLifecycleConfigName: LifecycleConfigName,
    }),
  }),
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': (
    props,
    { name, arn },
  ) => ({
    ...props,
    NotebookInstanceLifecycleConfigName: name,
    NotebookInstanceLifecycleConfigArn: arn,
  }),
  'AWS::SageMaker::Model': (props, { name, arn }) => ({
    EnableNetworkIsolation: false,
    ...props,
    ModelName: name,
    ModelArn: arn,
  }),
  'AWS::SageMaker::EndpointConfig': (props, { name, arn }) => ({
    ...props,
    EndpointConfigName: name,
    EndpointConfigArn: arn,
  }),
  'AWS::SageMaker::Endpoint': (props, { name, arn }) => ({
    ...props,
    EndpointName: name,
    EndpointArn: arn,
  }),
  'AWS::SageMaker::Domain': (props, { name, arn, domainId }) => ({
    AppNetworkAccessType: 'PublicInternetOnly',
    ...props,
    DomainName: name,
    DomainArn: arn,
    DomainId: domainId,
    // An SSO domain is linked to an IAM Identity Center application by AWS
    // at creation (creation fails without one); its ID is synthetic here.
    ...(props.AuthMode === 'SSO' && {
      SingleSignOnManagedApplicationInstanceId: `ins-${domainId}`,
    }),
  }),
  'AWS::SageMaker::UserProfile': (props, { name, arn }) => ({
    ...props,
    UserProfileName: name,
    UserProfileArn: arn,
  }),
  'AWS::SageMaker::Space': (props, { name, arn }) => ({
    ...props,
    SpaceName: name,
    SpaceArn: arn,
  }),
  'AWS::SageMaker::FeatureGroup': (props, { name, arn }) => ({
    ...props,
    FeatureGroupName: name,
    FeatureGroupArn: arn,
  }),
  'AWS::SageMaker::ModelPackageGroup': (
    { ModelPackageGroupPolicy, ...rest },
    { name, arn },
  ) => ({
    ...rest,
    ModelPackageGroupName: name,
    ModelPackageGroupArn: arn,
    ResourcePolicy: policyString(ModelPackageGroupPolicy),
  }),
  'AWS::SageMaker::MonitoringSchedule': (props, { name, arn }) => {
    const config = isRecord(props.MonitoringScheduleConfig)
      ? props.MonitoringScheduleConfig
      : {};
    return {
      // A schedule starts in the Scheduled state once created.
      MonitoringScheduleStatus: 'Scheduled',
      ...props,
      ...(config.MonitoringType !== undefined && {
        MonitoringType: config.MonitoringType,
      }),
      MonitoringScheduleName: name,
      MonitoringScheduleArn: arn,
    };
  },
  'AWS::SageMaker::Pipeline': (
    { PipelineDefinition, ...rest },
    { name, arn },
  ) => {
    const definition = isRecord(PipelineDefinition) ? PipelineDefinition : {};
    const body =
      definition.PipelineDefinitionBody ??
      (definition.PipelineDefinitionS3Location !== undefined
        ? new Unresolved(
            'PipelineDefinitionS3Location (read from S3 at deploy)',
          )
        : undefined);
    return {
      ...rest,
      ...(body !== undefined && { PipelineDefinition: body }),
      PipelineName: name,
      PipelineArn: arn,
    };
  },
  // CloudFormation prefixes the image's fields (ImageRoleArn is DescribeImage's RoleArn).
  'AWS::SageMaker::Image': (
    { ImageRoleArn, ImageDescription, ImageDisplayName, ...rest },
    { name, arn },
  ) => ({
    ...rest,
    ...(ImageRoleArn !== undefined && { RoleArn: ImageRoleArn }),
    ...(ImageDescription !== undefined && { Description: ImageDescription }),
    ...(ImageDisplayName !== undefined && { DisplayName: ImageDisplayName }),
    ImageName: name,
    ImageArn: arn,
  }),
  'AWS::SageMaker::InferenceExperiment': (props, { name, arn }) => ({
    ...props,
    Name: name,
    Arn: arn,
  }),
  // The V1 request, described in the V2 shape (mapAutoMLJob.ts).
  'AWS::SageMaker::AutoMLJob': describeAutoMLJob,
};

/** A resource policy as SageMaker returns it: a JSON string; null = none. */
function policyString(policy: unknown): unknown {
  if (policy === undefined) return null;
  return isRecord(policy) ? JSON.stringify(policy) : policy;
}

/**
 * Types without an entry in `DESCRIBE` (job definitions, HyperPod clusters):
 * the properties under their Describe names, the descriptor's defaults for
 * omitted ones, and the name and ARN in the descriptor's fields.
 */
function fromDescriptor(
  cfnType: string,
  props: Props,
  ids: { name: string; arn: string },
): Props {
  const descriptor = descriptorOfCloudFormationType(cfnType);
  const cloudFormation = descriptor?.cloudFormation;
  if (!descriptor || !cloudFormation) return props;
  return {
    ...cloudFormation.defaults,
    ...props,
    [cloudFormation.nameProperty]: ids.name,
    [descriptor.api.arnField]: ids.arn,
  };
}

function describe(resource: ResolvedResource): Props {
  const { nameProperty } = SAGEMAKER_TYPES[resource.type];
  const { Tags: _tags, [nameProperty]: _name, ...props } = resource.props;
  const ids = {
    name: String(resource.attributes[nameProperty]),
    arn: String(resource.attributes.Arn),
    domainId:
      typeof resource.attributes.DomainId === 'string'
        ? resource.attributes.DomainId
        : undefined,
  };
  const build = DESCRIBE[resource.type];
  return build ? build(props, ids) : fromDescriptor(resource.type, props, ids);
}

function tagsOf(props: Props): Record<string, unknown> {
  const tags: Record<string, unknown> = {};
  if (Array.isArray(props.Tags)) {
    for (const tag of props.Tags) {
      if (isRecord(tag) && typeof tag.Key === 'string')
        tags[tag.Key] = tag.Value;
    }
  } else if (isRecord(props.Tags)) {
    // Some types (e.g. SSM) take tags as a map; accept both.
    Object.assign(tags, props.Tags);
  }
  return tags;
}

/** The endpoint's data capture as DescribeEndpoint reports it, from its config. */
function endpointDataCapture(config: Props | undefined): Props | undefined {
  const capture = isRecord(config?.DataCaptureConfig)
    ? config!.DataCaptureConfig
    : undefined;
  if (!capture) return undefined;
  const enabled = capture.EnableCapture !== false;
  return {
    EnableCapture: capture.EnableCapture ?? true,
    CaptureStatus: enabled ? 'Started' : 'Stopped',
    CurrentSamplingPercentage: capture.InitialSamplingPercentage,
    DestinationS3Uri: capture.DestinationS3Uri,
    KmsKeyId: capture.KmsKeyId,
  };
}

function toSageMakerResource(
  resource: ResolvedResource,
  type: ResourceType,
  env: Omit<StackEnvironment, 'stackName'>,
  description: Props,
): SageMakerResource {
  const target = `${resource.file}#${resource.logicalId}`;
  const found: UnresolvedValue[] = [];
  const finalDescription = replaceUnresolved(description, '', found) as Props;
  const tagsFound: UnresolvedValue[] = [];
  const tags = replaceUnresolved(tagsOf(resource.props), 'Tags', tagsFound);
  const { nameProperty } = SAGEMAKER_TYPES[resource.type];
  return {
    arn: String(resource.attributes.Arn),
    type,
    name: String(resource.attributes[nameProperty]),
    accountId: env.accountId,
    region: env.region,
    tags: Object.fromEntries(
      Object.entries(tags as Props).map(([k, v]) => [k, String(v)]),
    ),
    status:
      typeof finalDescription.MonitoringScheduleStatus === 'string'
        ? finalDescription.MonitoringScheduleStatus
        : undefined,
    description: finalDescription,
    errors: [...found, ...tagsFound].map(v => unresolvedError(v, target)),
  };
}

/**
 * Maps CloudFormation templates (each one stack) to the inventory shape of a
 * live scan: SageMaker resources with Describe*-shaped descriptions, and the
 * related facts (keys, buckets, roles, network, trails, alarms, log groups).
 */
export function mapToInventory(
  templates: CloudFormationTemplate[],
  env: Omit<StackEnvironment, 'stackName'>,
): IacInventory {
  const resolved = templates.flatMap(template =>
    resolveTemplate(template, {
      ...env,
      stackName: stackNameOf(template.file),
    }),
  );

  const descriptions = new Map<ResolvedResource, Props>();
  for (const resource of resolved) {
    if (resourceTypeOf(resource.type)) {
      descriptions.set(resource, describe(resource));
    }
  }
  // DescribeEndpoint reports the data capture of the endpoint's config.
  for (const [resource, description] of descriptions) {
    if (resource.type !== 'AWS::SageMaker::Endpoint') continue;
    const config = [...descriptions].find(
      ([other, d]) =>
        other.type === 'AWS::SageMaker::EndpointConfig' &&
        d.EndpointConfigName === description.EndpointConfigName,
    );
    const capture = endpointDataCapture(config?.[1]);
    if (capture) description.DataCaptureConfig = capture;
  }

  const resources: SageMakerResource[] = [];
  const sources: Record<string, ResourceSource> = {};
  for (const [resource, description] of descriptions) {
    const mapped = toSageMakerResource(
      resource,
      resourceTypeOf(resource.type)!,
      env,
      description,
    );
    resources.push(mapped);
    sources[mapped.arn] = {
      file: resource.file,
      logicalId: resource.logicalId,
      cfnType: resource.type,
    };
  }
  return { resources, facts: mapRelatedFacts(resolved, env), sources };
}

/** A stable stack name per file, used where CloudFormation would generate names. */
function stackNameOf(file: string): string {
  const base = file.split('/').pop() ?? file;
  return (
    base
      .replace(/\.(ya?ml|json|template)$/i, '')
      .replace(/[^A-Za-z0-9-]/g, '-') || 'stack'
  );
}
